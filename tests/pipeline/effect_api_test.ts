import { Effect, Exit, Fiber } from "effect";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { LambdaExecutor, lambdaExecutorLayer, runOnLambda, TaskFailed } from "../../mod.ts";
import { type ExecutorBed, startExecutorBed } from "../support/executor_bed.ts";

describe("LambdaExecutor (Effect API)", () => {
  let bed: ExecutorBed;
  before(async () => (bed = await startExecutorBed()));
  after(() => bed.close());

  test("LambdaExecutor.run() returns the value and leaves no object once the layer closes", async () => {
    const program = LambdaExecutor.use((lambda) => lambda.run((a: number, b: number) => a * b, [6, 7]));
    const value = await Effect.runPromise(program.pipe(Effect.provide(lambdaExecutorLayer(bed.options))));
    equal(value, 42);
    deepEqual(await bed.objectKeys(), []);
  });

  test("LambdaExecutor.map() returns every value in order", async () => {
    const program = LambdaExecutor.use((lambda) => lambda.map((n: number) => n * n, [[1], [2], [3]]));
    deepEqual(await Effect.runPromise(program.pipe(Effect.provide(lambdaExecutorLayer(bed.options)))), [
      1,
      4,
      9,
    ]);
  });

  test("LambdaExecutor.run() fails with TaskFailed that catchTag can handle when the task throws", async () => {
    const program = LambdaExecutor.use((lambda) =>
      lambda.run(() => {
        throw new TypeError("bad input");
      }, [])
    ).pipe(
      Effect.catchTag("TaskFailed", (error) => Effect.succeed(`${error.remoteName}: ${error.remoteMessage}`)),
    );
    equal(
      await Effect.runPromise(program.pipe(Effect.provide(lambdaExecutorLayer(bed.options)))),
      "TypeError: bad input",
    );
  });

  test("interrupting the fiber mid-run leaves no objects once the layer has closed", async () => {
    const invoked = bed.aws.faults.add({
      service: "lambda",
      method: "POST",
      path: /\/invocations$/,
      delayMs: 0,
    });
    const exit = await Effect.runPromise(
      Effect.gen(function* () {
        const fiber = yield* Effect.forkChild(
          LambdaExecutor.use((lambda) => lambda.run(() => new Promise((r) => setTimeout(r, 6_000)), []))
            .pipe(Effect.provide(lambdaExecutorLayer(bed.options))),
        );
        yield* Effect.promise(async () => {
          while (invoked.hits === 0) await new Promise((r) => setTimeout(r, 10));
        });
        yield* Fiber.interrupt(fiber);
        return yield* Fiber.await(fiber);
      }),
    );
    invoked.remove();
    ok(Exit.isFailure(exit));
    deepEqual(await bed.objectKeys(), []);
  });

  test("runOnLambda() works with endpoint local and no other set-up", async () => {
    const greeting = await runOnLambda((name: string) => `hello ${name}`, ["lambda"], {
      endpoint: "local",
      cacheDir: bed.options.cacheDir,
      configFile: bed.options.configFile,
    });
    equal(greeting, "hello lambda");
  });

  test("runOnLambda() accepts a full role ARN without looking the role up", async () => {
    const value = await runOnLambda(() => "ran", [], {
      ...bed.options,
      lambdaRoleName: "arn:aws:iam::000000000000:role/CovalentLambdaExecutionRole",
    });
    equal(value, "ran");
  });

  test("run() reports an out-of-memory function as TaskFailed naming Runtime.OutOfMemory", async () => {
    const error = await runOnLambda(
      () => {
        const hoard: string[][] = [];
        for (;;) hoard.push(new Array(1_000_000).fill("x".repeat(8)));
      },
      [],
      { ...bed.options, memorySize: 128 },
    ).catch((e) => e);
    ok(error instanceof TaskFailed, String(error));
    equal(error.remoteName, "Runtime.OutOfMemory");
    ok(/memorySize/.test(error.message));
  });
});
