import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { deepStrictEqual as deepEqual, match, ok, strictEqual as equal } from "node:assert/strict";
import { describe, test } from "node:test";
import { type DeployProgress, deployProgressPrinter } from "../../mod.ts";
import { startExecutorBed } from "../support/executor_bed.ts";
import { iamClient } from "../support/aws_clients.ts";

/** The terminal's erase-to-end-of-line sequence, written out so an assertion can name it. */
function shownErase(text: string): string {
  return text.replaceAll("\x1b[K", "<erase line>");
}

function recorder(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (text: string) => void written.push(text) } };
}

const NAME = "covalent-awslambda-0123";

describe("deploy progress", () => {
  test("onDeployProgress hears creating, waiting while Pending, then ready; a second executor hears nothing", async () => {
    // Local Lambda keeps a new function Pending for 300 ms, as AWS does for a moment.
    await using bed = await startExecutorBed({}, { pendingMs: 300 });
    const heard: DeployProgress[] = [];
    const first = bed.executorWith({ onDeployProgress: (p) => void heard.push(p) });
    equal(await first.run((n: number) => n + 1, [1]), 2);
    const phases = heard.map((p) => p.phase);
    equal(phases[0], "creating");
    equal(phases.at(-1), "ready");
    const waiting = heard.filter((p) => p.phase === "waiting");
    ok(waiting.length >= 1, JSON.stringify(heard));
    equal(waiting[0].state, "Pending");
    deepEqual(new Set(heard.map((p) => p.functionName)).size, 1);
    equal(heard.at(-1)!.state, "Active");
    ok(heard.every((p, i) => i === 0 || p.elapsedMs >= heard[i - 1].elapsedMs), "elapsed time only grows");

    const later: DeployProgress[] = [];
    const second = bed.executorWith({ onDeployProgress: (p) => void later.push(p) });
    equal(await second.run((n: number) => n + 1, [2]), 3);
    deepEqual(later, []);
  });

  test("onDeployProgress says the deployment waits for IAM while a new role is not yet assumable", async () => {
    await using bed = await startExecutorBed({}, { rolePropagationMs: 1500 });
    const iam = iamClient(bed.aws);
    await iam.send(
      new CreateRoleCommand({
        RoleName: "JustMadeRole",
        AssumeRolePolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{
            Effect: "Allow",
            Principal: { Service: "lambda.amazonaws.com" },
            Action: "sts:AssumeRole",
          }],
        }),
      }),
    );
    iam.destroy();
    const heard: DeployProgress[] = [];
    const executor = bed.executorWith({
      lambdaRoleName: "JustMadeRole",
      onDeployProgress: (p) => void heard.push(p),
    });
    equal(await executor.run(() => "deployed", []), "deployed");
    const propagating = heard.find((p) =>
      p.phase === "waiting" && /IAM is still propagating/.test(p.reason ?? "")
    );
    ok(propagating, JSON.stringify(heard));
    equal(heard.at(-1)!.phase, "ready");
  });

  test("a throwing onDeployProgress does not fail the run", async () => {
    await using bed = await startExecutorBed();
    const executor = bed.executorWith({
      onDeployProgress: () => {
        throw new Error("display broke");
      },
    });
    equal(await executor.run(() => "ran", []), "ran");
  });

  test("deployProgressPrinter() writes a line per change, not per poll, when not on a terminal", () => {
    const { written, stream } = recorder(false);
    const print = deployProgressPrinter({ stream, label: "demo" });
    print({ functionName: NAME, phase: "creating", elapsedMs: 5 });
    print({
      functionName: NAME,
      phase: "waiting",
      state: "Pending",
      reason: "The function is being created.",
      elapsedMs: 900,
    });
    print({
      functionName: NAME,
      phase: "waiting",
      state: "Pending",
      reason: "The function is being created.",
      elapsedMs: 1900,
    });
    print({ functionName: NAME, phase: "ready", state: "Active", elapsedMs: 2400 });
    equal(written.length, 3, written.join(""));
    match(written[0], /^demo: creating Lambda function covalent-awslambda-0123 \(0\.0 s\)\n$/);
    match(
      written[1],
      /^demo: waiting for covalent-awslambda-0123 to become Active: Pending \(The function is being created\.\) \(0\.9 s\)\n$/,
    );
    match(written[2], /^demo: covalent-awslambda-0123 is Active \(2\.4 s\)\n$/);
  });

  test("deployProgressPrinter() redraws one spinner line on a terminal and ends it when ready", () => {
    const { written, stream } = recorder(true);
    const print = deployProgressPrinter({ stream });
    print({ functionName: NAME, phase: "waiting", state: "Pending", elapsedMs: 1000 });
    print({ functionName: NAME, phase: "waiting", state: "Pending", elapsedMs: 2000 });
    print({ functionName: NAME, phase: "ready", state: "Active", elapsedMs: 2500 });
    equal(written.length, 3);
    ok(written.every((text) => text.startsWith("\r")), "each redraw returns to the line's start");
    ok(!written[0].endsWith("\n") && !written[1].endsWith("\n"), "waiting lines stay open");
    match(shownErase(written[2]), /^\r✓ covalent-awslambda-0123 is Active \(2\.5 s\)<erase line>\n$/);
  });
});
