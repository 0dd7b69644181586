/**
 * The process-based function executor: runs each execution environment as an OS process
 * (see `execution_environment.ts`), reuses warm environments of the same revision, enforces
 * the account's and each function's concurrency without queueing, reaps idle environments and
 * ends everything on `close()`. Functions see their code directory read-only where the host
 * allows it, else write-protected or writable with a notice in their first log (see
 * `read_only_code.ts`).
 *
 * @module
 */
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { LocalAccount } from "../account.ts";
import {
  ConcurrencyLimitExceeded,
  type FunctionExecutor,
  type FunctionSpec,
  type InvocationResult,
} from "../lambda/function_executor.ts";
import { installBootstrap } from "./bootstrap_install.ts";
import { type CodeWriteProtection, createCodeWriteProtection } from "./code_write_protection.ts";
import type { EnvironmentSettings, InitRetry } from "./environment_settings.ts";
import { type ExecutionEnvironment, startEnvironment } from "./execution_environment.ts";
import type { FunctionCredentials } from "./function_environment.ts";
import type { NodeBinaries } from "./node_binaries.ts";
import { readOnlyCode, readOnlyCodeNotice } from "./read_only_code.ts";
import { type ChosenLauncher, launcherForRuntime, type RuntimeKind } from "./runtime_launcher.ts";
import { createSandboxTmp } from "./sandbox_tmp.ts";

/** How the executor runs function processes. */
export interface ProcessExecutorOptions {
  /** The account (endpoint, region, credentials for the function's environment). */
  readonly account: LocalAccount;
  /** Account-wide concurrent executions. */
  readonly concurrency: number;
  /** How long a new process may take to ask for its first event (ms). */
  readonly functionStartTimeoutMs: number;
  /** How long an idle process stays warm (ms). */
  readonly idleMs: number;
  /**
   * The program that runs functions.
   * @default {"node" when it is on PATH, else the running Deno}
   */
  readonly runtime?: RuntimeKind;
  /** See `LocalAwsOptions.nodeBinaries`. */
  readonly nodeBinaries?: NodeBinaries;
  /**
   * Mints the execution role's temporary credentials for a new environment (local STS's
   * AssumeRole for `lambda.amazonaws.com`). Without it functions get the account's keys.
   */
  readonly roleCredentials?: (spec: FunctionSpec) => FunctionCredentials | undefined;
}

interface Slot {
  readonly env: ExecutionEnvironment;
  readonly tmpDir: string;
  /** `reset`: its runtime died (timeout, crash), its /tmp goes to the next one; `gone`: reaped. */
  fate?: "reset" | "gone";
  /** Its /tmp has been kept or removed. */
  tmpSettled?: boolean;
  /** Resolves once it has ended and its code directory's protection is given back. */
  gone: Promise<void>;
  busy: boolean;
  retired: boolean;
  lastUsed: number;
  idleTimer?: ReturnType<typeof setTimeout>;
}

/**
 * Creates an executor that runs each environment as a separate OS process.
 *
 * @example Run a function from a directory
 * ```ts
 * const executor = createProcessExecutor({ account, concurrency: 10, functionStartTimeoutMs: 10_000, idleMs: 60_000 });
 * const result = await executor.invoke(spec, { requestId, payload, invokedFunctionArn: spec.functionArn });
 * await executor.close();
 * ```
 *
 * @param options Limits and the account.
 * @returns The executor.
 */
export function createProcessExecutor(options: ProcessExecutorOptions): FunctionExecutor {
  const runtimeDir = join(options.account.dataDir, "runtime");
  const slots = new Set<Slot>();
  // Environments being ended; close() waits for them too.
  const dying = new Set<Promise<void>>();
  const busyByFunction = new Map<string, number>();
  let busyTotal = 0;
  let closed = false;
  let settings: Promise<EnvironmentSettings> | undefined;
  const launchers = new Map<string, ChosenLauncher>();
  // Functions whose log has said which Node runs them (once per function and runtime), and
  // that their code directory is not read-only as on AWS (once per function).
  const noticed = new Set<string>();
  let protection: CodeWriteProtection | undefined;
  let codeNotice: string | undefined;
  const tmp = createSandboxTmp(join(options.account.dataDir, "lambda-tmp"));

  const prepare = () =>
    settings ??= (async () => {
      // Probed once, before the first launch (see read_only_code.ts).
      const readOnly = readOnlyCode();
      codeNotice = readOnlyCodeNotice(readOnly);
      protection = createCodeWriteProtection(readOnly.kind === "permissions");
      return {
        account: options.account,
        bootstrapFile: await installBootstrap(runtimeDir),
        runtimeDir,
        startTimeoutMs: options.functionStartTimeoutMs,
        readOnly,
      };
    })().catch((error) => {
      settings = undefined;
      throw error;
    });

  const launcherFor = (runtime: string): ChosenLauncher => {
    let chosen = launchers.get(runtime);
    if (!chosen) {
      chosen = launcherForRuntime(runtime, options.runtime, { nodeBinaries: options.nodeBinaries });
      launchers.set(runtime, chosen);
    }
    return chosen;
  };

  // A reset environment's /tmp is handed on at once (its process is dead by then), so the
  // invocation that follows already gets it.
  const settleTmp = (slot: Slot) => {
    if (slot.tmpSettled) return;
    slot.tmpSettled = true;
    const { functionName, revisionId } = slot.env.spec;
    if ((slot.fate ?? "reset") === "reset" && !closed) return tmp.keep(functionName, revisionId, slot.tmpDir);
    const removed = tmp.remove(slot.tmpDir);
    dying.add(removed);
    void removed.then(() => dying.delete(removed));
  };

  const discard = (slot: Slot, fate: "reset" | "gone" = "gone") => {
    slot.fate ??= fate;
    if (slot.fate === "reset") settleTmp(slot);
    clearTimeout(slot.idleTimer);
    slots.delete(slot);
    const killed = slot.env.kill().then(() => slot.gone);
    dying.add(killed);
    void killed.then(() => dying.delete(killed));
    return killed;
  };

  const takeIdle = (spec: FunctionSpec): Slot | undefined => {
    let best: Slot | undefined;
    for (const slot of slots) {
      const { functionName, revisionId } = slot.env.spec;
      if (slot.busy || slot.retired || !slot.env.alive()) continue;
      if (functionName !== spec.functionName || revisionId !== spec.revisionId) continue;
      if (!best || slot.lastUsed > best.lastUsed) best = slot;
    }
    if (best) clearTimeout(best.idleTimer);
    return best;
  };

  const startSlot = async (
    spec: FunctionSpec,
    environmentSettings: EnvironmentSettings,
    initRetry?: InitRetry,
  ): Promise<Slot> => {
    // Processes are bounded by the concurrency: the least recently used idle one makes room.
    if (slots.size >= options.concurrency) {
      const idle = [...slots].filter((slot) => !slot.busy).sort((a, b) => a.lastUsed - b.lastUsed);
      if (idle[0]) void discard(idle[0]);
    }
    const { launcher, notice } = launcherFor(spec.runtime);
    const candidates: [key: string, text: string | undefined][] = [
      [`${spec.functionName}\0${spec.runtime}`, notice],
      [`${spec.functionName}\0code`, codeNotice],
    ];
    const notices = candidates.filter(([key, text]) => text !== undefined && !noticed.has(key));
    for (const [key] of notices) noticed.add(key);
    const tmpDir = await tmp.take(spec.functionName, spec.revisionId);
    // Before the process starts, so that it never finds its code writable.
    await protection?.protect(spec.codeDir);
    if (closed) {
      await protection?.unprotect(spec.codeDir);
      await tmp.remove(tmpDir);
      throw new Error("Cannot invoke: the function executor is closed");
    }
    const slot: Slot = {
      env: startEnvironment(spec, environmentSettings, {
        launcher,
        launcherVariables: launcher.variables(runtimeDir),
        tmpDir,
        notice: notices.length === 0 ? undefined : notices.map(([, text]) => text).join("\n"),
        credentials: options.roleCredentials?.(spec),
        initRetry,
      }),
      tmpDir,
      busy: true,
      retired: false,
      lastUsed: 0,
      gone: Promise.resolve(),
    };
    slots.add(slot);
    slot.gone = slot.env.ended.then(() => {
      clearTimeout(slot.idleTimer);
      slots.delete(slot);
      // A runtime that died by itself is restarted in the same sandbox: its /tmp stays.
      settleTmp(slot);
      return protection?.unprotect(spec.codeDir);
    });
    // close() must not remove the data directory while modes are still being given back.
    dying.add(slot.gone);
    void slot.gone.then(() => dying.delete(slot.gone));
    return slot;
  };

  const release = (slot: Slot) => {
    slot.busy = false;
    slot.lastUsed = performance.now();
    if (!slot.env.alive()) return void discard(slot, "reset");
    if (closed || slot.retired) return void discard(slot);
    slot.idleTimer = setTimeout(() => void discard(slot), options.idleMs);
    slot.idleTimer.unref?.();
  };

  const checkLimits = (spec: FunctionSpec) => {
    const reserved = spec.reservedConcurrency;
    if (reserved !== undefined && (busyByFunction.get(spec.functionName) ?? 0) >= reserved) {
      throw new ConcurrencyLimitExceeded("ReservedFunctionConcurrentInvocationLimitExceeded");
    }
    if (busyTotal >= options.concurrency) {
      throw new ConcurrencyLimitExceeded("ConcurrentInvocationLimitExceeded");
    }
  };

  const countBusy = (functionName: string, delta: number) => {
    busyTotal += delta;
    const count = (busyByFunction.get(functionName) ?? 0) + delta;
    if (count === 0) busyByFunction.delete(functionName);
    else busyByFunction.set(functionName, count);
  };

  return {
    async invoke(spec, request): Promise<InvocationResult> {
      if (closed) throw new Error("Cannot invoke: the function executor is closed");
      checkLimits(spec);
      countBusy(spec.functionName, +1);
      try {
        const environmentSettings = await prepare();
        // A warm environment that cannot take the event (its runtime died meanwhile) hands it
        // back untouched; a cold one whose init failed has it retried once, in a new process
        // within the invocation (see execution_environment.ts); that one always answers.
        let initRetry: InitRetry | undefined;
        for (;;) {
          if (closed) throw new Error("Cannot invoke: the function executor is closed");
          const warm = initRetry ? undefined : takeIdle(spec);
          const slot = warm ?? await startSlot(spec, environmentSettings, initRetry);
          slot.busy = true;
          const result = await slot.env.run(request);
          if (result === undefined || "initFailed" in result) {
            void discard(slot, "reset");
            if (result) initRetry = { log: result.log };
            continue;
          }
          release(slot);
          return result;
        }
      } finally {
        countBusy(spec.functionName, -1);
      }
    },

    async retire(functionName, keepRevisionId) {
      const ending: Promise<void>[] = [];
      for (const slot of slots) {
        if (slot.env.spec.functionName !== functionName || slot.env.spec.revisionId === keepRevisionId) {
          continue;
        }
        if (keepRevisionId === undefined || !slot.busy) ending.push(discard(slot));
        else slot.retired = true;
      }
      await Promise.all(ending);
      await tmp.drop(functionName, keepRevisionId);
    },

    busyCount: () => busyTotal,

    async close() {
      closed = true;
      for (const slot of slots) void discard(slot);
      while (dying.size > 0) await Promise.all(dying);
      await tmp.close();
    },
  };
}
