import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteConflictException,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  EntityAlreadyExistsException,
  GetRoleCommand,
  GetRolePolicyCommand,
  type IAMClient,
  IAMServiceException,
  ListAttachedRolePoliciesCommand,
  ListRolesCommand,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { iamClient, rejection, statusOf } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { LAMBDA_TRUST, rewriteRequests, S3_READ_POLICY } from "../support/iam_requests.ts";

const TRUST = JSON.stringify(LAMBDA_TRUST);
const BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

describe("local IAM errors", () => {
  let aws: LocalAwsServer;
  let iam: IAMClient;
  before(async () => {
    ({ aws, iam } = await startLocalAwsFixture());
    await iam.send(new CreateRoleCommand({ RoleName: "existing", AssumeRolePolicyDocument: TRUST }));
  });
  after(() => aws.close());

  test("every role operation answers a missing role with NoSuchEntityException 404", async () => {
    const commands = [
      new GetRoleCommand({ RoleName: "ghost" }),
      new DeleteRoleCommand({ RoleName: "ghost" }),
      new AttachRolePolicyCommand({ RoleName: "ghost", PolicyArn: BASIC }),
      new ListAttachedRolePoliciesCommand({ RoleName: "ghost" }),
      new PutRolePolicyCommand({
        RoleName: "ghost",
        PolicyName: "p",
        PolicyDocument: JSON.stringify(S3_READ_POLICY),
      }),
    ];
    for (const command of commands) {
      // deno-lint-ignore no-explicit-any
      const error = await rejection(iam.send(command as any));
      ok(error instanceof NoSuchEntityException, `${command.constructor.name}: ${error.name}`);
      equal(error.message, "The role with name ghost cannot be found.");
      equal(statusOf(error), 404);
    }
  });

  test("CreateRole() refuses a taken name in any case with EntityAlreadyExistsException 409", async () => {
    for (const name of ["existing", "EXISTING"]) {
      const error = await rejection(
        iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST })),
      );
      ok(error instanceof EntityAlreadyExistsException);
      equal(error.message, `Role with name ${name} already exists.`);
      equal(statusOf(error), 409);
    }
  });

  test("CreateRole() and PutRolePolicy() refuse a document that is not JSON with MalformedPolicyDocumentException", async () => {
    const created = await rejection(
      iam.send(new CreateRoleCommand({ RoleName: "bad-trust", AssumeRolePolicyDocument: "{not json" })),
    );
    ok(created instanceof MalformedPolicyDocumentException);
    equal(created.message, "This policy contains invalid Json");
    const put = await rejection(
      iam.send(new PutRolePolicyCommand({ RoleName: "existing", PolicyName: "p", PolicyDocument: "[1," })),
    );
    ok(put instanceof MalformedPolicyDocumentException);
    equal(statusOf(put), 400);
  });

  test("CreateRole() answers a malformed name with ValidationError quoting the pattern", async () => {
    const error = await rejection(
      iam.send(new CreateRoleCommand({ RoleName: "a b", AssumeRolePolicyDocument: TRUST })),
    );
    ok(error instanceof IAMServiceException);
    equal(error.name, "ValidationError");
    equal(
      error.message,
      "1 validation error detected: Value 'a b' at 'roleName' failed to satisfy constraint: " +
        "Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    );
    equal(statusOf(error), 400);
  });

  test("GetRole() without RoleName answers ValidationError 'Member must not be null'", async () => {
    const error = await rejection(iam.send(new GetRoleCommand({} as never)));
    equal(error.name, "ValidationError");
    equal(
      error.message,
      "1 validation error detected: Value null at 'roleName' failed to satisfy constraint: Member must not be null",
    );
  });

  test("CreateRole() refuses MaxSessionDuration outside 3600–43200 with ValidationError", async () => {
    for (
      const [duration, bound] of [[100, "greater than or equal to 3600"], [
        50000,
        "less than or equal to 43200",
      ]]
    ) {
      const error = await rejection(
        iam.send(
          new CreateRoleCommand({
            RoleName: "short",
            AssumeRolePolicyDocument: TRUST,
            MaxSessionDuration: duration as number,
          }),
        ),
      );
      equal(error.name, "ValidationError");
      ok(
        String(error.message).includes(
          `at 'maxSessionDuration' failed to satisfy constraint: Member must have value ${bound}`,
        ),
      );
    }
  });

  test("CreateRole() reports every broken constraint at once", async () => {
    const error = await rejection(
      iam.send(
        new CreateRoleCommand({
          RoleName: "x".repeat(65),
          AssumeRolePolicyDocument: TRUST,
          Path: "no-slash",
        }),
      ),
    );
    equal(error.name, "ValidationError");
    ok(String(error.message).startsWith("2 validation errors detected: "), String(error.message));
  });

  test("DeleteRole() refuses a role with policies with DeleteConflictException 409", async () => {
    await iam.send(new CreateRoleCommand({ RoleName: "busy", AssumeRolePolicyDocument: TRUST }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: "busy", PolicyArn: BASIC }));
    const attached = await rejection(iam.send(new DeleteRoleCommand({ RoleName: "busy" })));
    ok(attached instanceof DeleteConflictException);
    equal(attached.message, "Cannot delete entity, must detach all policies first.");
    equal(statusOf(attached), 409);
    await iam.send(new DetachRolePolicyCommand({ RoleName: "busy", PolicyArn: BASIC }));
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: "busy",
        PolicyName: "p",
        PolicyDocument: JSON.stringify(S3_READ_POLICY),
      }),
    );
    const inline = await rejection(iam.send(new DeleteRoleCommand({ RoleName: "busy" })));
    ok(inline instanceof DeleteConflictException);
    equal(inline.message, "Cannot delete entity, must delete policies first.");
    await iam.send(new DeleteRolePolicyCommand({ RoleName: "busy", PolicyName: "p" }));
    await iam.send(new DeleteRoleCommand({ RoleName: "busy" }));
  });

  test("AttachRolePolicy() refuses an unknown AWS policy with NoSuchEntityException", async () => {
    const arn = "arn:aws:iam::aws:policy/NoSuchPolicyAnywhere";
    const error = await rejection(
      iam.send(new AttachRolePolicyCommand({ RoleName: "existing", PolicyArn: arn })),
    );
    ok(error instanceof NoSuchEntityException);
    equal(error.message, `Policy ${arn} does not exist or is not attachable.`);
  });

  test("AttachRolePolicy() answers an unparsable ARN with ValidationError 'Invalid ARN'", async () => {
    const error = await rejection(
      iam.send(new AttachRolePolicyCommand({ RoleName: "existing", PolicyArn: "this-is-not-an-arn-at-all" })),
    );
    equal(error.name, "ValidationError");
    equal(error.message, "Invalid ARN:  Could not be parsed!");
  });

  test("DetachRolePolicy() of a policy that is not attached answers NoSuchEntityException", async () => {
    const error = await rejection(
      iam.send(new DetachRolePolicyCommand({ RoleName: "existing", PolicyArn: BASIC })),
    );
    ok(error instanceof NoSuchEntityException);
    equal(error.message, `Policy ${BASIC} was not found.`);
  });

  test("GetRolePolicy() and DeleteRolePolicy() of a missing inline policy answer NoSuchEntityException", async () => {
    for (
      const command of [
        new GetRolePolicyCommand({ RoleName: "existing", PolicyName: "absent" }),
        new DeleteRolePolicyCommand({ RoleName: "existing", PolicyName: "absent" }),
      ]
    ) {
      // deno-lint-ignore no-explicit-any
      const error = await rejection(iam.send(command as any));
      ok(error instanceof NoSuchEntityException);
      equal(error.message, "The role policy with name absent cannot be found.");
    }
  });

  test("ListRoles() answers a marker it never gave with ValidationError", async () => {
    const error = await rejection(iam.send(new ListRolesCommand({ Marker: "not base64!" })));
    equal(error.name, "ValidationError");
  });

  test("an unknown Action answers InvalidAction", async () => {
    const client = rewriteRequests(iamClient(aws), (request) => {
      request.body = request.body.replace("Action=ListRoles", "Action=ListRockets");
    });
    const error = await rejection(client.send(new ListRolesCommand({})));
    ok(error instanceof IAMServiceException);
    equal(error.name, "InvalidAction");
    equal(error.message, "Could not find operation ListRockets for version 2010-05-08");
  });

  test("parameters in the query string are merged with the form body", async () => {
    const client = rewriteRequests(iamClient(aws), (request) => {
      request.body = request.body.replace("&RoleName=placeholder", "");
      request.query = { RoleName: "existing" };
    });
    const out = await client.send(new GetRoleCommand({ RoleName: "placeholder" }));
    equal(out.Role!.RoleName, "existing");
  });
});
