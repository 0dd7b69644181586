/**
 * A function's code directory and runtime directory read-only, as on AWS, where a write under
 * `/var/task` or `/var/runtime` fails with `EROFS: read-only file system` and only `/tmp` is
 * writable (S: github lovell/sharp#1511, "EROFS: read-only file system, open
 * '/var/task/assets/docs.zip'" on Lambda; aws-samples/aws-lambda-elixir-runtime#7, "Cannot create
 * directory '/var/task/var': Read-only file system").
 *
 * File modes cannot give that here: root ignores them, and local AWS often runs as root. So on
 * Linux each function process starts in a mount namespace of its own (with a user namespace
 * when not root) where both directories are bind-mounted read-only onto themselves:
 * `unshare … -- sh -c 'mount --bind -o ro …; cd …; exec "$@"' sh … node bootstrap.mjs`. Each step
 * `exec`s the next, so the pid the executor holds is the Node process itself (its memory watch
 * and kills keep working). Whether the host allows it is probed once per process; where it does
 * not (not Linux, no `unshare`, user namespaces disabled), `readOnlyCode()` says why and how
 * the code directory is protected instead (see `code_write_protection.ts`).
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { findOnPath } from "./node_binaries.ts";

/** How this host keeps a function from writing to its code directory. */
export type ReadOnlyCode =
  | {
    /** A read-only bind mount in a namespace of the process's own: `EROFS`, as on AWS. */
    readonly kind: "mount";
    /** The `unshare` executable. */
    readonly unshare: string;
    /** Its options (which namespaces, which user mapping). */
    readonly options: readonly string[];
    /** The POSIX shell that mounts and then `exec`s the runtime. */
    readonly shell: string;
    /** The `mount` executable. */
    readonly mount: string;
  }
  | {
    /** Write permission removed from the code's files and directories: `EACCES`, and undone by a chmod. */
    readonly kind: "permissions";
    /** Why there is no read-only mount. */
    readonly reason: string;
  }
  | {
    /** Nothing stops a write (root, or Windows). */
    readonly kind: "writable";
    /** Why. */
    readonly reason: string;
  };

/** The read-only mount, when the host has it. */
export type ReadOnlyMount = Extract<ReadOnlyCode, { kind: "mount" }>;

/** The directories a function process sees read-only. */
export interface ReadOnlyDirs {
  /** `LAMBDA_TASK_ROOT`, also the process's working directory. */
  readonly codeDir: string;
  /** `LAMBDA_RUNTIME_DIR`, the bootstrap's directory. */
  readonly runtimeDir: string;
}

/** A command line to spawn. */
export interface Launch {
  /** The executable. */
  readonly command: string;
  /** Its arguments. */
  readonly args: string[];
}

// Runs as `sh -c SCRIPT sh <mount> <codeDir> <runtimeDir> <PWD set> <PWD> <OLDPWD set> <OLDPWD>
// <command> <args…>`. The `cd` matters: the working directory was entered before the mount and
// would still reach the writable directory underneath. The shell rewrites `PWD` and `OLDPWD`
// (at start and on `cd`), so they are put back as the environment had them: the runtime gets
// exactly the environment it was given. Should a mount fail for one directory (another file
// system than the probe's), the function still runs, and its log says so.
const SCRIPT = `m=$1 c=$2 r=$3
shift 3
"$m" -n --bind -o ro "$c" "$c" && "$m" -n --bind -o ro "$r" "$r" && cd "$c" ||
echo "Local AWS: could not mount $c read-only; this function's code directory is writable, unlike on AWS." >&2
if [ "$1" = 1 ]; then PWD=$2 && export PWD; else unset PWD; fi
if [ "$3" = 1 ]; then OLDPWD=$4 && export OLDPWD; else unset OLDPWD; fi
shift 4
exec "$@"`;

let probed: ReadOnlyCode | undefined;

/**
 * How this host keeps code directories read-only: probed on the first call (a few ms: one
 * namespace with a read-only mount and a write that must fail), then remembered.
 *
 * @example Print what functions will get
 * ```ts
 * const readOnly = readOnlyCode();
 * if (readOnly.kind !== "mount") console.log(readOnlyCodeNotice(readOnly));
 * ```
 *
 * @returns The way, or why there is none.
 */
export function readOnlyCode(): ReadOnlyCode {
  return probed ??= probe();
}

/**
 * The command line that runs `command args` with `dirs` read-only: unchanged unless the host
 * has read-only mounts.
 *
 * @example
 * ```ts
 * const { command, args } = readOnlyLaunch(readOnlyCode(), "/usr/bin/node", ["bootstrap.mjs"], dirs, env);
 * spawn(command, args, { cwd: dirs.codeDir, env });
 * ```
 *
 * @param readOnly What `readOnlyCode()` found.
 * @param command The runtime's executable.
 * @param args Its arguments.
 * @param dirs The directories to make read-only.
 * @param env The environment it will be spawned with.
 * @returns What to spawn.
 */
export function readOnlyLaunch(
  readOnly: ReadOnlyCode,
  command: string,
  args: readonly string[],
  dirs: ReadOnlyDirs,
  env: Readonly<Record<string, string | undefined>>,
): Launch {
  if (readOnly.kind !== "mount") return { command, args: [...args] };
  const variable = (name: string) => env[name] === undefined ? ["0", ""] : ["1", env[name]!];
  return {
    command: readOnly.unshare,
    args: [
      ...readOnly.options,
      "--",
      readOnly.shell,
      "-c",
      SCRIPT,
      "sh",
      readOnly.mount,
      dirs.codeDir,
      dirs.runtimeDir,
      ...variable("PWD"),
      ...variable("OLDPWD"),
      command,
      ...args,
    ],
  };
}

/**
 * The sentence for a function's first log when its code directory is not read-only as on AWS;
 * undefined when it is.
 *
 * @param readOnly What `readOnlyCode()` found.
 * @returns The notice.
 */
export function readOnlyCodeNotice(readOnly: ReadOnlyCode): string | undefined {
  if (readOnly.kind === "mount") return undefined;
  const where = "Local AWS: this function's code directory (LAMBDA_TASK_ROOT) is";
  if (readOnly.kind === "permissions") {
    return `${where} only write-protected by file modes on this host (${readOnly.reason}): ` +
      "a write there fails with EACCES rather than AWS's EROFS, and a chmod by the function makes it writable.";
  }
  return `${where} writable on this host (${readOnly.reason}); ` +
    "on AWS a write there fails with EROFS: read-only file system.";
}

/**
 * One line for `deno task local`'s banner: how code directories are kept read-only.
 *
 * @param readOnly What `readOnlyCode()` found.
 * @returns The line, without indentation.
 */
export function describeReadOnlyCode(readOnly: ReadOnlyCode = readOnlyCode()): string {
  const label = "code dirs".padEnd(15);
  if (readOnly.kind === "mount") return `${label}read-only (EROFS), as on AWS`;
  if (readOnly.kind === "permissions") {
    return `${label}WRITABLE after a chmod, unlike AWS (EROFS): only file modes protect them (${readOnly.reason})`;
  }
  return `${label}WRITABLE, unlike AWS (EROFS there): ${readOnly.reason}`;
}

function probe(): ReadOnlyCode {
  const fallback = (reason: string): ReadOnlyCode => {
    if (process.platform === "win32") return { kind: "writable", reason };
    if (process.getuid?.() === 0) {
      return { kind: "writable", reason: `${reason}; file modes do not stop root` };
    }
    return { kind: "permissions", reason };
  };
  if (process.platform !== "linux") return fallback(`no read-only bind mounts on ${process.platform}`);
  const searchPath = `${process.env.PATH ?? ""}:/usr/bin:/bin:/usr/sbin:/sbin`;
  const unshare = findOnPath("unshare", searchPath);
  const mount = findOnPath("mount", searchPath);
  const shell = findOnPath("sh", searchPath);
  if (!unshare || !mount || !shell) {
    return fallback(
      `no ${[!unshare && "unshare", !mount && "mount", !shell && "sh"].filter(Boolean).join(", ")}`,
    );
  }
  const uid = process.getuid?.() ?? 0;
  const gid = process.getgid?.() ?? 0;
  // Root needs only a mount namespace and stays itself. Anyone else maps to the same ids in a
  // user namespace, so the function sees no new identity; the capabilities that namespace
  // grants are kept through the shell so that `mount` may use them.
  const candidates = uid === 0
    ? [["--mount"], ["--map-root-user", "--mount"]]
    : [[`--map-user=${uid}`, `--map-group=${gid}`, "--keep-caps", "--mount"]];
  const failures: string[] = [];
  let dir: string | undefined;
  try {
    dir = mkdtempSync(join(tmpdir(), "local-aws-read-only-"));
    const dirs = { codeDir: join(dir, "code"), runtimeDir: join(dir, "runtime") };
    mkdirSync(dirs.codeDir);
    mkdirSync(dirs.runtimeDir);
    for (const options of candidates) {
      const candidate: ReadOnlyMount = { kind: "mount", unshare, options, shell, mount };
      const failure = tryMount(candidate, dirs);
      if (failure === undefined) return candidate;
      failures.push(`unshare ${options.join(" ")}: ${failure}`);
    }
  } catch (error) {
    // No place to probe in: functions must still run, with the notice.
    failures.push(`cannot probe: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
  return fallback(failures.join("; "));
}

// Launches the probe exactly as a function is launched, with a shell in place of Node that
// tries to write in both directories (one relative to the working directory).
function tryMount(candidate: ReadOnlyMount, dirs: ReadOnlyDirs): string | undefined {
  const env = { PATH: "/usr/bin:/bin" };
  const check = `for f in ./written "$1/written"; do if (: > "$f") 2>/dev/null; then exit 4; fi; done`;
  const { command, args } = readOnlyLaunch(
    candidate,
    candidate.shell,
    ["-c", check, "sh", dirs.runtimeDir],
    dirs,
    env,
  );
  const result = spawnSync(command, args, { cwd: dirs.codeDir, env, encoding: "utf8", timeout: 5_000 });
  if (result.error) return result.error.message;
  const stderr = result.stderr.trim().split("\n")[0] ?? "";
  if (result.status === 0 && stderr === "") return undefined;
  if (result.status === 4) return "a write in the mounted directory succeeded";
  return stderr || `exit status ${result.status ?? result.signal}`;
}
