import { deepStrictEqual as deepEqual, strictEqual as equal, throws } from "node:assert/strict";
import { describe, test } from "node:test";
import { flagsHelp, type FlagSpec, parseFlags } from "../../src/cli/parse_flags.ts";
import { CliUsageError } from "../../src/cli/usage_error.ts";

const SPECS: readonly FlagSpec[] = [
  { name: "port", value: "<n>", integer: { min: 0, max: 65535 }, description: "Port" },
  { name: "host", value: "<host>", description: "Host" },
  { name: "help", short: "h", description: "Help" },
];

describe("parseFlags()", () => {
  const accepted: Array<[string, string[], Record<string, string | number | true>, string[]]> = [
    ["nothing", [], {}, []],
    ["a value after a space", ["--port", "4566"], { port: 4566 }, []],
    ["a value after =", ["--port=0"], { port: 0 }, []],
    ["a text value that starts with one dash", ["--host", "-weird"], { host: "-weird" }, []],
    ["an empty value after =", ["--host="], { host: "" }, []],
    ["a switch", ["--help"], { help: true }, []],
    ["a short switch", ["-h"], { help: true }, []],
    ["the last of a repeated option", ["--port", "1", "--port", "2"], { port: 2 }, []],
    ["positionals around options", ["a", "--port", "1", "b"], { port: 1 }, ["a", "b"]],
    ["everything after -- as positionals", ["--", "--port", "x"], {}, ["--port", "x"]],
  ];
  for (const [situation, args, values, positionals] of accepted) {
    test(`parseFlags() reads ${situation}`, () => {
      const parsed = parseFlags("local", args, SPECS);
      deepEqual(Object.fromEntries(parsed.values), values);
      deepEqual(parsed.positionals, positionals);
    });
  }

  const refused: Array<[string, string[], string]> = [
    ["an unknown option", ["--prot", "1"], 'Unknown option "--prot" for "local".'],
    ["an unknown option written with =", ["--prot=1"], 'Unknown option "--prot" for "local".'],
    ["an unknown short option", ["-x"], 'Unknown option "-x" for "local".'],
    ["a missing value at the end", ["--port"], "Option --port needs a value <n>."],
    [
      "a missing value before another option",
      ["--host", "--port", "1"],
      "Option --host needs a value <host>.",
    ],
    [
      "a value that is not an integer",
      ["--port", "http"],
      'Invalid value for --port: "http" (expected an integer from 0 to 65535).',
    ],
    [
      "an integer out of range",
      ["--port=70000"],
      'Invalid value for --port: "70000" (expected an integer from 0 to 65535).',
    ],
    [
      "a negative integer",
      ["--port", "-1"],
      'Invalid value for --port: "-1" (expected an integer from 0 to 65535).',
    ],
    [
      "a fraction",
      ["--port", "1.5"],
      'Invalid value for --port: "1.5" (expected an integer from 0 to 65535).',
    ],
    ["a value given to a switch", ["--help=yes"], 'Option --help takes no value, got "--help=yes".'],
  ];
  for (const [situation, args, message] of refused) {
    test(`parseFlags() throws CliUsageError for ${situation}`, () => {
      throws(() => parseFlags("local", args, SPECS), (error) => {
        equal((error as Error).message, message);
        return error instanceof CliUsageError;
      });
    });
  }
});

describe("flagsHelp()", () => {
  test("flagsHelp() aligns one line per option with its value placeholder", () => {
    equal(
      flagsHelp(SPECS),
      [
        "      --port <n>     Port",
        "      --host <host>  Host",
        "  -h, --help         Help",
      ].join("\n"),
    );
  });
});
