/**
 * The process-based function executor: runs each execution environment as an OS process
 * (see `execution_environment.ts`), reuses warm environments of the same revision, enforces
 * the account's and each function's concurrency without queueing, reaps idle environments and
 * ends everything on `close()`.
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
import {
  type EnvironmentSettings,
  type ExecutionEnvironment,
  startEnvironment,
} from "./execution_environment.ts";
import { findRuntimeLauncher, type RuntimeKind } from "./runtime_launcher.ts";

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
}

interface Slot {
  readonly env: ExecutionEnvironment;
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

  const prepare = () =>
    settings ??= (async () => {
      const launcher = findRuntimeLauncher(options.runtime);
      return {
        account: options.account,
        launcher,
        bootstrapFile: await installBootstrap(runtimeDir),
        runtimeDir,
        startTimeoutMs: options.functionStartTimeoutMs,
        launcherVariables: launcher.variables(runtimeDir),
      };
    })().catch((error) => {
      settings = undefined;
      throw error;
    });

  const discard = (slot: Slot) => {
    clearTimeout(slot.idleTimer);
    slots.delete(slot);
    const killed = slot.env.kill();
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

  const startSlot = (spec: FunctionSpec, environmentSettings: EnvironmentSettings): Slot => {
    // Processes are bounded by the concurrency: the least recently used idle one makes room.
    if (slots.size >= options.concurrency) {
      const idle = [...slots].filter((slot) => !slot.busy).sort((a, b) => a.lastUsed - b.lastUsed);
      if (idle[0]) void discard(idle[0]);
    }
    const slot: Slot = {
      env: startEnvironment(spec, environmentSettings),
      busy: true,
      retired: false,
      lastUsed: 0,
    };
    slots.add(slot);
    void slot.env.ended.then(() => {
      clearTimeout(slot.idleTimer);
      slots.delete(slot);
    });
    return slot;
  };

  const release = (slot: Slot) => {
    slot.busy = false;
    slot.lastUsed = performance.now();
    if (closed || slot.retired || !slot.env.alive()) return void discard(slot);
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
        // back untouched; a new one always answers.
        for (;;) {
          if (closed) throw new Error("Cannot invoke: the function executor is closed");
          const warm = takeIdle(spec);
          const slot = warm ?? startSlot(spec, environmentSettings);
          slot.busy = true;
          const result = await slot.env.run(request);
          if (result === undefined) {
            void discard(slot);
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
    },

    busyCount: () => busyTotal,

    async close() {
      closed = true;
      for (const slot of slots) void discard(slot);
      await Promise.all(dying);
    },
  };
}
