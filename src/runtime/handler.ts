/**
 * The generic Lambda handler (protocol version 2, `protocol.ts`): reads the task from the event
 * (or its presigned URLs), runs it, and answers with its outcome inline, writing the outcome to
 * S3 through the event's presigned PUT when it is too large to answer inline or the task ran
 * long. It needs no AWS permissions of its own.
 *
 * Tasks share a warm environment with the runtime, so the runtime protects itself (decision 7):
 * it captured what it uses before any task code was loaded (`captured_globals.ts`, imported
 * first), it puts the globals back around every task (`restore_globals.ts`), and it keeps
 * nothing of a task (event, URLs, values) once the task's invocation ends; only task modules
 * stay cached, by code hash (`module_cache.ts`).
 *
 * Infrastructure failures (a download or upload that fails for good, a malformed event or
 * arguments) throw and so fail the invocation; whatever the task's own code throws, including
 * while its module loads, is its outcome.
 *
 * @module
 */
// First import: its top level must run before any other module of the bundle.
import { now } from "./captured_globals.ts";
import { restoreGlobals } from "./restore_globals.ts";
import { decodeValue } from "../task/value_codec.ts";
import { decodeValueParts } from "../task/value_parts.ts";
import { captureOutput } from "./capture_output.ts";
import { checkEvent } from "./check_event.ts";
import { encodeOutcome } from "./encode_outcome.ts";
import { fetchTaskCode, loadTaskCode } from "./load_task_code.ts";
import { planAnswer } from "./plan_answer.ts";
import type { AnswerDocument, InvocationEvent, ValueSource } from "./protocol.ts";
import { download, upload } from "./transfer.ts";

/**
 * Runs one task.
 *
 * @param event The invocation event.
 * @returns The answer; Lambda's runtime client serialises it as the Invoke response.
 * @throws {TypeError} When the event is not a version 2 event.
 * @throws {TransferFailed} When a download or the upload fails for good.
 */
export async function handler(event: InvocationEvent): Promise<AnswerDocument> {
  // A timer left by an earlier task may have replaced globals since it ended.
  restoreGlobals();
  checkEvent(event);
  const { code, outcome } = event;
  // Only a download lets other code run before the arguments are decoded (timers run between
  // I/O callbacks, never between microtasks): each download puts the globals back after it.
  const fetched = await fetchTaskCode(code);
  const args = await readArgs(event.args);
  const capture = captureOutput();
  const started = now();
  let ok: boolean;
  let value: unknown;
  try {
    const callable = await loadTaskCode(code, fetched);
    value = await callable(...args);
    ok = true;
  } catch (thrown) {
    [ok, value] = [false, thrown];
  }
  const durationMs = now() - started;
  const { stdout, stderr } = capture.stop();
  let untouched = false;
  try {
    // Encoding restores the globals first.
    const encoded = encodeOutcome({ ok, value, stdout, stderr, durationMs }, outcome.inlineLimit);
    const plan = planAnswer(encoded, outcome);
    if (plan.upload) await upload("outcome upload", outcome.url, plan.upload.pieces, plan.upload.byteLength);
    // A primitive has no getter or proxy of the task's for the encoder to run, and without an
    // upload nothing was awaited since that restore: no task code ran after it (a patched
    // built-in prototype is not covered anyway, see restore_globals.ts).
    untouched = plan.upload === undefined && isPrimitive(value);
    return plan.answer;
  } finally {
    // Lambda's runtime client serialises the answer (or error) with the globals it finds.
    if (!untouched) restoreGlobals();
  }
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== "object" && typeof value !== "function");
}

/**
 * Downloads and decodes the arguments, before any task code is loaded; the globals are put back
 * after a download.
 */
async function readArgs(source: ValueSource): Promise<unknown[]> {
  let args: unknown;
  if ("url" in source) {
    const bytes = await download("arguments download", source.url, source.bytes);
    restoreGlobals();
    args = decodeValueParts(bytes);
  } else {
    args = decodeValue(source.inline);
  }
  if (!Array.isArray(args)) throw new TypeError(`The task's arguments must be an array, got ${typeof args}.`);
  return args;
}
