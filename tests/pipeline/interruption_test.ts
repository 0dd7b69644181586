import { deepStrictEqual as deepEqual, ok } from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import type { FaultMatch, InjectedFault } from "../../local.ts";
import { startExecutorBed } from "../support/executor_bed.ts";

/** A delay no stage may wait out: an abort must end the run long before it. */
const DELAY_MS = 15_000;
/** Far below `DELAY_MS`; not a timing target, only proof that nobody waited for the delay. */
const WELL_BEFORE_MS = 7_000;
/** So small that arguments and results above a few KB travel through S3. */
const SPILLING = { inlineLimit: 4096 };

/** A task that finishes at once. */
const quick = (text: string) => text.length;
/** A task whose result must travel back through S3. */
const large = (text: string) => text.repeat(3);

/** One stage of a run, the request that marks it, and a task that reaches it. */
interface Stage {
  readonly name: string;
  readonly request: FaultMatch;
  readonly task: (text: string) => unknown;
  /** The task's argument. */
  readonly text: string;
  /** Set when the stage cannot end quickly because of a known bug. */
  readonly todo?: string;
}

const STAGES: readonly Stage[] = [
  {
    name: "the spill of its arguments (S3 PUT of args.bin)",
    request: { service: "s3", method: "PUT", path: /\/args\.bin$/ },
    task: quick,
    text: "a".repeat(10_000),
  },
  {
    name: "the deploy's GetFunctionConfiguration",
    request: { service: "lambda", method: "GET", path: /^\/2015-03-31\/functions\/[^/]+\/configuration$/ },
    task: quick,
    text: "",
  },
  {
    name: "the deploy's CreateFunction",
    request: { service: "lambda", method: "POST", path: /^\/2015-03-31\/functions\/?$/ },
    task: quick,
    text: "",
  },
  {
    name: "the invocation (POST …/invocations)",
    request: { service: "lambda", method: "POST", path: /\/invocations$/ },
    task: quick,
    text: "",
  },
  {
    name: "the read of a large outcome (S3 GET of outcome.bin)",
    request: { service: "s3", method: "GET", path: /\/outcome\.bin$/ },
    task: large,
    text: "b".repeat(10_000),
  },
];

/** Every file under a directory (none when it does not exist). */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => !entry.isDirectory())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return [];
    throw error;
  }
}

/**
 * Resolves once the fault has held up a request; fails if the run settles first (it never
 * reached the stage).
 */
async function heldUp(fault: InjectedFault, running: Promise<unknown>): Promise<void> {
  let settled: string | undefined;
  running.then(
    (value) => (settled = `resolved with ${String(value)}`),
    (error) => (settled = `rejected with ${String(error)}`),
  );
  while (fault.hits === 0) {
    if (settled !== undefined) throw new Error(`the run never reached the stage: it ${settled}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function abortDuring(stage: Stage, functionPerTask: boolean) {
  await using bed = await startExecutorBed({ functionPerTask, ...SPILLING });
  const fault = bed.aws.faults.add({ ...stage.request, delayMs: DELAY_MS });
  const executor = bed.executor();
  const controller = new AbortController();
  const running = executor.run(stage.task, [stage.text], { signal: controller.signal });
  await heldUp(fault, running);
  const reason = new Error(`stop during ${stage.name}`);
  const abortedAt = Date.now();
  controller.abort(reason);
  const outcome = await running.then(
    (value) => ({ resolved: value }),
    (error: unknown) => ({ rejected: error }),
  );
  const tookMs = Date.now() - abortedAt;
  await executor.close();
  fault.remove();
  return {
    outcome,
    tookMs,
    reason,
    left: {
      objects: await bed.objectKeys(),
      cacheFiles: filesUnder(bed.options.cacheDir!),
      functions: await bed.functionNames(),
    },
  };
}

for (const functionPerTask of [false, true]) {
  const mode = functionPerTask ? "a function per task" : "the shared function";
  describe(`run() interrupted during every stage (${mode})`, () => {
    for (const stage of STAGES) {
      test(
        `run() rejects with the signal's reason and leaves nothing behind when aborted during ${stage.name} (${mode})`,
        { todo: stage.todo },
        async () => {
          const { outcome, tookMs, reason, left } = await abortDuring(stage, functionPerTask);
          deepEqual(outcome, { rejected: reason });
          ok(tookMs < WELL_BEFORE_MS, `the run ended ${tookMs} ms after the abort`);
          // The shared function stays after close (it is shared); a function of the run's own goes.
          deepEqual({ ...left, functions: functionPerTask ? left.functions : [] }, {
            objects: [],
            cacheFiles: [],
            functions: [],
          });
        },
      );
    }
  });
}
