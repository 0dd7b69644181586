/**
 * The generic Lambda handler: fetches a staged task, runs it, and writes its outcome back to
 * S3 through the presigned URLs in the event. It needs no AWS permissions of its own.
 *
 * @module
 */
import { decodeValue, encodeValue } from "../task/value_codec.ts";
import { captureOutput } from "./capture_output.ts";
import { loadTaskCode } from "./load_task_code.ts";
import {
  EVENT_FORMAT,
  type InvocationEvent,
  type InvocationSummary,
  OUTCOME_FORMAT,
  type OutcomeDocument,
  TASK_FORMAT,
  type TaskDocument,
} from "./protocol.ts";

/** Runs one task. Infrastructure failures (download, upload) throw and so fail the invocation. */
export async function handler(event: InvocationEvent): Promise<InvocationSummary> {
  if (event?.format !== EVENT_FORMAT) {
    throw new TypeError(`Not a covalent-awslambda event (format ${JSON.stringify(event?.format)})`);
  }
  const task = await fetchTask(event.taskUrl);
  const capture = captureOutput();
  const started = performance.now();
  let ok: boolean;
  let value: string;
  try {
    const callable = await loadTaskCode(task);
    const args = decodeValue(task.args);
    const result = await callable(...(args as unknown[]));
    [ok, value] = [true, encodeResult(result)];
  } catch (thrown) {
    [ok, value] = [false, encodeThrown(thrown)];
  }
  const durationMs = performance.now() - started;
  const { stdout, stderr } = capture.stop();
  const outcome: OutcomeDocument = { format: OUTCOME_FORMAT, ok, value, stdout, stderr, durationMs };
  const body = JSON.stringify(outcome);
  // The executor removes the task object when the run is abandoned (interrupted, timed out):
  // then writing the outcome would only leave an orphan behind.
  if (!(await stillWanted(event.taskUrl))) return { ok, outcomeBytes: 0 };
  const response = await fetch(event.outcomeUrl, { method: "PUT", body });
  if (!response.ok) {
    throw new Error(`Uploading the outcome failed: HTTP ${response.status} ${await response.text()}`);
  }
  await response.body?.cancel();
  return { ok, outcomeBytes: body.length };
}

async function stillWanted(taskUrl: string): Promise<boolean> {
  const response = await fetch(taskUrl, { headers: { range: "bytes=0-0" } });
  await response.body?.cancel();
  return response.status !== 404 && response.status !== 403;
}

async function fetchTask(url: string): Promise<TaskDocument> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`Downloading the task failed: HTTP ${response.status} ${await response.text()}`);
  }
  const task = await response.json() as TaskDocument;
  if (task?.format !== TASK_FORMAT) {
    throw new TypeError(`Not a covalent-awslambda task (format ${task?.format})`);
  }
  return task;
}

function encodeResult(result: unknown): string {
  try {
    return encodeValue(result, "result");
  } catch (problem) {
    // The task ran, but its value cannot travel back: report that as the task's error.
    const error = new TypeError(
      `The task's result cannot be sent back from Lambda: ${
        problem instanceof Error ? problem.message : problem
      }`,
    );
    error.name = "ResultEncodingError";
    throw error;
  }
}

function encodeThrown(thrown: unknown): string {
  try {
    return encodeValue(thrown, "error");
  } catch {
    const error = new Error(String(thrown instanceof Error ? thrown.message : thrown));
    error.name = thrown instanceof Error ? thrown.name : "Error";
    if (thrown instanceof Error) error.stack = thrown.stack;
    return encodeValue(error, "error");
  }
}
