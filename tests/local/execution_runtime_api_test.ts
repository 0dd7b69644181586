import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { afterEach, beforeEach, describe, test } from "node:test";
import {
  type RuntimeApiServer,
  startRuntimeApiServer,
} from "../../src/local/runtime_api/runtime_api_server.ts";
import type { RuntimeAnswer, RuntimeInvocation } from "../../src/local/runtime_api/runtime_invocation.ts";

interface Recorded {
  ready: number;
  delivered: Array<{ requestId: string; deadlineMs: number }>;
  answered: Array<{ requestId: string; outcome: string; text: string }>;
  initFailed: string[];
}

const invocation = (requestId: string, extra: Partial<RuntimeInvocation> = {}): RuntimeInvocation => ({
  requestId,
  payload: new TextEncoder().encode('{"hello":"world"}'),
  invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:f1",
  traceId: "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0",
  timeoutMs: 3_000,
  ...extra,
});

describe("Runtime API server", () => {
  let server: RuntimeApiServer;
  let recorded: Recorded;
  let base: string;
  beforeEach(async () => {
    recorded = { ready: 0, delivered: [], answered: [], initFailed: [] };
    const text = (answer: RuntimeAnswer) => new TextDecoder().decode(answer.payload);
    server = await startRuntimeApiServer({
      ready: () => recorded.ready++,
      delivered: (requestId, deadlineMs) => recorded.delivered.push({ requestId, deadlineMs }),
      answered: (requestId, answer) =>
        recorded.answered.push({ requestId, outcome: answer.outcome, text: text(answer) }),
      initFailed: (payload) => recorded.initFailed.push(new TextDecoder().decode(payload)),
    });
    base = `http://${server.address}/2018-06-01/runtime`;
  });
  afterEach(() => server.close());

  const post = (path: string, body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
    });

  test("/invocation/next long-polls until an event is delivered and carries AWS's headers", async () => {
    const next = fetch(`${base}/invocation/next`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    equal(recorded.ready, 1, "the first /next ends the init phase");
    equal(recorded.delivered.length, 0, "nothing to hand over yet");
    const before = Date.now();
    server.deliver(invocation("req-1", { clientContext: '{"custom":{"a":"b"}}' }));
    const response = await next;
    equal(response.status, 200);
    equal(await response.text(), '{"hello":"world"}');
    equal(response.headers.get("content-type"), "application/json");
    equal(response.headers.get("lambda-runtime-aws-request-id"), "req-1");
    equal(
      response.headers.get("lambda-runtime-invoked-function-arn"),
      "arn:aws:lambda:us-east-1:000000000000:function:f1",
    );
    equal(response.headers.get("lambda-runtime-trace-id")?.startsWith("Root=1-"), true);
    equal(response.headers.get("lambda-runtime-client-context"), '{"custom":{"a":"b"}}');
    equal(response.headers.get("lambda-runtime-cognito-identity"), null);
    const deadline = Number(response.headers.get("lambda-runtime-deadline-ms"));
    ok(Number.isInteger(deadline) && deadline >= before + 3_000 && deadline <= Date.now() + 3_000);
    deepEqual(recorded.delivered, [{ requestId: "req-1", deadlineMs: deadline }]);
  });

  test("/invocation/next answers at once when an event is already queued, without a client context header", async () => {
    server.deliver(invocation("req-2"));
    const response = await fetch(`${base}/invocation/next`);
    equal(response.headers.get("lambda-runtime-aws-request-id"), "req-2");
    equal(response.headers.has("lambda-runtime-client-context"), false);
    await response.body?.cancel();
  });

  test("/invocation/next escapes a client context that is not plain ASCII, keeping its JSON value", async () => {
    const clientContext = '{\n  "custom": { "name": "Zoë 🚀" }\n}';
    server.deliver(invocation("req-9", { clientContext }));
    const response = await fetch(`${base}/invocation/next`);
    await response.body?.cancel();
    const header = response.headers.get("lambda-runtime-client-context")!;
    ok(/^[\x20-\x7e]+$/.test(header), header);
    deepEqual(JSON.parse(header), JSON.parse(clientContext));
  });

  test("/response is accepted once; a second post is an invalid state transition", async () => {
    server.deliver(invocation("req/3"));
    await (await fetch(`${base}/invocation/next`)).text();
    const first = await post(`/invocation/${encodeURIComponent("req/3")}/response`, '{"ok":true}');
    equal(first.status, 202);
    deepEqual(await first.json(), { status: "OK" });
    deepEqual(recorded.answered, [{ requestId: "req/3", outcome: "success", text: '{"ok":true}' }]);
    const second = await post(`/invocation/${encodeURIComponent("req/3")}/response`, '"again"');
    equal(second.status, 403);
    equal((await second.json()).errorType, "InvalidStateTransition");
    equal(recorded.answered.length, 1);
  });

  test("/response for an unknown request id is refused with InvalidRequestID", async () => {
    server.deliver(invocation("req-4"));
    await (await fetch(`${base}/invocation/next`)).text();
    const response = await post("/invocation/someone-else/response", "{}");
    equal(response.status, 400);
    deepEqual(await response.json(), { errorMessage: "Invalid request ID", errorType: "InvalidRequestID" });
  });

  test("/response over 6291556 bytes gets 413 and fails the invocation", async () => {
    server.deliver(invocation("req-5"));
    await (await fetch(`${base}/invocation/next`)).text();
    const response = await post("/invocation/req-5/response", new Uint8Array(6_291_557).fill(0x20));
    equal(response.status, 413);
    deepEqual(await response.json(), {
      errorMessage: "Exceeded maximum allowed payload size (6291556 bytes).",
      errorType: "RequestEntityTooLarge",
    });
    equal(recorded.answered[0].outcome, "error");
    equal(JSON.parse(recorded.answered[0].text).errorType, "Function.ResponseSizeTooLarge");
  });

  test("/error passes the runtime's error JSON on, and wraps a body that is not JSON", async () => {
    server.deliver(invocation("req-6"));
    await (await fetch(`${base}/invocation/next`)).text();
    const error = '{"errorType":"Error","errorMessage":"boom","trace":["Error: boom"]}';
    equal((await post("/invocation/req-6/error", error)).status, 202);
    deepEqual(recorded.answered[0], { requestId: "req-6", outcome: "error", text: error });

    server.deliver(invocation("req-7"));
    await (await fetch(`${base}/invocation/next`)).text();
    const plain = await post("/invocation/req-7/error", "it broke", {
      "lambda-runtime-function-error-type": "Custom.Kind",
    });
    equal(plain.status, 202);
    deepEqual(JSON.parse(recorded.answered[1].text), { errorType: "Custom.Kind", errorMessage: "it broke" });
  });

  test("/init/error is accepted before the first /next and refused after it", async () => {
    const body =
      '{"errorType":"Runtime.ImportModuleError","errorMessage":"Error: Cannot find module \'index\'"}';
    const response = await post("/init/error", body, {
      "lambda-runtime-function-error-type": "Runtime.ImportModuleError",
    });
    equal(response.status, 202);
    deepEqual(await response.json(), { status: "OK" });
    deepEqual(recorded.initFailed, [body]);

    const other = await startRuntimeApiServer({ ready() {}, delivered() {}, answered() {}, initFailed() {} });
    try {
      other.deliver(invocation("req-8"));
      await (await fetch(`http://${other.address}/2018-06-01/runtime/invocation/next`)).text();
      const late = await fetch(`http://${other.address}/2018-06-01/runtime/init/error`, {
        method: "POST",
        body,
      });
      equal(late.status, 403);
      equal((await late.json()).errorType, "InvalidStateTransition");
    } finally {
      await other.close();
    }
  });

  test("unknown paths get 404 and wrong methods 405", async () => {
    const unknown = await fetch(`${base}/invocation/next/extra`);
    equal(unknown.status, 404);
    await unknown.body?.cancel();
    const wrongMethod = await post("/invocation/next", "{}");
    equal(wrongMethod.status, 405);
    await wrongMethod.body?.cancel();
  });
});
