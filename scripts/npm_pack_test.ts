/**
 * Testing the package as users get it: `npm pack`, install the tarball into a fresh project
 * outside the repository, type-check a consumer against the installed declarations, and run the
 * Node test suite (`tests_npm/`) there with `node --test`, so every import goes through the
 * installed package's `exports`.
 *
 * @module
 */
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BuildFailed, runCommand } from "./npm_steps.ts";

/** One packed tarball. */
export interface PackedPackage {
  /** Absolute path of the `.tgz`. */
  readonly tarball: string;
  /** Number of files in it. */
  readonly fileCount: number;
  /** Its size in bytes. */
  readonly size: number;
}

/**
 * Runs `npm pack` in the package directory and checks that the tarball holds what it must.
 *
 * @param packageDir The directory with package.json.
 * @param destination Where the tarball goes.
 * @param required Paths (relative to the package root) that must be in it.
 * @returns The tarball.
 * @throws {BuildFailed} When npm fails or a required file is missing.
 */
export async function packPackage(
  packageDir: string,
  destination: string,
  required: readonly string[],
): Promise<PackedPackage> {
  const { stdout } = await runCommand(
    "npm",
    ["pack", "--json", "--pack-destination", destination, "--loglevel=error"],
    { cwd: packageDir },
  );
  const [packed] = JSON.parse(stdout) as { filename: string; size: number; files: { path: string }[] }[];
  const paths = new Set(packed.files.map((file) => file.path));
  const missing = required.filter((path) => !paths.has(path));
  if (missing.length > 0) throw new BuildFailed(`the tarball lacks ${missing.join(", ")}`);
  return { tarball: join(destination, packed.filename), fileCount: paths.size, size: packed.size };
}

/**
 * Makes a temporary project and installs the tarball and the given packages into it.
 *
 * @param tarball The package to install.
 * @param extraPackages More `name@version` specs (test tools, type packages).
 * @returns The project's directory.
 */
export async function installIntoTempProject(
  tarball: string,
  extraPackages: readonly string[],
): Promise<string> {
  const projectDir = mkdtempSync(join(tmpdir(), "covalent-awslambda-npm-"));
  writeFileSync(
    join(projectDir, "package.json"),
    `${
      JSON.stringify({ name: "covalent-awslambda-npm-consumer", private: true, type: "module" }, null, 2)
    }\n`,
  );
  await runCommand(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", tarball, ...extraPackages],
    { cwd: projectDir, timeoutMs: 120_000 },
  );
  return projectDir;
}

/** Copies the Node test suite (and its fixtures) into the project, as `tests_npm/`. */
export function copyNodeSuite(suiteDir: string, projectDir: string): string[] {
  cpSync(suiteDir, join(projectDir, "tests_npm"), { recursive: true });
  return readdirSync(suiteDir).filter((name) => name.endsWith("_test.mjs")).sort().map((name) =>
    join("tests_npm", name)
  );
}

// What a consumer of the package typically has: Node's module resolution, strict mode.
const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: "es2022",
    lib: ["es2023"],
    module: "nodenext",
    moduleResolution: "nodenext",
    types: ["node"],
    strict: true,
    noEmit: true,
    skipLibCheck: false,
  },
  files: ["tests_npm/consumer_types.ts"],
};

/**
 * Type-checks `tests_npm/consumer_types.ts` with the project's `tsc` against the installed
 * package, library checking on. Errors in the package's own declarations or in the consumer fail
 * the build; errors inside other packages' declarations are printed but not held against it.
 *
 * @param projectDir The project (with typescript and @types/node installed).
 * @returns Errors inside other packages' declarations, one line per package and message with a count.
 * @throws {BuildFailed} With the relevant compiler errors.
 */
export async function typeCheckConsumer(projectDir: string): Promise<string[]> {
  writeFileSync(join(projectDir, "tsconfig.json"), JSON.stringify(CONSUMER_TSCONFIG, null, 2));
  const tsc = join(projectDir, "node_modules", "typescript", "bin", "tsc");
  const run = await runCommand("node", [tsc, "-p", "tsconfig.json", "--pretty", "false"], {
    cwd: projectDir,
    allowFailure: true,
  });
  if (run.exitCode === 0) return [];
  const lines = `${run.stdout}\n${run.stderr}`.split("\n").filter((line) => line.trim() !== "");
  const errors = lines.filter((line) => /\): error TS\d+:/.test(line));
  const isForeign = (line: string) =>
    line.startsWith("node_modules/") && !line.startsWith("node_modules/@covalent/awslambda/");
  const own = errors.filter((line) => !isForeign(line));
  if (errors.length === 0 || own.length > 0) {
    const shown = errors.length === 0 ? lines : own;
    throw new BuildFailed(`tsc exited ${run.exitCode}:\n${shown.slice(0, 40).join("\n")}`);
  }
  // Summarised per package and message: the count says whether it changed.
  const summary = new Map<string, number>();
  for (const line of errors) {
    const where = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(line)![1];
    const what = line.slice(line.indexOf("): error ") + 3);
    const key = `${where}: ${what}`;
    summary.set(key, (summary.get(key) ?? 0) + 1);
  }
  return [...summary].map(([key, count]) => `${key} (×${count})`);
}

/** Where `runNodeSuite` writes its reports. */
export interface NodeSuiteReport {
  /** The JUnit report, when one was written. */
  readonly junitPath?: string;
}

/**
 * Runs the copied suite with `node --test`, printing the spec report and writing a JUnit report
 * (copied to `junitCopy` even when tests fail, so CI can count them).
 *
 * @param projectDir The project.
 * @param testFiles The test files, relative to it.
 * @param junitCopy Where to copy the JUnit report, if anywhere.
 * @throws {BuildFailed} When a test fails or the run exceeds its time.
 */
export async function runNodeSuite(
  projectDir: string,
  testFiles: readonly string[],
  junitCopy: string | undefined,
): Promise<void> {
  const junit = join(projectDir, "node-junit.xml");
  try {
    await runCommand(
      "node",
      [
        "--test",
        "--test-reporter=spec",
        "--test-reporter-destination=stdout",
        "--test-reporter=junit",
        `--test-reporter-destination=${junit}`,
        ...testFiles,
      ],
      {
        cwd: projectDir,
        echo: true,
        timeoutMs: 150_000,
        // The AWS SDK warns once per process that releases after January 2027 need Node 22.
        env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      },
    );
  } finally {
    if (junitCopy !== undefined && existsSync(junit)) copyFileSync(junit, junitCopy);
  }
}
