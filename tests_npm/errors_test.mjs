// The package's typed errors, caught with instanceof under Node.js.
import { match, strictEqual as equal } from "node:assert/strict";
import { describe, test } from "node:test";
import { TaskEncodingError, TaskFailed } from "@covalent/awslambda";
import { localExecutorForSuite } from "./support/temp_options.mjs";

describe("typed errors under Node.js", () => {
  const suite = localExecutorForSuite();

  test("a throwing task rejects with TaskFailed carrying the remote error", { timeout: 60_000 }, async () => {
    let caught;
    try {
      await suite.executor().run((limit) => {
        throw new RangeError(`over the limit of ${limit}`);
      }, [7]);
    } catch (error) {
      caught = error;
    }
    equal(caught instanceof TaskFailed, true, `not a TaskFailed: ${caught}`);
    equal(caught instanceof Error, true);
    equal(caught._tag, "TaskFailed");
    equal(caught.remoteName, "RangeError");
    equal(caught.remoteMessage, "over the limit of 7");
    match(caught.remoteStack, /RangeError: over the limit of 7/);
  });

  test("a closure over an outer variable rejects with TaskEncodingError naming it", async () => {
    const threshold = 10;
    let caught;
    try {
      await suite.executor().run((value) => value > threshold, [11]);
    } catch (error) {
      caught = error;
    }
    equal(caught instanceof TaskEncodingError, true, `not a TaskEncodingError: ${caught}`);
    equal(caught._tag, "TaskEncodingError");
    match(caught.message, /threshold/);
  });
});
