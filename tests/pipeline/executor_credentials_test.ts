import { match, ok, strictEqual as equal } from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import { AwsError, CredentialsError } from "../../mod.ts";
import { rejection } from "../support/aws_clients.ts";
import { credentialProcessProfile } from "../support/credential_process.ts";
import { startExecutorBed } from "../support/executor_bed.ts";
import { tempDirForSuite } from "../support/temp_dir_for_suite.ts";

describe("AWSLambdaExecutor and credentials", () => {
  const dir = tempDirForSuite("executor-credentials-test");

  test("run() is signed with fresh keys after a credential_process session has expired", async () => {
    await using bed = await startExecutorBed({}, {});
    // Deployed first with the bed's own keys, so the session's short life is spent on the runs.
    equal(await bed.executor().run(() => 0, []), 0);
    // The first session really dies after 15 s, though the process claims two minutes: only asking
    // the process again can make the second run work.
    const first = bed.aws.issueSessionCredentials({ durationSeconds: 15 });
    const profile = credentialProcessProfile(dir, { ...first, expiration: new Date(Date.now() + 120_000) });
    await using executor = bed.executorWith({
      credentials: profile.file,
      profile: profile.profile,
      timeout: 1,
    });
    equal(await executor.run((n: number) => n + 1, [1]), 2);
    while (Date.now() < first.expiration.getTime() + 200) {
      await delay(first.expiration.getTime() + 200 - Date.now());
    }
    const callsBefore = profile.calls();
    profile.write(bed.aws.issueSessionCredentials({ durationSeconds: 900 }));
    equal(await executor.run((n: number) => n + 1, [2]), 3);
    ok(profile.calls() > callsBefore, "the process was asked again");
  });

  test("run() fails with CredentialsError before uploading when the session ends before the task could", async () => {
    await using bed = await startExecutorBed();
    const short = bed.aws.issueSessionCredentials({ durationSeconds: 30 });
    const profile = credentialProcessProfile(dir, short);
    await using executor = bed.executorWith({
      credentials: profile.file,
      profile: profile.profile,
      timeout: 60,
    });
    const error = await rejection(executor.run(() => 1, []));
    ok(error instanceof CredentialsError, String(error));
    match(
      error.message,
      /expire in \d+ s, even just refreshed, but a task needs URLs that stay valid for 120 s/,
    );
    equal((await bed.objectKeys()).length, 0);
  });

  test("run() recovers once the missing credentials file is written", async () => {
    await using bed = await startExecutorBed();
    const file = join(dir, "appears-later");
    await using executor = bed.executorWith({ credentials: file, profile: "later" });
    const first = await rejection(executor.run(() => "no keys yet", []));
    ok(first instanceof CredentialsError, String(first));
    ok(!existsSync(file));
    writeFileSync(
      file,
      `[later]\naws_access_key_id = ${bed.aws.credentials.accessKeyId}\n` +
        `aws_secret_access_key = ${bed.aws.credentials.secretAccessKey}\n`,
    );
    equal(await executor.run(() => "keys now", []), "keys now");
  });

  test("run() fails with CredentialsError, not a permissions error, when the secret key is wrong", async () => {
    await using bed = await startExecutorBed();
    const file = join(dir, "wrong-secret");
    writeFileSync(
      file,
      `[wrong]\naws_access_key_id = ${bed.aws.credentials.accessKeyId}\naws_secret_access_key = nope\n`,
    );
    await using executor = bed.executorWith({ credentials: file, profile: "wrong" });
    const error = await rejection(executor.run(() => 1, []));
    ok(error instanceof CredentialsError, String(error));
    match(error.message, /AWS refused the credentials from profile "wrong"/);
    match(error.message, /check the access key id and secret access key/i);
    ok(!/s3:PutObject|cache_dir/.test(error.message), error.message);
  });

  test("run() fails at once with AwsError saying AWS cannot be reached when the endpoint is gone", async () => {
    await using bed = await startExecutorBed();
    const endpoint = bed.aws.endpoint;
    await bed.aws.close();
    await using executor = bed.executorWith({ endpoint });
    const error = await rejection(executor.run(() => 1, []));
    ok(error instanceof AwsError, String(error));
    equal(error.reason._tag, "Transport");
    match(error.message, /refused the connection/);
    ok(!/timeout/i.test(error.message), error.message);
  });
});
