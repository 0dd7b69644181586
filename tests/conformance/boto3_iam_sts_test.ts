/**
 * Conformance: IAM role policies and STS sessions driven by boto3, including a boto3 Session
 * built from AssumeRole's keys and used for S3 and Lambda.
 *
 * @module
 */
import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { boto3Json, boto3Missing } from "../support/python_clients.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";

const ACCOUNT = "000000000000";
const BASIC_EXECUTION = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

const SETUP = String.raw`
iam = boto3.client('iam')
sts = boto3.client('sts')
def trust(principal):
    return json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': principal,
        'Action': 'sts:AssumeRole'}]})
`;

describe("boto3 against local IAM and STS", () => {
  const missing = boto3Missing();
  const bucket = uniqueBucket("boto3-session");
  let aws: LocalAwsServer;
  before(async () => ({ aws } = await startLocalAwsFixture({ buckets: [bucket] })));
  after(() => aws.close());

  test("put_role_policy() and attach_role_policy() show in get/list calls, and delete_role() refuses with DeleteConflict (409)", async (t) => {
    if (missing) return t.skip(missing);
    const out = await boto3Json<Record<string, Record<string, unknown>>>(
      aws,
      SETUP + String.raw`
iam.create_role(RoleName='policy-role', AssumeRolePolicyDocument=trust({'Service': 'lambda.amazonaws.com'}))
iam.get_waiter('role_exists').wait(RoleName='policy-role')
document = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 's3:GetObject',
    'Resource': 'arn:aws:s3:::b/a key+%3A'}]}
iam.put_role_policy(RoleName='policy-role', PolicyName='inline', PolicyDocument=json.dumps(document))
iam.attach_role_policy(RoleName='policy-role', PolicyArn='${BASIC_EXECUTION}')
inline = iam.get_role_policy(RoleName='policy-role', PolicyName='inline')
conflict = client_error(iam.delete_role, RoleName='policy-role')
iam.delete_role_policy(RoleName='policy-role', PolicyName='inline')
iam.detach_role_policy(RoleName='policy-role', PolicyArn='${BASIC_EXECUTION}')
iam.delete_role(RoleName='policy-role')
print(json.dumps({'inline': {'document': inline['PolicyDocument'], 'name': inline['PolicyName']},
    'conflict': conflict, 'gone': client_error(iam.get_role_policy, RoleName='policy-role', PolicyName='inline')}))
`,
    );
    // boto3 URL-decodes PolicyDocument once; a literal %3A survives, so AWS encoded the % too
    // (S: LS-snap test_put_role_policy_encoding, recorded against AWS).
    deepStrictEqual(out.inline.document, {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/a key+%3A" }],
    });
    strictEqual(out.inline.name, "inline");
    deepStrictEqual(out.conflict, {
      code: "DeleteConflict",
      message: "Cannot delete entity, must detach all policies first.",
      status: 409,
      exception: "DeleteConflictException",
    });
    strictEqual(out.gone.code, "NoSuchEntity");
    strictEqual(out.gone.status, 404);
    strictEqual(out.gone.exception, "NoSuchEntityException");
  });

  test("list_attached_role_policies() and list_role_policies() name what was attached and put", async (t) => {
    if (missing) return t.skip(missing);
    const out = await boto3Json<Record<string, unknown>>(
      aws,
      SETUP + String.raw`
iam.create_role(RoleName='listed-role', AssumeRolePolicyDocument=trust({'Service': 'lambda.amazonaws.com'}))
iam.attach_role_policy(RoleName='listed-role', PolicyArn='${BASIC_EXECUTION}')
iam.put_role_policy(RoleName='listed-role', PolicyName='p1', PolicyDocument=json.dumps({'Version': '2012-10-17',
    'Statement': [{'Effect': 'Allow', 'Action': 's3:*', 'Resource': '*'}]}))
attached = iam.list_attached_role_policies(RoleName='listed-role')
names = iam.list_role_policies(RoleName='listed-role')
print(json.dumps({'attached': attached['AttachedPolicies'], 'attachedTruncated': attached['IsTruncated'],
    'names': names['PolicyNames'], 'namesTruncated': names['IsTruncated'],
    'missingPolicy': client_error(iam.attach_role_policy, RoleName='listed-role',
                                  PolicyArn='arn:aws:iam::${ACCOUNT}:policy/never-made')}))
`,
    );
    deepStrictEqual(out.attached, [{
      PolicyName: "AWSLambdaBasicExecutionRole",
      PolicyArn: BASIC_EXECUTION,
    }]);
    strictEqual(out.attachedTruncated, false);
    deepStrictEqual(out.names, ["p1"]);
    strictEqual(out.namesTruncated, false);
    deepStrictEqual(out.missingPolicy, {
      code: "NoSuchEntity",
      message: `Policy arn:aws:iam::${ACCOUNT}:policy/never-made does not exist or is not attachable.`,
      status: 404,
      exception: "NoSuchEntityException",
    });
  });

  test("sts.assume_role() keys work in a boto3 Session for S3 and Lambda, which see the assumed role", async (t) => {
    if (missing) return t.skip(missing);
    const out = await boto3Json<Record<string, Record<string, unknown>>>(
      aws,
      SETUP + String.raw`
import time
role = iam.create_role(RoleName='session-role', AssumeRolePolicyDocument=trust({'AWS': '${ACCOUNT}'}))['Role']
assumed = sts.assume_role(RoleArn=role['Arn'], RoleSessionName='boto3-session', DurationSeconds=1200)
keys = assumed['Credentials']
session = boto3.Session(aws_access_key_id=keys['AccessKeyId'], aws_secret_access_key=keys['SecretAccessKey'],
                        aws_session_token=keys['SessionToken'])
identity = session.client('sts').get_caller_identity()
buckets = [b['Name'] for b in session.client('s3').list_buckets()['Buckets']]
functions = session.client('lambda').list_functions()['Functions']
print(json.dumps({'role': {'id': role['RoleId']},
    'keys': {'id': keys['AccessKeyId'], 'expiresIn': keys['Expiration'].timestamp() - time.time()},
    'user': assumed['AssumedRoleUser'],
    'identity': {k: identity[k] for k in ('UserId', 'Account', 'Arn')},
    'seen': {'buckets': buckets, 'functions': functions}}))
`,
    );
    match(String(out.keys.id), /^ASIA[A-Z0-9]{16}$/);
    const expiresIn = Number(out.keys.expiresIn);
    ok(expiresIn > 1100 && expiresIn <= 1200, `the keys expire in ${expiresIn} s`);
    const arn = `arn:aws:sts::${ACCOUNT}:assumed-role/session-role/boto3-session`;
    deepStrictEqual(out.user, { AssumedRoleId: `${out.role.id}:boto3-session`, Arn: arn });
    deepStrictEqual(out.identity, { UserId: `${out.role.id}:boto3-session`, Account: ACCOUNT, Arn: arn });
    deepStrictEqual(out.seen, { buckets: [bucket], functions: [] });
  });

  test("sts.get_session_token() gives keys an hour long for the account root, and refuses a session caller with AccessDenied", async (t) => {
    if (missing) return t.skip(missing);
    const out = await boto3Json<Record<string, Record<string, unknown>>>(
      aws,
      SETUP + String.raw`
import time
keys = sts.get_session_token(DurationSeconds=7200)['Credentials']
session = boto3.Session(aws_access_key_id=keys['AccessKeyId'], aws_secret_access_key=keys['SecretAccessKey'],
                        aws_session_token=keys['SessionToken'])
print(json.dumps({'keys': {'id': keys['AccessKeyId'], 'expiresIn': keys['Expiration'].timestamp() - time.time()},
    'identity': session.client('sts').get_caller_identity()['Arn'],
    'again': client_error(session.client('sts').get_session_token)}))
`,
    );
    match(String(out.keys.id), /^ASIA[A-Z0-9]{16}$/);
    // An account owner's session lasts at most an hour, whatever was asked (S: DOC API_GetSessionToken).
    const expiresIn = Number(out.keys.expiresIn);
    ok(expiresIn > 3500 && expiresIn <= 3600, `the keys expire in ${expiresIn} s`);
    strictEqual(out.identity, `arn:aws:iam::${ACCOUNT}:root`);
    deepStrictEqual(out.again, {
      code: "AccessDenied",
      message: "Cannot call GetSessionToken with session credentials",
      status: 403,
      exception: "ClientError",
    });
  });
});
