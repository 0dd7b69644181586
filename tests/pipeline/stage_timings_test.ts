import { Effect, Layer, Logger, References, Tracer } from "effect";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { LambdaExecutor, lambdaExecutorLayer, TaskFailed } from "../../mod.ts";
import { type ExecutorBed, startExecutorBed } from "../support/executor_bed.ts";

describe("per-stage timings", () => {
  let bed: ExecutorBed;
  before(async () => (bed = await startExecutorBed()));
  after(() => bed.close());

  test("timings() counts every stage of every run, failed runs' stages included", async () => {
    const program = LambdaExecutor.use((lambda) =>
      Effect.gen(function* () {
        yield* lambda.map((n: number) => n + 1, [[1], [2], [3]]);
        const failed = yield* lambda.run(() => {
          throw new Error("no");
        }, []).pipe(Effect.flip);
        ok(failed instanceof TaskFailed);
        return lambda.timings();
      })
    );
    const timings = await Effect.runPromise(
      program.pipe(
        Effect.provide(lambdaExecutorLayer(bed.options)),
        Effect.provide(Layer.succeed(References.MinimumLogLevel, "Warn")),
      ),
    );
    // The failed run's invoke and decode are counted too: the task failed while being decoded.
    deepEqual(timings.map((s) => [s.stage, s.count]), [["encode", 4], ["deploy", 4], ["invoke", 4], [
      "decode",
      4,
    ]]);
    for (const stage of timings) {
      ok(stage.minMs >= 0 && stage.minMs <= stage.p50Ms && stage.p50Ms <= stage.p95Ms, stage.stage);
      ok(stage.p95Ms <= stage.maxMs && stage.totalMs >= stage.maxMs, stage.stage);
    }
  });

  test("at Info, each successful run logs one line naming its task and its four stages", async () => {
    const lines: string[] = [];
    const capture = Logger.layer([
      Logger.make(({ message }) => {
        lines.push((Array.isArray(message) ? message : [message]).map(String).join(" "));
      }),
    ]);
    const program = LambdaExecutor.use((lambda) =>
      lambda.run((n: number) => n * 2, [21], { dispatchId: "d7", nodeId: 3 })
    );
    const value = await Effect.runPromise(
      program.pipe(
        Effect.provide(lambdaExecutorLayer(bed.options)),
        Effect.provide(Layer.mergeAll(capture, Layer.succeed(References.MinimumLogLevel, "Info"))),
      ),
    );
    equal(value, 42);
    const runLines = lines.filter((line) => line.startsWith("d7/3:"));
    equal(runLines.length, 1, lines.join("\n"));
    ok(
      /^d7\/3: encode [\d.]+ ms, deploy [\d.]+ ms, invoke [\d.]+ ms, decode [\d.]+ ms$/.test(runLines[0]),
      runLines[0],
    );
  });

  test("a failed run and an abandoned one log their stage lines too, saying how they ended", async () => {
    const lines: string[] = [];
    const capture = Logger.layer([
      Logger.make(({ message }) => {
        lines.push((Array.isArray(message) ? message : [message]).map(String).join(" "));
      }),
    ]);
    const program = LambdaExecutor.use((lambda) =>
      Effect.gen(function* () {
        const failed = yield* lambda.run(
          () => {
            throw new Error("no");
          },
          [],
          { dispatchId: "d8", nodeId: 1 },
        ).pipe(Effect.flip);
        ok(failed instanceof TaskFailed);
        const abandoned = yield* lambda.run(
          () => new Promise((resolve) => setTimeout(resolve, 1500)),
          [],
          { dispatchId: "d8", nodeId: 2 },
        ).pipe(Effect.timeoutOption("200 millis"));
        equal(abandoned._tag, "None");
      })
    );
    await Effect.runPromise(
      program.pipe(
        Effect.provide(lambdaExecutorLayer(bed.options)),
        Effect.provide(Layer.mergeAll(capture, Layer.succeed(References.MinimumLogLevel, "Info"))),
      ),
    );
    const failedLines = lines.filter((line) => line.startsWith("d8/1:"));
    deepEqual(failedLines.length, 1, lines.join("\n"));
    ok(
      /^d8\/1: encode [\d.]+ ms, deploy [\d.]+ ms, invoke [\d.]+ ms, decode [\d.]+ ms; failed with TaskFailed$/
        .test(failedLines[0]),
      failedLines[0],
    );
    const abandonedLines = lines.filter((line) => line.startsWith("d8/2:"));
    deepEqual(abandonedLines.length, 1, lines.join("\n"));
    ok(
      /^d8\/2: (encode [\d.]+ ms(, \w+ [\d.]+ ms)*; )?abandoned$/.test(abandonedLines[0]),
      abandonedLines[0],
    );
  });

  test("a tracer sees one LambdaExecutor.run span per run, its stages as an attribute, and the Invoke inside it", async () => {
    const spans: Tracer.Span[] = [];
    const recording = Tracer.make({
      span: (options) => {
        const span = Tracer.nativeTracer.span(options);
        spans.push(span);
        return span;
      },
    });
    const program = LambdaExecutor.use((lambda) => lambda.run((n: number) => n + 1, [1]));
    equal(
      await Effect.runPromise(
        program.pipe(
          Effect.provide(lambdaExecutorLayer(bed.options)),
          Effect.provideService(Tracer.Tracer, recording),
          Effect.provide(Layer.succeed(References.MinimumLogLevel, "Warn")),
        ),
      ),
      2,
    );
    const runs = spans.filter((span) => span.name === "LambdaExecutor.run");
    equal(runs.length, 1);
    ok(
      /^encode [\d.]+ ms, deploy [\d.]+ ms, invoke [\d.]+ ms, decode [\d.]+ ms$/.test(
        String(runs[0].attributes.get("stages")),
      ),
    );
    const invokes = spans.filter((span) => span.name === "lambda.Invoke");
    equal(invokes.length, 1);
    equal(invokes[0].traceId, runs[0].traceId);
    equal(runs[0].status._tag, "Ended");
  });

  test("without a tracer of one's own, no span is made for the run and the caller's span gets no stages", async () => {
    const program = Effect.gen(function* () {
      const outer = yield* Effect.currentSpan;
      const value = yield* LambdaExecutor.use((lambda) => lambda.run((n: number) => n + 1, [1]));
      return { value, outer };
    }).pipe(Effect.withSpan("caller"));
    const { value, outer } = await Effect.runPromise(
      program.pipe(
        Effect.provide(lambdaExecutorLayer(bed.options)),
        Effect.provide(Layer.succeed(References.MinimumLogLevel, "Warn")),
      ),
    );
    equal(value, 2);
    equal(outer.name, "caller");
    equal(outer.attributes.has("stages"), false);
  });
});
