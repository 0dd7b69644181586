/**
 * Conformance: Lambda and IAM driven by boto3 (botocore's own REST-JSON and query clients,
 * its waiters and paginators), with the JS SDK alongside where the two should agree.
 *
 * @module
 */
import { GetFunctionConfigurationCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { rejection, statusOf } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { boto3Json, boto3Missing } from "../support/python_clients.ts";

const ACCOUNT = "000000000000";
const REGION = "us-east-1";
const ROLE = "conformance-lambda-role";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${ROLE}`;

/** Python that builds `zip_bytes` (one `index.mjs`) with zipfile and defines the role's trust policy. */
const SETUP = String.raw`
import base64, io, zipfile
iam = boto3.client('iam')
lam = boto3.client('lambda')
def module_zip(source):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, 'w', zipfile.ZIP_DEFLATED) as archive:
        archive.writestr('index.mjs', source)
    return buffer.getvalue()
zip_bytes = module_zip('''
export const handler = async (event, context) => {
  console.log("handling", JSON.stringify(event));
  if (event.fail) throw new RangeError("bad input: " + event.fail);
  return { echo: event, name: context.functionName, memory: context.memoryLimitInMB,
           greeting: process.env.GREETING ?? null };
};
''')
trust = json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow',
    'Principal': {'Service': 'lambda.amazonaws.com'}, 'Action': 'sts:AssumeRole'}]})
def create(name, role='${ROLE_ARN}', **extra):
    return lam.create_function(FunctionName=name, Runtime='nodejs22.x', Role=role,
        Handler='index.handler', Code={'ZipFile': zip_bytes}, **extra)
def strip(response):
    response.pop('ResponseMetadata', None)
    return response
`;

interface Setup {
  role: Record<string, unknown>;
  created: Record<string, unknown>;
}

describe("boto3 against local Lambda and IAM", () => {
  const missing = boto3Missing();
  let aws: LocalAwsServer;
  let lambda: LambdaClient;
  let setup: Setup;
  before(async () => {
    ({ aws, lambda } = await startLocalAwsFixture({ pendingMs: 20 }));
    if (missing) return;
    setup = await boto3Json<Setup>(
      aws,
      SETUP + String.raw`
role = iam.create_role(RoleName='${ROLE}', AssumeRolePolicyDocument=trust, Description='conformance')['Role']
created = strip(create('conf-echo'))
lam.get_waiter('function_active_v2').wait(FunctionName='conf-echo')
print(json.dumps({'role': role, 'created': created}, default=str))
`,
    );
  });
  after(() => aws.close());

  test("iam.create_role() returns the role with an AROA id and the trust policy decoded by boto3", (t) => {
    if (missing) return t.skip(missing);
    const role = setup.role;
    strictEqual(role.RoleName, ROLE);
    strictEqual(role.Arn, ROLE_ARN);
    strictEqual(role.Path, "/");
    match(String(role.RoleId), /^AROA[A-Z0-9]{17}$/);
    // boto3 URL-decodes AssumeRolePolicyDocument and parses it (S: DOC API_Role, "URL-encoded").
    deepStrictEqual(role.AssumeRolePolicyDocument, {
      Version: "2012-10-17",
      Statement: [{
        Effect: "Allow",
        Principal: { Service: "lambda.amazonaws.com" },
        Action: "sts:AssumeRole",
      }],
    });
  });

  test("lambda.create_function() answers Pending with the code's size and SHA-256 when boto3 sends a zipfile zip", (t) => {
    if (missing) return t.skip(missing);
    const created = setup.created;
    strictEqual(created.FunctionName, "conf-echo");
    strictEqual(created.FunctionArn, `arn:aws:lambda:${REGION}:${ACCOUNT}:function:conf-echo`);
    strictEqual(created.State, "Pending");
    strictEqual(created.StateReasonCode, "Creating");
    strictEqual(created.LastUpdateStatus, undefined);
    strictEqual(created.Runtime, "nodejs22.x");
    strictEqual(created.Role, ROLE_ARN);
    strictEqual(created.Timeout, 3);
    strictEqual(created.MemorySize, 128);
    strictEqual(created.Version, "$LATEST");
    strictEqual(created.PackageType, "Zip");
    deepStrictEqual(created.Architectures, ["x86_64"]);
    ok(Number(created.CodeSize) > 0);
    match(String(created.CodeSha256), /^[A-Za-z0-9+/]{43}=$/);
    match(String(created.LastModified), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  });

  test("lambda.invoke() returns the handler's result and a Tail log with START, END and REPORT lines", async (t) => {
    if (missing) return t.skip(missing);
    const out = await boto3Json<Record<string, unknown>>(
      aws,
      SETUP + String.raw`
r = lam.invoke(FunctionName='conf-echo', InvocationType='RequestResponse', LogType='Tail',
               Payload=json.dumps({'n': 1}))
print(json.dumps({'status': r['StatusCode'], 'error': r.get('FunctionError'), 'version': r['ExecutedVersion'],
    'requestId': r['ResponseMetadata']['RequestId'], 'payload': json.loads(r['Payload'].read()),
    'log': base64.b64decode(r['LogResult']).decode()}))
`,
    );
    strictEqual(out.status, 200);
    strictEqual(out.error, null);
    strictEqual(out.version, "$LATEST");
    deepStrictEqual(out.payload, { echo: { n: 1 }, name: "conf-echo", memory: "128", greeting: null });
    const id = String(out.requestId);
    const lines = String(out.log).trimEnd().split("\n");
    // The Node.js runtime's log lines (S: DOC nodejs-logging, "Using the Lambda console").
    ok(lines.includes(`START RequestId: ${id} Version: $LATEST`), out.log as string);
    ok(lines.some((line) => line.endsWith(`\t${id}\tINFO\thandling {"n":1}`)), out.log as string);
    ok(lines.includes(`END RequestId: ${id}`), out.log as string);
    const report = lines.find((line) => line.startsWith("REPORT "));
    match(
      report ?? "",
      new RegExp(
        `^REPORT RequestId: ${id}\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ ms\t` +
          "Memory Size: 128 MB\tMax Memory Used: \\d+ MB\t",
      ),
    );
  });

  test("lambda.invoke() reports FunctionError Unhandled with errorType and errorMessage when the handler throws", async (t) => {
    if (missing) return t.skip(missing);
    const out = await boto3Json<Record<string, unknown>>(
      aws,
      SETUP + String.raw`
r = lam.invoke(FunctionName='conf-echo', LogType='Tail', Payload=json.dumps({'fail': 'x1'}))
print(json.dumps({'status': r['StatusCode'], 'error': r.get('FunctionError'),
    'header': r['ResponseMetadata']['HTTPHeaders'].get('x-amz-function-error'),
    'payload': json.loads(r['Payload'].read()), 'log': base64.b64decode(r['LogResult']).decode()}))
`,
    );
    // A function error is data: 200 with X-Amz-Function-Error (S: DOC API_Invoke, FunctionError).
    strictEqual(out.status, 200);
    strictEqual(out.error, "Unhandled");
    strictEqual(out.header, "Unhandled");
    const payload = out.payload as { errorType: string; errorMessage: string; trace: string[] };
    strictEqual(payload.errorType, "RangeError");
    strictEqual(payload.errorMessage, "bad input: x1");
    strictEqual(payload.trace[0], "RangeError: bad input: x1");
    match(
      String(out.log),
      /\tERROR\tInvoke Error \t\{"errorType":"RangeError","errorMessage":"bad input: x1"/,
    );
  });

  test("get_function_configuration() through boto3 gives the fields the JS SDK gives", async (t) => {
    if (missing) return t.skip(missing);
    const fromPython = await boto3Json<Record<string, unknown>>(
      aws,
      SETUP + "print(json.dumps(strip(lam.get_function_configuration(FunctionName='conf-echo'))))",
    );
    const { $metadata: _, ...fromJs } = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: "conf-echo" }),
    );
    deepStrictEqual(fromPython, JSON.parse(JSON.stringify(fromJs)));
    strictEqual(fromPython.State, "Active");
    strictEqual(fromPython.LastUpdateStatus, "Successful");
    deepStrictEqual(fromPython.TracingConfig, { Mode: "PassThrough" });
    deepStrictEqual(fromPython.EphemeralStorage, { Size: 512 });
    deepStrictEqual(fromPython.LoggingConfig, { LogFormat: "Text", LogGroup: "/aws/lambda/conf-echo" });
  });

  test("update_function_configuration() goes InProgress, then function_updated_v2 sees Successful and invoke() the new settings", async (t) => {
    if (missing) return t.skip(missing);
    const out = await boto3Json<Record<string, Record<string, unknown>>>(
      aws,
      SETUP + String.raw`
lam.create_function(FunctionName='conf-update', Runtime='nodejs22.x', Role='${ROLE_ARN}',
                    Handler='index.handler', Code={'ZipFile': zip_bytes})
lam.get_waiter('function_active_v2').wait(FunctionName='conf-update')
before = lam.get_function_configuration(FunctionName='conf-update')
updated = strip(lam.update_function_configuration(FunctionName='conf-update', MemorySize=256, Timeout=10,
    Environment={'Variables': {'GREETING': 'hi'}}))
lam.get_waiter('function_updated_v2').wait(FunctionName='conf-update')
after = strip(lam.get_function(FunctionName='conf-update'))['Configuration']
result = json.loads(lam.invoke(FunctionName='conf-update', Payload=b'{}')['Payload'].read())
print(json.dumps({'before': {'RevisionId': before['RevisionId']}, 'updated': updated, 'after': after,
    'result': result}))
`,
    );
    strictEqual(out.updated.State, "Active");
    strictEqual(out.updated.LastUpdateStatus, "InProgress");
    strictEqual(out.updated.MemorySize, 256);
    strictEqual(out.updated.Timeout, 10);
    deepStrictEqual(out.updated.Environment, { Variables: { GREETING: "hi" } });
    ok(out.updated.RevisionId !== out.before.RevisionId);
    strictEqual(out.after.LastUpdateStatus, "Successful");
    strictEqual(out.after.MemorySize, 256);
    deepStrictEqual(out.result, { echo: {}, name: "conf-update", memory: "256", greeting: "hi" });
  });

  test("list_functions() pages with MaxItems and NextMarker until the marker is gone", async (t) => {
    if (missing) return t.skip(missing);
    const out = await boto3Json<{ first: { names: string[]; marker: string }; pages: string[][] }>(
      aws,
      SETUP + String.raw`
for n in range(3):
    create('conf-page-%d' % n)
first = lam.list_functions(MaxItems=2)
pages = [[f['FunctionName'] for f in page['Functions']]
         for page in lam.get_paginator('list_functions').paginate(PaginationConfig={'PageSize': 2})]
print(json.dumps({'first': {'names': [f['FunctionName'] for f in first['Functions']],
    'marker': first.get('NextMarker')}, 'pages': pages}))
`,
    );
    strictEqual(out.first.names.length, 2);
    strictEqual(typeof out.first.marker, "string");
    const all = out.pages.flat();
    ok(out.pages.every((page) => page.length <= 2));
    deepStrictEqual(new Set(all).size, all.length);
    for (const name of ["conf-echo", "conf-page-0", "conf-page-1", "conf-page-2"]) {
      ok(all.includes(name), `${name} is missing from ${all.join(", ")}`);
    }
  });

  test("delete_function() answers 204, after which get_function() and invoke() raise ResourceNotFoundException (404)", async (t) => {
    if (missing) return t.skip(missing);
    const out = await boto3Json<Record<string, Record<string, unknown>>>(
      aws,
      SETUP + String.raw`
create('conf-doomed')
deleted = lam.delete_function(FunctionName='conf-doomed')
print(json.dumps({'deleted': {'status': deleted['ResponseMetadata']['HTTPStatusCode']},
    'get': client_error(lam.get_function, FunctionName='conf-doomed'),
    'invoke': client_error(lam.invoke, FunctionName='conf-doomed', Payload=b'{}'),
    'missing': client_error(lam.get_function_configuration, FunctionName='conf-never')}))
`,
    );
    // DeleteFunction answers 204 (S: LS-snap test_function_lifecycle, recorded against AWS).
    strictEqual(out.deleted.status, 204);
    const arn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function`;
    deepStrictEqual(out.get, {
      code: "ResourceNotFoundException",
      message: `Function not found: ${arn}:conf-doomed`,
      status: 404,
      exception: "ResourceNotFoundException",
    });
    deepStrictEqual(out.invoke, {
      code: "ResourceNotFoundException",
      message: `Function not found: ${arn}:conf-doomed:$LATEST`,
      status: 404,
      exception: "ResourceNotFoundException",
    });
    strictEqual(out.missing.message, `Function not found: ${arn}:conf-never`);
  });

  test("findFunction() answers ResourceNotFoundException (404) when a full ARN names another region", async (t) => {
    const westArn = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:conf-echo`;
    const reason = `Functions from 'eu-west-1' are not reachable in this region ('${REGION}')`;
    const fromJs = await rejection(
      lambda.send(new GetFunctionConfigurationCommand({ FunctionName: westArn })),
    );
    strictEqual(fromJs.name, "ResourceNotFoundException");
    strictEqual(fromJs.message, reason);
    strictEqual(statusOf(fromJs), 404);
    if (missing) return t.skip(missing);
    const out = await boto3Json<Record<string, Record<string, unknown>>>(
      aws,
      SETUP +
        `print(json.dumps({'invoke': client_error(lam.invoke, FunctionName='${westArn}', Payload=b'{}')}))`,
    );
    deepStrictEqual(out.invoke, {
      code: "ResourceNotFoundException",
      message: reason,
      status: 404,
      exception: "ResourceNotFoundException",
    });
  });

  test("create_function() raises InvalidParameterValueException (400) for a role that is missing or does not trust Lambda", async (t) => {
    if (missing) return t.skip(missing);
    const out = await boto3Json<Record<string, Record<string, unknown>>>(
      aws,
      SETUP + String.raw`
ec2_trust = json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow',
    'Principal': {'Service': 'ec2.amazonaws.com'}, 'Action': 'sts:AssumeRole'}]})
ec2_role = iam.create_role(RoleName='conformance-ec2-role', AssumeRolePolicyDocument=ec2_trust)['Role']['Arn']
print(json.dumps({'absent': client_error(create, name='conf-bad-1', role='arn:aws:iam::${ACCOUNT}:role/absent'),
    'untrusted': client_error(create, name='conf-bad-2', role=ec2_role),
    'malformed': client_error(create, name='conf-bad-3', role='not-an-arn')}))
`,
    );
    const cannotAssume = {
      code: "InvalidParameterValueException",
      message: "The role defined for the function cannot be assumed by Lambda.",
      status: 400,
      exception: "InvalidParameterValueException",
    };
    deepStrictEqual(out.absent, cannotAssume);
    deepStrictEqual(out.untrusted, cannotAssume);
    // A role that is not an ARN fails Lambda's input validation, a code outside the model
    // (S: LS-snap test_function_create_invalid_role, recorded against AWS).
    strictEqual(out.malformed.code, "ValidationException");
    strictEqual(out.malformed.status, 400);
    strictEqual(out.malformed.exception, "ClientError");
  });
});
