/**
 * The error payloads AWS returns when the sandbox, not the handler, ends an invocation:
 * a timeout, a runtime that exited or ran out of memory.
 *
 * @module
 */

/** How a process ended. */
export interface ProcessExit {
  /** The exit code, when it exited by itself. */
  readonly code: number | null;
  /** The signal that ended it, if any. */
  readonly signal: string | null;
}

// Go's names for signals: AWS's sandbox is written in Go and prints them this way.
const SIGNAL_NAMES: Readonly<Record<string, string>> = {
  SIGABRT: "aborted",
  SIGBUS: "bus error",
  SIGFPE: "floating point exception",
  SIGHUP: "hangup",
  SIGILL: "illegal instruction",
  SIGINT: "interrupt",
  SIGKILL: "killed",
  SIGPIPE: "broken pipe",
  SIGQUIT: "quit",
  SIGSEGV: "segmentation fault",
  SIGTERM: "terminated",
  SIGTRAP: "trace/breakpoint trap",
  SIGUSR1: "user defined signal 1",
  SIGUSR2: "user defined signal 2",
};

/** An invocation error: its JSON and the type for the log's REPORT line. */
export interface SandboxError {
  /** `errorType`. */
  readonly errorType: string;
  /** `errorMessage`. */
  readonly errorMessage: string;
  /** The error JSON returned to the caller. */
  readonly payload: Uint8Array;
}

/**
 * An invocation error of the given type, with AWS's error JSON.
 *
 * @example The error of an environment that could not start
 * ```ts
 * const { payload } = sandboxError("Runtime.Unknown", "spawn node ENOENT");
 * ```
 *
 * @param errorType `errorType`, e.g. `Runtime.Unknown`.
 * @param errorMessage `errorMessage`.
 * @returns The error and its JSON.
 */
export function sandboxError(errorType: string, errorMessage: string): SandboxError {
  const payload = new TextEncoder().encode(JSON.stringify({ errorType, errorMessage }));
  return { errorType, errorMessage, payload };
}

/**
 * `exit status 3`, `signal: killed`: how AWS describes a runtime's end.
 *
 * @param exit How the process ended.
 * @returns The description.
 */
export function describeExit(exit: ProcessExit): string {
  if (exit.signal) return `signal: ${SIGNAL_NAMES[exit.signal] ?? exit.signal.toLowerCase()}`;
  return `exit status ${exit.code ?? 0}`;
}

/**
 * The function ran past its timeout and was stopped.
 *
 * @param requestId The invocation.
 * @param timeoutSeconds The configured timeout.
 * @returns `Sandbox.Timedout`.
 */
export function timedOut(requestId: string, timeoutSeconds: number): SandboxError {
  return sandboxError(
    "Sandbox.Timedout",
    `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
  );
}

/**
 * The runtime process ended during the invocation without answering it.
 *
 * @param requestId The invocation.
 * @param exit How the process ended.
 * @returns `Runtime.ExitError`.
 */
export function runtimeExited(requestId: string, exit: ProcessExit): SandboxError {
  const reason = !exit.signal && exit.code === 0
    ? "Runtime exited without providing a reason"
    : `Runtime exited with error: ${describeExit(exit)}`;
  return sandboxError("Runtime.ExitError", `RequestId: ${requestId} Error: ${reason}`);
}

/**
 * The runtime used up its memory. AWS's sandbox kills a function that reaches its memory size
 * (`signal: killed`); locally the V8 heap limit derived from the memory size plays that part.
 *
 * @param requestId The invocation.
 * @returns `Runtime.OutOfMemory`.
 */
export function outOfMemory(requestId: string): SandboxError {
  return sandboxError(
    "Runtime.OutOfMemory",
    `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`,
  );
}

/**
 * Whether a process's end and its last output look like a V8 heap exhaustion.
 *
 * @param exit How the process ended.
 * @param output What it printed last.
 * @returns True for an out-of-memory crash.
 */
export function isOutOfMemory(exit: ProcessExit, output: string): boolean {
  return /heap out of memory|javascript out of memory|process out of memory|allocation failed/i.test(
    output,
  ) &&
    (exit.signal !== null || exit.code !== 0);
}
