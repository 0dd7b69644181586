/**
 * Child program of section 4: one task with a 250 MB `Uint8Array` argument, in its own process
 * so that a crash cannot take the bench down. Prints `RESULT {"outcome":…}`: `works` (with its
 * time), `typed-error` (with the error's tag and message), or `untyped-error`.
 *
 * Run by `bench/main.ts` as `deno run -A bench/huge_argument.ts <megabytes>`, with `BENCH_*` set.
 *
 * @module
 */
const env = (name: string) => {
  const value = Deno.env.get(name);
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const megabytes = Number(Deno.args[0] ?? 250);
const bytes = new Uint8Array(megabytes * 1024 * 1024);
for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i & 0xff;
const { AWSLambdaExecutor } = await import("../mod.ts");
const executor = new AWSLambdaExecutor({
  endpoint: env("BENCH_ENDPOINT"),
  region: env("BENCH_REGION"),
  credentials: env("BENCH_CREDENTIALS"),
  profile: env("BENCH_PROFILE"),
  s3BucketName: env("BENCH_BUCKET"),
  memorySize: 2048,
  timeout: 300,
});
const started = performance.now();
let result: Record<string, unknown>;
try {
  const length = await executor.run((b: Uint8Array) => b.byteLength, [bytes]);
  result = length === bytes.byteLength
    ? { outcome: "works", ms: performance.now() - started }
    : { outcome: "untyped-error", message: `answered ${length} for ${bytes.byteLength} bytes` };
} catch (error) {
  const tag = (error as { _tag?: unknown })._tag;
  const message = error instanceof Error ? error.message : String(error);
  result = typeof tag === "string"
    ? { outcome: "typed-error", tag, message: message.slice(0, 300), ms: performance.now() - started }
    : { outcome: "untyped-error", message: message.slice(0, 300) };
} finally {
  await executor.close();
}
console.log(`RESULT ${JSON.stringify(result)}`);
Deno.exit(0);
