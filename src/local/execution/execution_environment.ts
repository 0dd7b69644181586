/**
 * One execution environment: a function process and its Runtime API, serving one invocation
 * at a time. It turns whatever happens (an answer, a timeout, a crash, a failed init) into an
 * `InvocationResult` with AWS's error JSON and log lines.
 *
 * A failed init is retried as on AWS: an init that fails or outlives the start limit (AWS: 10 s)
 * is reported as `INIT_REPORT … Phase: init`, and the executor starts a new environment whose
 * init runs inside the invocation, under the function's own timeout (`initRetry`); if that one
 * fails too it is `INIT_REPORT … Phase: invoke` and the invocation's error (S: DOC
 * lambda/latest/dg/lambda-runtime-environment.html, "Init phase"; the order of the lines from
 * a real AWS console log of a Node.js function with a syntax error, quoted in issue 9).
 *
 * @module
 */
import { performance } from "node:perf_hooks";
import type { FunctionSpec, InvocationRequest, InvocationResult } from "../lambda/function_executor.ts";
import { type RuntimeApiServer, startRuntimeApiServer } from "../runtime_api/runtime_api_server.ts";
import type { EnvironmentSandbox, EnvironmentSettings, InitFailed } from "./environment_settings.ts";
import { functionEnvironment, logStreamName } from "./function_environment.ts";
import { type FunctionProcess, startFunctionProcess } from "./function_process.ts";
import { type Ending, summarizeEnding } from "./invocation_ending.ts";
import { keepApplicationLines } from "./application_log_filter.ts";
import { initReportLine, initStartLine, invocationLog, type LogStyle } from "./invocation_log.ts";
import { watchMemory } from "./memory_watch.ts";
import { runtimeDone } from "./runtime_done.ts";
import { runtimeExited, sandboxError } from "./sandbox_errors.ts";
import { initStart, traceId } from "./environment_facts.ts";

/** A running environment. */
export interface ExecutionEnvironment {
  /** The revision it runs. */
  readonly spec: FunctionSpec;
  /** False once its process has ended or is being ended. */
  alive(): boolean;
  /**
   * Runs one invocation. Resolves to undefined (nothing ran) when a warm environment turns
   * out unable to take it, to `InitFailed` when a cold one's init fails (retry it with
   * `initRetry`); never rejects.
   */
  run(request: InvocationRequest): Promise<InvocationResult | InitFailed | undefined>;
  /** Ends the process and the Runtime API. */
  kill(): Promise<void>;
  /** Resolves once the process has ended and the Runtime API is closed. */
  readonly ended: Promise<void>;
}

interface Active {
  readonly requestId: string;
  delivered(deadlineMs: number): void;
  end(ending: Ending): void;
}

const OUTPUT_LIMIT = 1 << 20;
const FLUSH_QUIET_MS = 50;
const INIT_ERROR_EXIT_GRACE_MS = 2_000;

/**
 * Starts an environment: its Runtime API, then its process.
 *
 * @param spec The function revision.
 * @param settings Shared settings.
 * @param sandbox What is its own.
 * @returns The environment (starting).
 */
export function startEnvironment(
  spec: FunctionSpec,
  settings: EnvironmentSettings,
  sandbox: EnvironmentSandbox,
): ExecutionEnvironment {
  const spawnedAt = performance.now();
  // Only its first invocation retries the init; later ones find it warm.
  let pendingRetry = sandbox.initRetry;
  const style: LogStyle = {
    format: spec.logFormat === "JSON" ? "JSON" : "Text",
    systemLogLevel: spec.systemLogLevel,
  };
  const streamName = logStreamName(spec.version);
  // What of the function's own output the log keeps (JSON format only; see application_log_filter.ts).
  const logged = (output: string) =>
    keepApplicationLines(output, style.format === "JSON" ? spec.applicationLogLevel ?? "INFO" : undefined);
  const timeoutMs = spec.timeoutSeconds * 1000;
  let initDurationMs: number | undefined;
  let initFailure: Uint8Array | undefined;
  let exited = false;
  let killing = false;
  let memoryExceeded = false;
  let active: Active | undefined;
  let onReady = () => {};
  // Said once, at the top of the first invocation's log (never silently: see node_binaries.ts),
  // followed by AWS's INIT_START line, which opens the log of every new environment.
  let notice = (sandbox.notice === undefined ? "" : `${sandbox.notice}\n`) +
    initStartLine(
      initStart(spec, settings.account.region, streamName, sandbox.initRetry ? "invoke" : "init"),
      style,
    );
  const takeNotice = () => {
    const text = notice;
    notice = "";
    return text;
  };

  const startup = (async () => {
    const server: RuntimeApiServer = await startRuntimeApiServer({
      ready() {
        initDurationMs = performance.now() - spawnedAt;
        onReady();
      },
      delivered: (requestId, deadlineMs) => active?.requestId === requestId && active.delivered(deadlineMs),
      answered: (requestId, answer) =>
        active?.requestId === requestId && active.end({ kind: "answered", answer }),
      initFailed(payload) {
        initFailure = payload;
        // The runtime exits after reporting; one that lingers is ended.
        setTimeout(() => void proc.kill(), INIT_ERROR_EXIT_GRACE_MS).unref();
      },
    });
    const env = functionEnvironment({
      spec,
      account: settings.account,
      tmpDir: sandbox.tmpDir,
      runtimeApi: server.address,
      runtimeDir: settings.runtimeDir,
      logStreamName: streamName,
      launcherVariables: sandbox.launcherVariables,
      launcherCommand: sandbox.launcher.command,
      credentials: sandbox.credentials,
    });
    const proc: FunctionProcess = startFunctionProcess({
      launcher: sandbox.launcher,
      bootstrapFile: settings.bootstrapFile,
      cwd: spec.codeDir,
      env,
      memoryMb: spec.memoryMb,
      outputLimit: OUTPUT_LIMIT,
      readOnly: settings.readOnly,
    });
    const memory = watchMemory(proc.pid, spec.memoryMb, () => {
      memoryExceeded = true;
      void proc.kill();
    });
    const ended = proc.exited.then(async (exit) => {
      memory.stop();
      exited = true;
      active?.end({ kind: "exited", exit });
      await server.close();
    });
    return { server, proc, memory, ended };
  })();

  async function run(request: InvocationRequest): Promise<InvocationResult | InitFailed | undefined> {
    const { requestId } = request;
    const retry = pendingRetry;
    pendingRetry = undefined;
    let started: Awaited<typeof startup>;
    try {
      started = await startup;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { outcome: "error", payload: sandboxError("Runtime.Unknown", reason).payload, log: "" };
    }
    const { server, proc, memory } = started;
    const warm = initDurationMs !== undefined;
    if (killing || (exited && warm)) return warm ? undefined : await endedResult(requestId);

    return new Promise<InvocationResult | InitFailed | undefined>((resolve) => {
      let deliveredAt: number | undefined;
      let preamble = "";
      let timer: ReturnType<typeof setTimeout> | undefined;
      const arm = (ms: number, ending: Ending) => {
        clearTimeout(timer);
        timer = setTimeout(() => active?.end(ending), Math.max(0, ms));
        timer.unref?.();
      };
      // A cold runtime must ask for the event in time (a retried init: within the function's
      // timeout); so must a warm one coming back.
      const startLimitMs = retry ? timeoutMs : settings.startTimeoutMs;
      arm(startLimitMs - (warm ? 0 : performance.now() - spawnedAt), { kind: "startTimeout" });
      const deliver = () =>
        server.deliver({
          requestId,
          payload: request.payload.length === 0 ? new TextEncoder().encode("{}") : request.payload,
          invokedFunctionArn: request.invokedFunctionArn,
          clientContext: request.clientContext,
          traceId: traceId(),
          // A retried init spent part of the function's timeout already.
          timeoutMs: retry ? Math.max(1, Math.round(timeoutMs - (performance.now() - spawnedAt))) : timeoutMs,
        });
      const deferred = retry !== undefined && initDurationMs === undefined;
      onReady = () => {
        if (active?.requestId !== requestId || deliveredAt !== undefined) return;
        if (deferred) deliver();
        else clearTimeout(timer);
      };

      const finish = async (end: Ending): Promise<InvocationResult | InitFailed | undefined> => {
        let ending = end;
        const endedAt = performance.now();
        const pickedUp = deliveredAt !== undefined;
        if (ending.kind === "answered") {
          await memory.sample();
          await proc.output.flushed(requestId, FLUSH_QUIET_MS);
          // Past its size between two samples: AWS's limit would have killed it before it answered.
          if (memoryExceeded) ending = { kind: "exited", exit: await proc.kill() };
        } else if (ending.kind !== "exited") {
          await memory.sample();
          await proc.kill();
        }
        if (warm && !pickedUp && ending.kind !== "answered") return undefined;
        const output = proc.output.take();
        if (!pickedUp) preamble = logged(output);
        const summary = summarizeEnding(ending, {
          requestId,
          timeoutSeconds: spec.timeoutSeconds,
          initFailure,
          output,
          memoryExceeded,
        });
        if (!pickedUp && !warm) {
          // The init itself failed: first in the init phase, then (retried) in the invoke phase.
          preamble += initReportLine({
            durationMs: endedAt - spawnedAt,
            phase: retry ? "invoke" : "init",
            status: summary.status ?? "error",
            errorType: summary.errorType,
          }, style);
          // Not retried when the executor itself ended the environment (it is closing).
          if (!retry && !killing) return { initFailed: true, log: takeNotice() + preamble };
        }
        const log = invocationLog({
          preamble: (retry?.log ?? "") + takeNotice() + preamble,
          requestId,
          version: spec.version,
          functionArn: spec.functionArn,
          output: pickedUp ? logged(output) : "",
          runtimeDone: runtimeDone(summary),
          style,
          report: {
            requestId,
            // A retried init runs inside the invocation: its time is the invocation's.
            durationMs: retry ? endedAt - spawnedAt : pickedUp ? endedAt - deliveredAt! : 0,
            memoryMb: spec.memoryMb,
            // Killed at its size: AWS reports the size as the peak.
            maxMemoryUsedMb: summary.errorType === "Runtime.OutOfMemory" ? spec.memoryMb : memory.peakMb(),
            initDurationMs: warm || retry ? undefined : initDurationMs,
            status: summary.status,
            errorType: summary.errorType,
          },
        });
        return { outcome: summary.outcome, payload: summary.payload, log };
      };

      active = {
        requestId,
        delivered(deadlineMs) {
          deliveredAt = performance.now();
          preamble = logged(proc.output.take());
          // A cold environment's init has just ended well (JSON only: text has no line for it).
          if (!warm && initDurationMs !== undefined) {
            preamble += initReportLine(
              { durationMs: initDurationMs, phase: retry ? "invoke" : "init", status: "success" },
              style,
            );
          }
          arm(deadlineMs - Date.now(), { kind: "timeout" });
        },
        end(ending) {
          clearTimeout(timer);
          active = undefined;
          void finish(ending).then(resolve);
        },
      };
      if (!deferred) deliver();
      // Its process ended before this invocation came: the same ending, at once.
      if (exited) {
        void proc.exited.then((exit) =>
          active?.requestId === requestId && active.end({ kind: "exited", exit })
        );
      }
    });
  }

  // A cold environment whose process ended before it was asked anything.
  async function endedResult(requestId: string): Promise<InvocationResult> {
    const { proc } = await startup;
    const exit = await proc.exited;
    const payload = initFailure ?? runtimeExited(requestId, exit).payload;
    return { outcome: "error", payload, log: takeNotice() + logged(proc.output.take()) };
  }

  const ended = startup.then(({ ended }) => ended, () => {});
  return {
    spec,
    alive: () => !exited && !killing,
    run,
    async kill() {
      killing = true;
      try {
        const { proc, ended } = await startup;
        await proc.kill();
        await ended;
      } catch {
        // it never started
      }
    },
    ended,
  };
}
