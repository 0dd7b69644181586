import { deepStrictEqual as deepEqual, match, strictEqual as equal } from "node:assert/strict";
import { describe, test } from "node:test";
import type { CliCommand } from "../../src/cli/cli_command.ts";
import { cliHelp, runCli } from "../../src/cli/run_cli.ts";
import { CliUsageError } from "../../src/cli/usage_error.ts";
import { VERSION } from "../../src/version.ts";
import { recordingIo } from "../support/cli_io_recorder.ts";

/** Commands standing in for later ones (`run`, `sweep`), to show the table is what dispatches. */
const FAKE_COMMANDS: readonly CliCommand[] = [
  {
    name: "echo",
    summary: "Print the arguments",
    run: (args, io) => {
      io.out(args.join(" "));
      return Promise.resolve(0);
    },
  },
  {
    name: "strict",
    summary: "Refuse everything",
    run: () => Promise.reject(new CliUsageError('Unknown option "--x".')),
  },
  { name: "broken", summary: "Fail", run: () => Promise.reject(new Error("disk full")) },
];

describe("runCli()", () => {
  const cases: Array<[string, string[], number, RegExp, "stdout" | "stderr"]> = [
    ["prints help for --help", ["--help"], 0, /^Usage: covalent-awslambda <command> \[options\]/, "stdout"],
    [
      "prints help for -h",
      ["-h"],
      0,
      /Commands:\n {2}init\s+Create the staging bucket[\s\S]*\n {2}doctor\s+Check credentials[\s\S]*\n {2}run\s+Run one exported function[\s\S]*\n {2}config\s+Show the effective[\s\S]*\n {2}local\s+Run local AWS[\s\S]*\n {2}uninstall\s+Remove the executor/,
      "stdout",
    ],
    ["prints help to stderr and exits 2 without a command", [], 2, /^Usage: covalent-awslambda/, "stderr"],
    [
      "prints the version for --version",
      ["--version"],
      0,
      new RegExp(`^${VERSION.replaceAll(".", "\\.")}$`),
      "stdout",
    ],
    [
      "names an unknown command and exits 2",
      ["lokal"],
      2,
      /^covalent-awslambda: unknown command "lokal"\. Run "covalent-awslambda --help" for the commands\.$/,
      "stderr",
    ],
    [
      "names an unknown top-level option and exits 2",
      ["--verbose"],
      2,
      /unknown option "--verbose"/,
      "stderr",
    ],
    [
      "names an unknown flag of local and exits 2",
      ["local", "--prot", "4566"],
      2,
      /^covalent-awslambda local: Unknown option "--prot" for "local"\.\nRun "covalent-awslambda local --help" for usage\.$/,
      "stderr",
    ],
    [
      "prints local's help for local --help",
      ["local", "--help"],
      0,
      /^Usage: covalent-awslambda local \[options\]/,
      "stdout",
    ],
  ];
  for (const [behaviour, args, code, text, stream] of cases) {
    test(`runCli() ${behaviour}`, async () => {
      const io = recordingIo();
      equal(await runCli(args, io), code);
      match(io[stream].join("\n"), text);
    });
  }

  test("runCli() dispatches through the command table it is given", async () => {
    const io = recordingIo();
    equal(await runCli(["echo", "a", "--b"], io, FAKE_COMMANDS), 0);
    deepEqual(io.stdout, ["a --b"]);
    match(cliHelp(FAKE_COMMANDS), /\n {2}echo {4}Print the arguments\n {2}strict {2}Refuse everything\n/);
  });

  test("runCli() turns a command's CliUsageError into exit code 2 and other errors into 1", async () => {
    const usage = recordingIo();
    equal(await runCli(["strict"], usage, FAKE_COMMANDS), 2);
    match(usage.stderr[0], /^covalent-awslambda strict: Unknown option "--x"\./);
    const failure = recordingIo();
    equal(await runCli(["broken"], failure, FAKE_COMMANDS), 1);
    deepEqual(failure.stderr, ["covalent-awslambda broken: disk full"]);
  });
});
