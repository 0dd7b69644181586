import { DeleteFunctionCommand, InvokeCommand, type LambdaClient, LogType } from "@aws-sdk/client-lambda";
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { existsSync } from "node:fs";
import { chmod, lstat, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { createZip } from "../../src/archive/zip_writer.ts";
import { localBanner } from "../../src/cli/local_banner.ts";
import { createCodeWriteProtection } from "../../src/local/execution/code_write_protection.ts";
import {
  describeReadOnlyCode,
  readOnlyCode,
  readOnlyCodeNotice,
} from "../../src/local/execution/read_only_code.ts";
import { createActiveFunction } from "../support/lambda_functions.ts";
import { bannerFacts } from "../support/banner_facts.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";

// Tries to write where AWS lets a function write (/tmp) and where it does not (its code and
// runtime directories, by absolute path and relative to the working directory).
const WRITER = `
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
const attempt = (path) => {
  try {
    writeFileSync(path, "written by the function");
    return { result: "written" };
  } catch (error) {
    return { result: error.code, message: error.message };
  }
};
export const handler = async () => ({
  taskRoot: process.env.LAMBDA_TASK_ROOT,
  newFile: attempt(join(process.env.LAMBDA_TASK_ROOT, "x")),
  existingFile: attempt(join(process.env.LAMBDA_TASK_ROOT, "data.txt")),
  relative: attempt("relative-x"),
  runtimeDir: attempt(join(process.env.LAMBDA_RUNTIME_DIR, "x")),
  tmp: attempt(join(tmpdir(), "x")),
  pid: process.pid,
  ppid: process.ppid,
  uid: process.getuid?.(),
});
`;

interface Attempt {
  readonly result: string;
  readonly message?: string;
}

interface Written {
  readonly taskRoot: string;
  readonly newFile: Attempt;
  readonly existingFile: Attempt;
  readonly relative: Attempt;
  readonly runtimeDir: Attempt;
  readonly tmp: Attempt;
  readonly pid: number;
  readonly ppid: number;
  readonly uid: number | undefined;
}

const readOnly = readOnlyCode();

async function invokeWriter(lambda: LambdaClient, name: string): Promise<{ body: Written; log: string }> {
  const output = await lambda.send(new InvokeCommand({ FunctionName: name, LogType: LogType.Tail }));
  const text = new TextDecoder().decode(output.Payload);
  strictEqual(output.FunctionError, undefined, text);
  return { body: JSON.parse(text), log: atob(output.LogResult ?? "") };
}

describe(`a function's code directory (this host: ${readOnly.kind})`, () => {
  let aws: LocalAwsServer;
  let lambda: LambdaClient;
  let first: { body: Written; log: string };
  before(async () => {
    ({ aws, lambda } = await startLocalAwsFixture({ pendingMs: 50 }));
    await createActiveFunction(lambda, aws, "writer", {
      Code: {
        ZipFile: createZip([
          { path: "index.mjs", data: WRITER },
          { path: "data.txt", data: "shipped in the zip" },
        ]),
      },
    });
    first = await invokeWriter(lambda, "writer");
  });
  after(() => aws.close());

  test("invoke() lets the function write to /tmp whatever the host", () => {
    strictEqual(first.body.tmp.result, "written");
  });

  test(
    "invoke() fails writes under LAMBDA_TASK_ROOT and LAMBDA_RUNTIME_DIR with EROFS when the host has read-only mounts",
    {
      skip: readOnly.kind !== "mount",
    },
    () => {
      const { newFile, existingFile, relative, runtimeDir } = first.body;
      deepStrictEqual(
        [newFile.result, existingFile.result, relative.result, runtimeDir.result],
        ["EROFS", "EROFS", "EROFS", "EROFS"],
      );
      strictEqual(newFile.message, `EROFS: read-only file system, open '${join(first.body.taskRoot, "x")}'`);
      strictEqual(readOnlyCodeNotice(readOnly), undefined);
      ok(!first.log.includes("code directory"), first.log);
    },
  );

  test("invoke() runs the runtime itself, as the same user, when the host has read-only mounts", {
    skip: readOnly.kind !== "mount",
  }, () => {
    // No shell or unshare in between: the pid local AWS watches and kills is Node's.
    strictEqual(first.body.ppid, process.pid);
    strictEqual(first.body.uid, process.getuid?.());
  });

  test(
    "invoke() says in the first log that the code directory is not read-only when the host has no read-only mounts",
    {
      skip: readOnly.kind === "mount",
    },
    async () => {
      const notice = readOnlyCodeNotice(readOnly)!;
      const preamble = first.log.slice(0, first.log.indexOf("START RequestId"));
      ok(preamble.includes(`${notice}\n`), first.log);
      const again = await invokeWriter(lambda, "writer");
      ok(!again.log.includes(notice), "said once per function");
    },
  );

  test("invoke() fails writes under LAMBDA_TASK_ROOT with EACCES when only file modes protect it", {
    skip: readOnly.kind !== "permissions",
  }, () => {
    const { newFile, existingFile, relative } = first.body;
    deepStrictEqual([newFile.result, existingFile.result, relative.result], ["EACCES", "EACCES", "EACCES"]);
  });

  test("invoke() lets writes under LAMBDA_TASK_ROOT succeed when nothing protects it (root, Windows)", {
    skip: readOnly.kind !== "writable",
  }, () => {
    strictEqual(first.body.newFile.result, "written");
  });

  test("DeleteFunction() removes the code directory whatever protected it", async () => {
    ok(existsSync(first.body.taskRoot));
    await lambda.send(new DeleteFunctionCommand({ FunctionName: "writer" }));
    ok(!existsSync(first.body.taskRoot));
  });
});

describe("createCodeWriteProtection()", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "code-write-protection-"));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const modes = async (paths: string[]) =>
    await Promise.all(paths.map(async (path) => (await lstat(path)).mode & 0o777));

  test("createCodeWriteProtection() takes write bits off until the last user is done, then restores them", async () => {
    const code = join(dir, "code");
    await mkdir(join(code, "lib"), { recursive: true });
    await writeFile(join(code, "index.mjs"), "");
    await writeFile(join(code, "lib", "tool.sh"), "");
    await chmod(join(code, "lib", "tool.sh"), 0o750);
    await symlink(join(dir, "outside"), join(code, "link"));
    await writeFile(join(dir, "outside"), "");
    const paths = [code, join(code, "lib"), join(code, "index.mjs"), join(code, "lib", "tool.sh")];
    const before = await modes(paths);
    const protection = createCodeWriteProtection(true);
    await protection.protect(code);
    await protection.protect(code);
    deepStrictEqual(await modes(paths), before.map((mode) => mode & ~0o222));
    strictEqual((await lstat(join(dir, "outside"))).mode & 0o200, 0o200, "a link's target is left alone");
    await protection.unprotect(code);
    deepStrictEqual(await modes(paths), before.map((mode) => mode & ~0o222), "one user still runs");
    await protection.unprotect(code);
    deepStrictEqual(await modes(paths), before);
  });

  test("createCodeWriteProtection() changes nothing when disabled", async () => {
    const code = join(dir, "untouched");
    await mkdir(code);
    const protection = createCodeWriteProtection(false);
    await protection.protect(code);
    strictEqual((await lstat(code)).mode & 0o200, 0o200);
    await protection.unprotect(code);
  });
});

describe("readOnlyCodeNotice()", () => {
  test("readOnlyCodeNotice() names EACCES, EROFS and the reason plainly when there are no read-only mounts", () => {
    const permissions = readOnlyCodeNotice({ kind: "permissions", reason: "no unshare" })!;
    ok(permissions.includes("EACCES") && permissions.includes("(no unshare)"), permissions);
    const writable = readOnlyCodeNotice({ kind: "writable", reason: "on win32" })!;
    ok(writable.includes("is writable on this host (on win32)") && writable.includes("EROFS"), writable);
  });
});

describe("describeReadOnlyCode()", () => {
  test("localBanner() says how this host keeps code directories read-only", () => {
    const line = describeReadOnlyCode(readOnly);
    const banner = localBanner(bannerFacts({ codeDirs: line }));
    ok(banner.includes(`\n  ${line}\n`), banner);
    ok(readOnly.kind === "mount" ? line.includes("read-only (EROFS)") : line.includes("WRITABLE"), line);
  });
});
