import { Effect, Exit, Logger } from "effect";
import { match, ok, strictEqual as equal } from "node:assert/strict";
import { describe, test } from "node:test";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { CredentialsError, credentialSource } from "../../mod.ts";
import { credentialProcessProfile } from "../support/credential_process.ts";
import { tempDirForSuite } from "../support/temp_dir_for_suite.ts";

const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000);
const keys = (id: string, expiresInSeconds?: number) => ({
  accessKeyId: id,
  secretAccessKey: `secret-of-${id}`,
  sessionToken: `token-of-${id}`,
  expiration: expiresInSeconds === undefined ? undefined : inSeconds(expiresInSeconds),
});

describe("credentialSource()", () => {
  const dir = tempDirForSuite("credential-source-test");

  test("credentialSource() answers from memory while the keys last well beyond the refresh margin", async () => {
    const profile = credentialProcessProfile(dir, keys("ASIALONGLIVED", 3600));
    const source = await Effect.runPromise(
      credentialSource({ file: profile.file, profile: profile.profile }),
    );
    equal(profile.calls(), 1, "resolved once up front");
    equal((await source.provider()).accessKeyId, "ASIALONGLIVED");
    equal((await source.provider()).accessKeyId, "ASIALONGLIVED");
    equal(profile.calls(), 1);
  });

  test("credentialSource() asks a credential_process profile again when its keys near expiry", async () => {
    const profile = credentialProcessProfile(dir, keys("ASIAFIRST", 60));
    const source = await Effect.runPromise(
      credentialSource({ file: profile.file, profile: profile.profile }),
    );
    profile.write(keys("ASIASECOND", 3600));
    equal((await source.provider()).accessKeyId, "ASIASECOND");
    equal(profile.calls(), 2);
    equal((await source.provider()).accessKeyId, "ASIASECOND", "the fresh keys are kept");
    equal(profile.calls(), 2);
  });

  test("credentialSource().validFor() refreshes keys that would expire before the URLs they sign", async () => {
    const profile = credentialProcessProfile(dir, keys("ASIASHORT", 600));
    const source = await Effect.runPromise(
      credentialSource({ file: profile.file, profile: profile.profile }),
    );
    profile.write(keys("ASIALONGER", 3600));
    equal((await Effect.runPromise(source.validFor(900))).accessKeyId, "ASIALONGER");
  });

  test("credentialSource().validFor() fails with CredentialsError when even fresh keys expire too soon", async () => {
    const profile = credentialProcessProfile(dir, keys("ASIASHORT", 600));
    const source = await Effect.runPromise(
      credentialSource({ file: profile.file, profile: profile.profile }),
    );
    const exit = await Effect.runPromiseExit(source.validFor(3600));
    ok(Exit.isFailure(exit));
    const error = exit.cause.reasons[0]._tag === "Fail" ? exit.cause.reasons[0].error : undefined;
    ok(error instanceof CredentialsError, String(exit.cause));
    match(error.message, /expire in \d+ s, even just refreshed/);
    match(error.message, /lower `timeout`/);
  });

  test("credentialSource() fails with CredentialsError naming the profile when its file does not exist", async () => {
    const exit = await Effect.runPromiseExit(credentialSource({ file: join(dir, "nope"), profile: "p" }));
    ok(Exit.isFailure(exit));
    const error = exit.cause.reasons[0]._tag === "Fail" ? exit.cause.reasons[0].error : undefined;
    ok(error instanceof CredentialsError);
    match(error.message, /profile "p" of .*nope/);
  });

  test("credentialSource() falls back to the environment with a warning when the config file's profile is missing", async () => {
    const file = join(dir, "credentials-without-profile");
    writeFileSync(file, "[other]\naws_access_key_id = A\naws_secret_access_key = B\n");
    const warnings: string[] = [];
    const capture = Logger.make(({ message, logLevel }) => {
      if (logLevel === "Warn") warnings.push([message].flat().join(" "));
    });
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = "AKIAFROMENVIRONMENT";
    process.env.AWS_SECRET_ACCESS_KEY = "secret-from-environment";
    try {
      const source = await Effect.runPromise(
        credentialSource({ file, profile: "gone", fromConfigFile: true, env: process.env }).pipe(
          Effect.provide(Logger.layer([capture])),
        ),
      );
      equal((await source.provider()).accessKeyId, "AKIAFROMENVIRONMENT");
      equal(warnings.length, 1);
      match(
        warnings[0],
        /has no profile "gone" \(named in Covalent's config file\); using the credentials of the environment/,
      );
    } finally {
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      else process.env.AWS_ACCESS_KEY_ID = saved.id;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    }
  });
});
