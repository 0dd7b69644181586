import { Cause, Effect, Exit, References, Schedule } from "effect";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { ok, strictEqual as equal, throws } from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, afterEach, before, describe, test } from "node:test";
import { inspect } from "node:util";
import type { FaultRule } from "../../local.ts";
import {
  AWSLambdaExecutor,
  type AWSLambdaExecutorOptions,
  LambdaExecutor,
  lambdaExecutorLayer,
  ThrottleRetryPolicy,
} from "../../mod.ts";
import { rejection, s3Client } from "../support/aws_clients.ts";
import { BED_BUCKET, type ExecutorBed, startExecutorBed } from "../support/executor_bed.ts";

const ACCESS_KEY_ID = "AKIAEXAMPLEKEY123456";
/** Forty characters, like a real secret access key, and impossible to mistake for anything else. */
const SECRET = "CovalentSecret/NeverLeak+0123456789abcde";
const WRONG_SECRET = "WrongSecretThatMustNotLeakEither/9876543";

/** Text that must never be reachable from an error (besides the secrets themselves). */
const FORBIDDEN_TEXT: readonly RegExp[] = [
  /AWS4-HMAC-SHA256/,
  /X-Amz-Signature=/i,
  /x-amz-security-token/i,
  /\bauthorization["']?\s*[:=]/i,
];

/** Property names that only the SDK's own error objects carry. */
const FORBIDDEN_KEYS = ["$response", "$metadata"];

/** Everything reachable from a value: its text and its property names. */
interface Reachable {
  readonly texts: string[];
  readonly keys: string[];
}

/**
 * Walks every own property (string and symbol keys, enumerable or not, getters evaluated,
 * getters of the prototype chain too), array items, map and set entries and typed arrays
 * (decoded), with a seen-set.
 */
function reachableFrom(root: unknown): Reachable {
  const texts: string[] = [];
  const keys: string[] = [];
  const seen = new Set<unknown>();
  const read = (holder: object, getter: () => unknown) => {
    try {
      return getter.call(holder);
    } catch {
      return undefined;
    }
  };
  const visit = (value: unknown): void => {
    if (typeof value === "string") return void texts.push(value);
    if ((typeof value !== "object" && typeof value !== "function") || value === null) return;
    if (seen.has(value)) return;
    seen.add(value);
    if (ArrayBuffer.isView(value)) {
      return void texts.push(new TextDecoder("latin1").decode(value as Uint8Array));
    }
    if (value instanceof Map) { for (const [k, v] of value) visit(k), visit(v); }
    if (value instanceof Set) { for (const v of value) visit(v); }
    for (const key of Reflect.ownKeys(value)) {
      keys.push(String(key));
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key)!;
      visit("value" in descriptor ? descriptor.value : descriptor.get && read(value, descriptor.get));
    }
    for (
      let proto = Object.getPrototypeOf(value);
      proto !== null && proto !== Object.prototype && proto !== Function.prototype;
      proto = Object.getPrototypeOf(proto)
    ) {
      for (const key of Reflect.ownKeys(proto)) {
        const getter = Reflect.getOwnPropertyDescriptor(proto, key)?.get;
        if (getter) visit(read(value, getter));
      }
    }
  };
  visit(root);
  return { texts, keys };
}

/** Every rendering of an error a user or a logger might produce. */
function renderings(error: Error): string[] {
  const out = [String(error), error.stack ?? "", inspect(error, { showHidden: true, depth: null })];
  try {
    out.push(JSON.stringify(error) ?? "");
  } catch (problem) {
    out.push(`JSON.stringify threw ${problem}`);
  }
  return out;
}

/** Asserts that nothing secret is reachable from `error`. */
function assertNoSecrets(error: Error, secrets: readonly string[]): void {
  const { texts, keys } = reachableFrom(error);
  const all = [...texts, ...renderings(error)];
  for (const secret of secrets) {
    const found = all.find((text) => text.includes(secret));
    ok(found === undefined, `a secret is reachable from ${error.name}: …${found?.slice(0, 300)}…`);
  }
  for (const pattern of FORBIDDEN_TEXT) {
    const found = all.find((text) => pattern.test(text));
    ok(found === undefined, `${pattern} is reachable from ${error.name}: …${found?.slice(0, 300)}…`);
  }
  for (const key of FORBIDDEN_KEYS) ok(!keys.includes(key), `${error.name} reaches a property ${key}`);
}

/** The keys an executor signs with, as a shared credentials file. */
interface Keys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

function credentialsFile(dir: string, name: string, keys: Keys): string {
  const file = join(dir, `${name}-credentials`);
  const token = keys.sessionToken === undefined ? "" : `aws_session_token = ${keys.sessionToken}\n`;
  writeFileSync(
    file,
    `[${name}]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n${token}`,
  );
  return file;
}

/** One way to make a run fail. */
interface Case {
  readonly error: string;
  readonly situation: string;
  readonly fault?: FaultRule;
  readonly options?: AWSLambdaExecutorOptions;
  /** Keys to use instead of the good ones (a wrong secret, an expired session). */
  readonly keys?: (good: Keys, bed: ExecutorBed) => Keys;
  readonly task?: (text: string) => unknown;
  /** Run through the Effect API with throttling retried zero times. */
  readonly noThrottleRetry?: boolean;
}

const CASES: readonly Case[] = [
  {
    error: "StagingError",
    situation: "S3 denies the upload (403)",
    fault: {
      service: "s3",
      method: "PUT",
      path: /args\.bin$/,
      error: { status: 403, code: "AccessDenied" },
    },
  },
  {
    error: "StagingError",
    situation: "S3 keeps failing the upload (500)",
    fault: {
      service: "s3",
      method: "PUT",
      path: /args\.bin$/,
      error: { status: 500, code: "InternalError" },
    },
  },
  {
    error: "BucketNotFound",
    situation: "the staging bucket does not exist",
    options: { s3BucketName: "no-such-staging-bucket" },
  },
  {
    error: "DeployError",
    situation: "Lambda refuses to create the function",
    // Settings of its own, so the function is new and must be created.
    options: { memorySize: 320 },
    fault: {
      service: "lambda",
      method: "POST",
      path: /^\/2015-03-31\/functions\/?$/,
      error: { status: 400, code: "CodeStorageExceededException", message: "Code storage limit exceeded." },
    },
  },
  {
    error: "RoleNotFound",
    situation: "the execution role does not exist",
    options: { lambdaRoleName: "NoSuchRole" },
  },
  {
    error: "InvokeError",
    situation: "the caller may not invoke (403)",
    fault: {
      service: "lambda",
      method: "POST",
      path: /\/invocations$/,
      error: { status: 403, code: "AccessDeniedException", message: "not authorized" },
    },
  },
  {
    error: "Throttled",
    situation: "every invocation is throttled (429)",
    noThrottleRetry: true,
    fault: {
      service: "lambda",
      method: "POST",
      path: /\/invocations$/,
      error: { status: 429, code: "TooManyRequestsException", message: "Rate Exceeded." },
    },
  },
  {
    error: "ResultDecodeError",
    situation: "S3 denies reading a large outcome (403)",
    fault: {
      service: "s3",
      method: "GET",
      path: /outcome\.bin$/,
      error: { status: 403, code: "AccessDenied" },
    },
  },
  {
    error: "ResultDecodeError",
    situation: "the outcome in S3 is not an outcome",
    fault: { service: "s3", method: "GET", path: /outcome\.bin$/, response: { status: 200, body: "{}" } },
  },
  {
    error: "TaskTimedOut",
    situation: "the task outlives a one-second function timeout",
    options: { timeout: 1 },
    task: () => new Promise((resolve) => setTimeout(resolve, 5_000)),
  },
  {
    error: "CredentialsError",
    situation: "the secret access key is wrong",
    keys: (good) => ({ ...good, secretAccessKey: WRONG_SECRET }),
  },
];

/** An argument too large to travel inline at the cases' inline limit. */
const LARGE = "s".repeat(8_000);

/** Runs the case and returns what the run rejected with. */
async function failure(bed: ExecutorBed, keys: Keys, testCase: Case): Promise<Error> {
  const options: AWSLambdaExecutorOptions = {
    ...bed.options,
    // Small enough that the argument and result below travel through S3, so S3's errors show.
    inlineLimit: 4096,
    ...testCase.options,
    credentials: credentialsFile(bed.aws.dataDir, "case", testCase.keys?.(keys, bed) ?? keys),
    profile: "case",
  };
  if (testCase.fault !== undefined) bed.aws.faults.add(testCase.fault);
  const task = testCase.task ?? ((text: string) => text.repeat(2));
  if (testCase.noThrottleRetry) {
    const exit = await Effect.runPromiseExit(
      LambdaExecutor.use((executor) => executor.run(task, [LARGE])).pipe(
        Effect.provideService(ThrottleRetryPolicy, Schedule.recurs(0)),
        Effect.provide(lambdaExecutorLayer(options)),
        Effect.provideService(References.MinimumLogLevel, "Warn"),
      ),
    );
    ok(Exit.isFailure(exit), "the run failed");
    return Cause.squash(exit.cause) as Error;
  }
  const executor = new AWSLambdaExecutor(options);
  try {
    return await rejection(executor.run(task, [LARGE]));
  } finally {
    await executor.close();
  }
}

function article(word: string): string {
  return /^[AEIOU]/.test(word) ? "an" : "a";
}

/** Tests every case with the keys `issue` gives. */
function describeKeys(kind: string, issue: (bed: ExecutorBed) => Keys | string, extra: readonly Case[] = []) {
  describe(`errors of runs with ${kind}`, () => {
    let bed: ExecutorBed;
    let keys: Keys | string;
    before(async () => {
      bed = await startExecutorBed({}, {
        credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
      });
      keys = issue(bed);
    });
    afterEach(() => bed.aws.faults.clear());
    after(() => bed.close());

    for (const testCase of [...CASES, ...extra]) {
      test(
        `run() rejects with ${
          article(testCase.error)
        } ${testCase.error} that reaches no secret when ${testCase.situation} (${kind})`,
        async (t) => {
          if (typeof keys === "string") return t.skip(keys);
          const error = await failure(bed, keys, testCase);
          equal(error.name, testCase.error, String(error));
          const secrets = [SECRET, WRONG_SECRET, keys.secretAccessKey];
          assertNoSecrets(error, keys.sessionToken === undefined ? secrets : [...secrets, keys.sessionToken]);
        },
      );
    }
  });
}

describe("assertNoSecrets()", () => {
  test("assertNoSecrets() fails when given the SDK's own error, which holds the signed request", async () => {
    await using bed = await startExecutorBed({}, {
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
    });
    const session = bed.aws.issueSessionCredentials({ durationSeconds: 3_600 });
    const s3 = s3Client(bed.aws, session, 1);
    try {
      const raw = await rejection(s3.send(new GetObjectCommand({ Bucket: BED_BUCKET, Key: "absent.json" })));
      throws(
        () => assertNoSecrets(raw, [session.sessionToken]),
        /reachable from NoSuchKey|property \$response/,
      );
      const { texts, keys } = reachableFrom(raw);
      ok(keys.includes("$response"));
      ok(texts.some((text) => text.includes(session.sessionToken)), "the walk reaches the signed request");
    } finally {
      s3.destroy();
    }
  });
});

describeKeys("long-term keys", () => ({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET }));

describeKeys(
  "session keys",
  (bed) =>
    typeof bed.aws.issueSessionCredentials === "function"
      ? bed.aws.issueSessionCredentials({ durationSeconds: 3_600 })
      : "local AWS cannot issue session credentials yet (no issueSessionCredentials)",
  [{
    error: "CredentialsError",
    situation: "the session token has expired",
    keys: (_good, bed) => {
      const expired = bed.aws.issueSessionCredentials({ durationSeconds: 0.001 });
      // Its expiry is rounded down to the second, so this ends within a millisecond.
      while (Date.now() <= expired.expiration.getTime()) continue;
      return expired;
    },
  }],
);
