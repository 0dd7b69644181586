import { HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import {
  deepStrictEqual as deepEqual,
  match,
  notStrictEqual as notEqual,
  ok,
  rejects,
  strictEqual as equal,
} from "node:assert/strict";
import { rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { handler } from "../../src/runtime/handler.ts";
import { moduleCacheDirectory } from "../../src/runtime/module_cache.ts";
import { ANSWER_FORMAT, EVENT_FORMAT, type InvocationEvent } from "../../src/runtime/protocol.ts";
import { decodeValue, encodeValue } from "../../src/task/value_codec.ts";
import { decodeValueParts } from "../../src/task/value_parts.ts";
import { rejection } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import {
  codeHash,
  functionEvent,
  partsBytes,
  type RuntimeObjects,
  runtimeObjects,
} from "../support/runtime_events.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";

describe("runtime handler (protocol v2)", () => {
  const bucket = uniqueBucket("runtime");
  let aws: LocalAwsServer;
  let s3: S3Client;
  let objects: RuntimeObjects;
  before(async () => {
    ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] }));
    objects = runtimeObjects(s3, bucket);
  });
  after(async () => {
    await aws.close();
    const dir = moduleCacheDirectory();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const stored = async (key: string) =>
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(() => true, () => false);

  /** A module task whose bundle is in S3 under code/<hash>.mjs. */
  const moduleEvent = async (source: string, exportName: string, args: unknown[]) => {
    const hash = codeHash(source);
    await objects.put(`code/${hash}.mjs`, source);
    const { route } = await objects.outcome();
    const event: InvocationEvent = {
      format: EVENT_FORMAT,
      runId: "run-test",
      code: { kind: "module", hash, exportName, url: await objects.getUrl(`code/${hash}.mjs`) },
      args: { inline: encodeValue(args, "args") },
      outcome: route,
    };
    return event;
  };

  test("handler() answers a function task's value inline and writes nothing when it fits", async () => {
    const { route, key } = await objects.outcome();
    const answer = await handler(
      functionEvent(
        "(a, b) => { console.log('adding', a, b); return new Map([['sum', a + b]]); }",
        [1n, 2n],
        route,
      ),
    );
    equal(answer.format, ANSWER_FORMAT);
    equal(answer.ok, true);
    deepEqual(decodeValue(answer.value!), new Map([["sum", 3n]]));
    equal(answer.written, false);
    equal(answer.spilledBytes, undefined);
    equal(answer.stdout, "adding 1n 2n\n");
    equal(await stored(key), false);
  });

  test("handler() answers the thrown value when a function task throws", async () => {
    const { route } = await objects.outcome();
    const answer = await handler(functionEvent("() => { throw new RangeError('no'); }", [], route));
    equal(answer.ok, false);
    const thrown = decodeValue(answer.value!) as Error;
    ok(thrown instanceof RangeError);
    equal(thrown.message, "no");
  });

  test("handler() answers a ResultEncodingError when the result cannot be encoded", async () => {
    const { route } = await objects.outcome();
    const answer = await handler(functionEvent("() => ({ callback: () => 1 })", [], route));
    equal(answer.ok, false);
    const thrown = decodeValue(answer.value!) as Error;
    equal(thrown.name, "ResultEncodingError");
    match(thrown.message, /result\.callback/);
  });

  test("handler() downloads a module task's code once when later tasks name the same hash", async () => {
    const counter = aws.faults.add({ service: "s3", method: "GET", path: /\/code\//, delayMs: 0 });
    try {
      const source = "export const double = (n) => n * 2;\nexport const triple = (n) => n * 3;\n";
      const first = await handler(await moduleEvent(source, "double", [21]));
      const second = await handler(await moduleEvent(source, "triple", [5]));
      equal(decodeValue(first.value!), 42);
      equal(decodeValue(second.value!), 15);
      equal(counter.hits, 1);
    } finally {
      counter.remove();
    }
  });

  test("handler() reads the arguments from the binary parts container when they come by URL", async () => {
    const bytes = new Uint8Array(300_000).map((_, i) => i % 251);
    const body = partsBytes([bytes, new Set(["a", "b"])], "args");
    await objects.put("args/by-url", body);
    const { route } = await objects.outcome();
    const event: InvocationEvent = {
      ...functionEvent("(bytes, set) => [bytes.length, bytes[300], set.size]", [], route),
      args: { url: await objects.getUrl("args/by-url"), bytes: body.byteLength },
    };
    const answer = await handler(event);
    deepEqual(decodeValue(answer.value!), [300_000, 300 % 251, 2]);
  });

  test("handler() writes the outcome record and answers without the value when it exceeds the inline limit", async () => {
    const { route, key } = await objects.outcome({ inlineLimit: 20_000 });
    const answer = await handler(
      functionEvent(
        "() => { console.error('big'); return { bytes: new Uint8Array(100_000).fill(7) }; }",
        [],
        route,
      ),
    );
    equal(answer.ok, true);
    equal(answer.value, undefined);
    equal(answer.written, true);
    equal(answer.stderr, "big\n");
    const object = await objects.read(key);
    equal(answer.spilledBytes, object.byteLength);
    const record = decodeValueParts(object) as Record<string, unknown>;
    equal(record.ok, true);
    deepEqual(record.value, { bytes: new Uint8Array(100_000).fill(7) });
    equal(record.stderr, "big\n");
    equal(record.durationMs, answer.durationMs);
  });

  test("handler() leaves stdout and stderr to the record when they alone exceed the inline limit", async () => {
    const { route, key } = await objects.outcome({ inlineLimit: 1_000 });
    const answer = await handler(
      functionEvent("() => { console.log('x'.repeat(2_000)); return 1; }", [], route),
    );
    equal(answer.value, undefined);
    equal(answer.stdout, "");
    ok(new TextEncoder().encode(JSON.stringify(answer)).byteLength <= 1_000);
    const record = decodeValueParts(await objects.read(key)) as Record<string, unknown>;
    equal(record.value, 1);
    equal(record.stdout, `${"x".repeat(2_000)}\n`);
  });

  test("handler() writes the outcome and still answers inline when the task ran at least durableAfterMs", async () => {
    const { route, key } = await objects.outcome({ durableAfterMs: 0 });
    const answer = await handler(functionEvent("async () => 'done'", [], route));
    equal(decodeValue(answer.value!), "done");
    equal(answer.written, true);
    equal(answer.spilledBytes, undefined);
    const record = decodeValueParts(await objects.read(key)) as Record<string, unknown>;
    deepEqual({ ok: record.ok, value: record.value }, { ok: true, value: "done" });
  });

  describe("one 503 SlowDown absorbed", () => {
    test("handler() absorbs a 503 SlowDown when the arguments download gets one", async () => {
      const body = partsBytes([5], "args");
      await objects.put("args/slow", body);
      const { route } = await objects.outcome();
      const fault = aws.faults.add({
        service: "s3",
        method: "GET",
        path: /\/args\/slow/,
        times: 1,
        error: { status: 503, code: "SlowDown" },
      });
      const event: InvocationEvent = {
        ...functionEvent("(n) => n + 1", [], route),
        args: { url: await objects.getUrl("args/slow"), bytes: body.byteLength },
      };
      equal(decodeValue((await handler(event)).value!), 6);
      equal(fault.hits, 1);
    });

    test("handler() absorbs a 503 SlowDown when the code download gets one", async () => {
      const event = await moduleEvent("export default (n) => n - 1;\n", "default", [5]);
      const fault = aws.faults.add({
        service: "s3",
        method: "GET",
        path: /\/code\//,
        times: 1,
        error: { status: 503, code: "SlowDown" },
      });
      equal(decodeValue((await handler(event)).value!), 4);
      equal(fault.hits, 1);
    });

    test("handler() absorbs a 503 SlowDown when the outcome upload gets one", async () => {
      const { route, key } = await objects.outcome({ durableAfterMs: 0 });
      const fault = aws.faults.add({
        service: "s3",
        method: "PUT",
        path: /\/outcome\//,
        times: 1,
        error: { status: 503, code: "SlowDown" },
      });
      const answer = await handler(functionEvent("() => new Uint8Array([1, 2, 3])", [], route));
      equal(answer.written, true);
      equal(fault.hits, 1);
      deepEqual(
        (decodeValueParts(await objects.read(key)) as { value: unknown }).value,
        new Uint8Array([1, 2, 3]),
      );
    });
  });

  test("handler() fails after the last attempt with the transfer, status and S3 code when S3 keeps answering 503", async () => {
    const { route } = await objects.outcome({ durableAfterMs: 0 });
    const fault = aws.faults.add({
      service: "s3",
      method: "PUT",
      path: /\/outcome\//,
      error: { status: 503, code: "SlowDown" },
    });
    try {
      const error = await rejection(handler(functionEvent("() => 1", [], route)));
      equal(error.name, "TransferFailed");
      equal(error.message, "The outcome upload failed after 5 attempts: HTTP 503 SlowDown.");
      equal(fault.hits, 5);
    } finally {
      fault.remove();
    }
  });

  test("handler() retries and then names the network error but no URL when S3 cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const url = `http://127.0.0.1:${port}/bucket/outcome?X-Amz-Signature=secret-signature`;
    const { route } = await objects.outcome({ durableAfterMs: 0 });
    const error = await rejection(handler(functionEvent("() => 1", [], { ...route, url })));
    equal(error.name, "TransferFailed");
    match(error.message, /^The outcome upload failed after 5 attempts: network error/);
    ok(!error.message.includes("secret-signature"), error.message);
  });

  test("handler() fails with a message naming the expiry and no URL when a presigned URL has expired", async () => {
    await objects.put("args/expired", partsBytes([1], "args"));
    const url = await objects.getUrl("args/expired", { expiredAlready: true });
    const { route } = await objects.outcome();
    const error = await rejection(
      handler({ ...functionEvent("(n) => n", [], route), args: { url, bytes: 1 } }),
    );
    equal(error.name, "TransferFailed");
    match(error.message, /^The arguments download failed: HTTP 403 AccessDenied\. .*expired/);
    ok(!error.message.includes(new URL(url).host), "the message names no URL");
    ok(!/X-Amz-Signature/i.test(String(error.stack)));
  });

  test("handler() does not retry when S3 answers 403 to the code download", async () => {
    const event = await moduleEvent("export default () => 'denied';\n", "default", []);
    const fault = aws.faults.add({
      service: "s3",
      method: "GET",
      path: /\/code\//,
      error: { status: 403, code: "AccessDenied", message: "Request has expired" },
    });
    try {
      await rejects(handler(event), {
        name: "TransferFailed",
        message: /^The code download failed: HTTP 403 AccessDenied\./,
      });
      equal(fault.hits, 1);
    } finally {
      fault.remove();
    }
  });

  test("handler() fails at once with S3's code when the code object is missing", async () => {
    const { route } = await objects.outcome();
    const event: InvocationEvent = {
      ...functionEvent("() => 1", [], route),
      code: { kind: "module", hash: codeHash("missing"), url: await objects.getUrl("code/missing.mjs") },
    };
    await rejects(handler(event), {
      name: "TransferFailed",
      message: "The code download failed: HTTP 404 NoSuchKey.",
    });
  });

  test("handler() throws a TypeError naming the format when the event is not a version 2 event", async () => {
    await rejects(
      handler({ format: "covalent-awslambda/event@1", taskUrl: "https://x" } as unknown as InvocationEvent),
      {
        name: "TypeError",
        message:
          'Not a covalent-awslambda/event@2 event: its format is "covalent-awslambda/event@1"; the executor and the deployed runtime are of different versions.',
      },
    );
  });

  test("handler() throws a TypeError when the code has neither source nor url, or the arguments are no array", async () => {
    const { route } = await objects.outcome();
    const event = functionEvent("() => 'never run'", [], route);
    await rejects(handler({ ...event, code: { kind: "module", hash: codeHash("nowhere") } }), {
      name: "TypeError",
      message: "The event's code has neither a source nor a url.",
    });
    await rejects(handler({ ...event, args: { inline: encodeValue({ 0: 1 }, "args") } }), {
      name: "TypeError",
      message: "The task's arguments must be an array, got object.",
    });
  });

  test("handler() puts the globals back after encoding a result whose getter replaced one", async () => {
    const stringifyBefore = JSON.stringify;
    // The getter runs while the result is encoded, after the restore that precedes encoding (it
    // garbles only its own answer).
    const task = `() => ({ get sneaky() { JSON.stringify = () => "forged"; return 1; } })`;
    await handler(functionEvent(task, [], (await objects.outcome()).route));
    equal(JSON.stringify, stringifyBefore);
  });

  test("handler() answers the next task truthfully when a task replaced globalThis.fetch and JSON.stringify", async () => {
    const fetchBefore = globalThis.fetch;
    const stringifyBefore = JSON.stringify;
    const saboteur = `() => {
      const seen = [];
      globalThis.__seenUrls = seen;
      globalThis.fetch = async (url) => { seen.push(String(url)); return new Response(null, { status: 200 }); };
      JSON.stringify = () => '{"format":"covalent.value","version":1,"value":"forged"}';
      Object.defineProperty(performance, "now", { value: () => 0, configurable: true });
      return "sabotaged";
    }`;
    const first = await handler(functionEvent(saboteur, [], (await objects.outcome()).route));
    equal(globalThis.fetch, fetchBefore);
    equal(JSON.stringify, stringifyBefore);
    equal(Object.hasOwn(performance, "now"), false);
    equal(decodeValue(first.value!), "sabotaged");
    const { route, key } = await objects.outcome({ durableAfterMs: 0 });
    const event = functionEvent("() => 'honest'", [], route);
    // What a timer left by the saboteur would do between two tasks.
    JSON.stringify = () => "forged";
    const second = await handler(event);
    equal(JSON.stringify, stringifyBefore);
    equal(decodeValue(second.value!), "honest");
    equal((decodeValueParts(await objects.read(key)) as { value: unknown }).value, "honest");
    deepEqual((globalThis as { __seenUrls?: string[] }).__seenUrls, []);
    delete (globalThis as { __seenUrls?: unknown }).__seenUrls;
  });

  test("handler() keeps the next task's URLs from a task that replaced http.request and http.globalAgent", async () => {
    const http = (await import("node:http")).default;
    const requestBefore = http.request;
    const agentBefore = http.globalAgent;
    // Both are module properties: no restore covers them, so the runtime must not use them.
    const saboteur = `async () => {
      const http = (await import("node:http")).default;
      const seen = [];
      globalThis.__httpSeen = seen;
      const request = http.request;
      http.request = (...args) => { seen.push(String(args[0])); return request(...args); };
      const agent = new http.Agent();
      const connect = agent.createConnection.bind(agent);
      agent.createConnection = (options, callback) => { seen.push(String(options.host)); return connect(options, callback); };
      http.globalAgent = agent;
      return "sabotaged";
    }`;
    try {
      await handler(functionEvent(saboteur, [], (await objects.outcome()).route));
      notEqual(http.request, requestBefore, "the saboteur did replace http.request");
      // A durable outcome is uploaded through the event's presigned URL.
      const { route, key } = await objects.outcome({ durableAfterMs: 0 });
      const answer = await handler(functionEvent("() => 'honest'", [], route));
      equal(answer.written, true);
      equal((decodeValueParts(await objects.read(key)) as { value: unknown }).value, "honest");
      deepEqual((globalThis as { __httpSeen?: string[] }).__httpSeen, []);
    } finally {
      http.request = requestBefore;
      http.globalAgent = agentBefore;
      delete (globalThis as { __httpSeen?: unknown }).__httpSeen;
    }
  });
});
