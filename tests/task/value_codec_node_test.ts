import { ok, strictEqual } from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { bundleModule } from "../../src/task/bundle_module.ts";
import { decodeValue, encodeValue } from "../../src/task/value_codec.ts";
import { tempDirForSuite } from "../support/temp_dir_for_suite.ts";

// The codec is also bundled into the code that runs inside Lambda: it must stand alone and
// agree with itself across runtimes.

const scratch = tempDirForSuite("value-codec-node-test");
let codecFile: string;
let codecCode: string;

before(async () => {
  const bundle = await bundleModule(new URL("../../src/task/value_codec.ts", import.meta.url), {
    cacheDir: join(scratch, "cache"),
  });
  codecCode = bundle.code;
  codecFile = join(scratch, "value_codec.mjs");
  writeFileSync(codecFile, codecCode);
});

test("the value codec bundles into a file with no imports at all", () => {
  ok(!/^\s*import\b/m.test(codecCode), "no import statement");
  ok(!/\bimport\(|\brequire\(/.test(codecCode), "no dynamic import or require");
  ok(!codecCode.includes("Deno."), "no Deno API");
});

test("decodeValue() under Node reads what Deno encoded, and Deno reads what Node encoded back", () => {
  const shared = new ArrayBuffer(8);
  const sent: Record<string, unknown> = {
    when: new Date(86_400_000),
    big: -(2n ** 70n),
    odd: [NaN, -0, undefined, Infinity],
    map: new Map([["k", new Set([1])]]),
    views: [new Uint8Array(shared, 0, 4), new Float32Array(shared, 4, 1)],
    error: new RangeError("too far", { cause: "why" }),
  };
  sent.self = sent;
  const script = `
    import { decodeValue, encodeValue } from ${JSON.stringify(codecFile)};
    import { readFileSync } from "node:fs";
    const v = decodeValue(readFileSync(0, "utf8"));
    const checks = [
      v.self === v, v.when.getTime() === 86400000, v.big === -(2n ** 70n), Number.isNaN(v.odd[0]),
      Object.is(v.odd[1], -0), v.map.get("k").has(1), v.views[0].buffer === v.views[1].buffer,
      v.error instanceof RangeError && v.error.cause === "why",
    ];
    const reply = { checks, buffer: Buffer.from("from node"), error: new TypeError("node side") };
    reply.loop = reply;
    process.stdout.write(encodeValue(reply, "result"));
  `;
  const output = execFileSync("node", ["--input-type=module", "-e", script], {
    input: encodeValue(sent, "args"),
    encoding: "utf8",
  });
  const reply = decodeValue(output) as { checks: boolean[]; buffer: Uint8Array; error: Error; loop: unknown };
  strictEqual(reply.checks.every((check) => check), true, `checks under Node: ${reply.checks}`);
  strictEqual(new TextDecoder().decode(reply.buffer), "from node");
  ok(reply.error instanceof TypeError);
  strictEqual(reply.error.message, "node side");
  strictEqual(reply.loop, reply);
});
