import { deepStrictEqual as deepEqual, ok } from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import type { FaultMatch, InjectedFault } from "../../local.ts";
import { startExecutorBed } from "../support/executor_bed.ts";

/** A delay no stage may wait out: an abort must end the run long before it. */
const DELAY_MS = 30_000;
/** Far below `DELAY_MS`; not a timing target, only proof that nobody waited for the delay. */
const WELL_BEFORE_MS = 10_000;

/** A task that finishes at once. */
const quick = () => 1;
/** A task that keeps its invocation in flight far longer than any test. */
const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(1), 600_000));

/** One stage of a run, the request that marks it, and a task that reaches it. */
interface Stage {
  readonly name: string;
  readonly request: FaultMatch;
  readonly task: () => unknown;
  /** Set when the stage cannot end quickly because of a known bug. */
  readonly todo?: string;
}

const STAGES: readonly Stage[] = [
  {
    name: "the staging upload (S3 PUT of task.json)",
    request: { service: "s3", method: "PUT", path: /\/task\.json$/ },
    task: quick,
  },
  {
    name: "the deploy's GetFunctionConfiguration",
    request: { service: "lambda", method: "GET", path: /^\/2015-03-31\/functions\/[^/]+\/configuration$/ },
    task: quick,
  },
  {
    name: "the deploy's CreateFunction",
    request: { service: "lambda", method: "POST", path: /^\/2015-03-31\/functions\/?$/ },
    task: quick,
  },
  {
    name: "the invocation (POST …/invocations)",
    request: { service: "lambda", method: "POST", path: /\/invocations$/ },
    task: slow,
  },
  {
    name: "the poll (S3 HEAD of outcome.json)",
    request: { service: "s3", method: "HEAD", path: /\/outcome\.json$/ },
    task: slow,
  },
  {
    name: "the collect (S3 GET of outcome.json)",
    request: { service: "s3", method: "GET", path: /\/outcome\.json$/ },
    task: quick,
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
  await using bed = await startExecutorBed({ functionPerTask });
  const fault = bed.aws.faults.add({ ...stage.request, delayMs: DELAY_MS });
  const executor = bed.executor();
  const controller = new AbortController();
  const running = executor.run(stage.task, [], { signal: controller.signal });
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
          deepEqual(left, { objects: [], cacheFiles: [], functions: [] });
        },
      );
    }
  });
}
