/**
 * Child program of section 4: one large round trip in a fresh process, so that its peak RSS
 * growth is measured from a clean heap (in the bench's own process, pages freed by earlier
 * runs are reused and hide growth). Warms its side up on a small value first, then prints
 * `RESULT {"growthBytes":…,"ms":…,"kernelPeak":…}`.
 *
 * Run by `bench/large_values.ts` as `deno run -A --v8-flags=--expose-gc bench/rss_child.ts <ours|raw> <megabytes>`.
 *
 * @module
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { fromIni } from "@aws-sdk/credential-providers";
import { probeRss } from "./rss_probe.ts";

const env = (name: string) => {
  const value = Deno.env.get(name);
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const [side, megabytesText] = Deno.args;
const bytes = new Uint8Array(Number(megabytesText) * 1024 * 1024);
for (let i = 0; i < bytes.length; i += 4096) bytes[i] = (i / 4096) & 0xff;
const settings = {
  endpoint: env("BENCH_ENDPOINT"),
  region: env("BENCH_REGION"),
};
let roundTrip: (value: Uint8Array) => Promise<Uint8Array>;
let close = () => Promise.resolve();
if (side === "ours") {
  const { AWSLambdaExecutor } = await import("../mod.ts");
  const executor = new AWSLambdaExecutor({
    ...settings,
    credentials: env("BENCH_CREDENTIALS"),
    profile: env("BENCH_PROFILE"),
    s3BucketName: env("BENCH_BUCKET"),
    memorySize: 1024,
    timeout: 300,
  });
  roundTrip = (value) => executor.run((b: Uint8Array) => b, [value]);
  close = () => executor.close();
} else {
  const s3 = new S3Client({
    ...settings,
    forcePathStyle: true,
    credentials: fromIni({ filepath: env("BENCH_CREDENTIALS"), profile: env("BENCH_PROFILE") }),
  });
  roundTrip = async (value) => {
    const key = `bench/rss-child/${value.byteLength}`;
    await s3.send(new PutObjectCommand({ Bucket: env("BENCH_BUCKET"), Key: key, Body: value }));
    const got = await s3.send(new GetObjectCommand({ Bucket: env("BENCH_BUCKET"), Key: key }));
    return await got.Body!.transformToByteArray();
  };
  close = () => Promise.resolve(s3.destroy());
}
await roundTrip(new Uint8Array(64 * 1024));
const probe = await probeRss(() => roundTrip(bytes));
if (probe.value.byteLength !== bytes.byteLength) throw new Error("the round trip changed the size");
await close();
console.log(
  `RESULT ${
    JSON.stringify({ growthBytes: probe.growth, ms: probe.elapsedMs, kernelPeak: probe.kernelPeak })
  }`,
);
Deno.exit(0);
