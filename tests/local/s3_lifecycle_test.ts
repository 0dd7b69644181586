import {
  CreateBucketCommand,
  DeleteBucketLifecycleCommand,
  GetBucketLifecycleConfigurationCommand,
  type LifecycleRule,
  PutBucketLifecycleConfigurationCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deepStrictEqual as deepEqual, match, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type LocalAwsServer, startLocalAws } from "../../local.ts";
import { rejection, s3Client, statusOf } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { boto3Missing, runBoto3 } from "../support/python_clients.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";
import { sendSignedS3Request } from "../support/s3_signed_request.ts";

/** The rule `init` puts: expire the executor's prefix after a day, and its stale uploads. */
const EXPIRE_PREFIX: LifecycleRule = {
  ID: "covalent-expire",
  Status: "Enabled",
  Filter: { Prefix: "covalent/" },
  Expiration: { Days: 1 },
  AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
};

/** One rule of each kind of filter and action, which Get must return as they were put. */
const MIXED_RULES: LifecycleRule[] = [
  EXPIRE_PREFIX,
  {
    ID: "by-tags",
    Status: "Disabled",
    Filter: { And: { Prefix: "logs/", Tags: [{ Key: "a", Value: "1" }, { Key: "b", Value: "" }] } },
    Expiration: { Date: new Date("2030-01-01T00:00:00Z") },
    Transitions: [{ Days: 30, StorageClass: "STANDARD_IA" }],
  },
  { ID: "legacy", Status: "Enabled", Prefix: "old/", NoncurrentVersionExpiration: { NoncurrentDays: 7 } },
  { ID: "big", Status: "Enabled", Filter: { ObjectSizeGreaterThan: 1024 }, Expiration: { Days: 3 } },
];

describe("S3 bucket lifecycle configuration", () => {
  const bucket = uniqueBucket("lifecycle");
  let aws: LocalAwsServer;
  let s3: S3Client;
  before(async () => ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] })));
  after(() => aws.close());

  const put = (rules: LifecycleRule[], target = bucket) =>
    s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: target,
        LifecycleConfiguration: { Rules: rules },
      }),
    );
  const get = (target = bucket) => s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: target }));

  test("getBucketLifecycle() answers 404 NoSuchLifecycleConfiguration when none was put", async () => {
    const error = await rejection(get());
    equal(error.name, "NoSuchLifecycleConfiguration");
    equal(error.message, "The lifecycle configuration does not exist");
    equal(statusOf(error), 404);
  });

  test("putBucketLifecycle() stores the rules Get returns when the SDK sends its checksum", async () => {
    const putResult = await put(MIXED_RULES);
    equal(putResult.TransitionDefaultMinimumObjectSize, "all_storage_classes_128K");
    const { Rules, TransitionDefaultMinimumObjectSize } = await get();
    equal(TransitionDefaultMinimumObjectSize, "all_storage_classes_128K");
    deepEqual(Rules, MIXED_RULES);
  });

  test("putBucketLifecycle() gives a rule an ID when the request has none", async () => {
    await put([{ Status: "Enabled", Filter: {}, Expiration: { Days: 5 } }]);
    const [rule] = (await get()).Rules!;
    ok(rule.ID && rule.ID.length > 0, "an ID was generated");
    deepEqual(rule.Filter, {});
  });

  test("deleteBucketLifecycle() answers 204 and Get then finds nothing when a configuration existed", async () => {
    await put([EXPIRE_PREFIX]);
    const deleted = await s3.send(new DeleteBucketLifecycleCommand({ Bucket: bucket }));
    equal(deleted.$metadata.httpStatusCode, 204);
    equal((await rejection(get())).name, "NoSuchLifecycleConfiguration");
    // Deleting again is not an error.
    await s3.send(new DeleteBucketLifecycleCommand({ Bucket: bucket }));
  });

  test("putBucketLifecycle() refuses with S3's codes when rules are invalid", async () => {
    const cases: Array<[LifecycleRule[], string, RegExp?]> = [
      [[{ ID: "x", Status: "Enabled", Filter: {}, Expiration: { Days: 0 } }], "InvalidArgument", /'Days'/],
      [
        [{ ID: "x", Status: "Enabled", Filter: {}, NoncurrentVersionExpiration: { NoncurrentDays: 0 } }],
        "InvalidArgument",
        /^'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer$/,
      ],
      [
        [{
          ID: "x",
          Status: "Enabled",
          Filter: {},
          NoncurrentVersionTransitions: [{ NoncurrentDays: 0, StorageClass: "GLACIER" }],
        }],
        "InvalidArgument",
        /^'NoncurrentDays' for NoncurrentVersionTransition action must be a positive integer$/,
      ],
      [
        [{ ID: "x", Status: "Enabled", Filter: {}, Expiration: { Date: new Date("2030-01-01T12:00:00Z") } }],
        "InvalidArgument",
        /^'Date' must be at midnight GMT$/,
      ],
      [
        [{
          ID: "x",
          Status: "Enabled",
          Filter: {},
          Expiration: { Days: 1, ExpiredObjectDeleteMarker: true },
        }],
        "MalformedXML",
      ],
      [[{ ID: "x", Status: "Enabled", Expiration: { Days: 1 } }], "MalformedXML"],
      [
        [{ ID: "x", Status: "Enabled", Prefix: "a", Filter: { Prefix: "a" }, Expiration: { Days: 1 } }],
        "MalformedXML",
      ],
      [[{
        ID: "x",
        Status: "Enabled",
        Filter: { Prefix: "a", ObjectSizeGreaterThan: 1 },
        Expiration: { Days: 1 },
      }], "MalformedXML"],
      [
        [{
          ID: "x",
          Status: "Enabled",
          Filter: { And: { Tags: [{ Key: "k", Value: "1" }, { Key: "k", Value: "2" }] } },
          Expiration: { Days: 1 },
        }],
        "InvalidRequest",
        /^Duplicate Tag Keys are not allowed\.$/,
      ],
      [[{ ID: "x", Status: "Enabled", Filter: {} }], "InvalidRequest", /At least one action/],
      [
        [{
          ID: "x",
          Status: "Enabled",
          Filter: { Tag: { Key: "k", Value: "v" } },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        }],
        "InvalidRequest",
        /AbortIncompleteMultipartUpload cannot be specified with Tags/,
      ],
      [
        [{ ID: "x", Status: "Enabled", Filter: {}, Expiration: { Days: 1 } }, {
          ID: "x",
          Status: "Enabled",
          Filter: {},
          Expiration: { Days: 2 },
        }],
        "InvalidArgument",
        /unique/,
      ],
      [
        [{ ID: "x".repeat(256), Status: "Enabled", Filter: {}, Expiration: { Days: 1 } }],
        "InvalidArgument",
        /255/,
      ],
      [
        [{
          ID: "x",
          Status: "Enabled",
          Filter: {},
          Transitions: [{ Days: 1, StorageClass: "STANDARD" as "GLACIER" }],
        }],
        "MalformedXML",
      ],
      [
        [{ ID: "x", Status: "Enabled", Filter: {}, Transitions: [{ Days: -1, StorageClass: "GLACIER" }] }],
        "InvalidArgument",
        /^'Days' for Transition action must be a nonnegative integer$/,
      ],
    ];
    for (const [rules, code, message] of cases) {
      const error = await rejection(put(rules));
      equal(error.name, code, JSON.stringify(rules));
      equal(statusOf(error), 400);
      if (message) match(error.message, message);
    }
    equal((await rejection(get())).name, "NoSuchLifecycleConfiguration", "nothing refused was stored");
  });

  test("putBucketLifecycle() echoes the transition minimum size it was given and refuses an unknown one", async () => {
    const rules: LifecycleRule[] = [{
      ID: "t",
      Status: "Enabled",
      Filter: {},
      Transitions: [{ Days: 0, StorageClass: "GLACIER" }],
    }];
    const sized = (size: string) =>
      s3.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket: bucket,
          LifecycleConfiguration: { Rules: rules },
          TransitionDefaultMinimumObjectSize: size as "varies_by_storage_class",
        }),
      );
    equal(
      (await sized("varies_by_storage_class")).TransitionDefaultMinimumObjectSize,
      "varies_by_storage_class",
    );
    equal((await get()).TransitionDefaultMinimumObjectSize, "varies_by_storage_class");
    const error = await rejection(sized("all_storage_classes_64K"));
    equal(error.name, "InvalidArgument");
    equal(statusOf(error), 400);
    match(error.message, /x-amz-transition-default-minimum-object-size/);
    equal(
      (await get()).TransitionDefaultMinimumObjectSize,
      "varies_by_storage_class",
      "the refused put changed nothing",
    );
  });

  test("putBucketLifecycle() refuses more than 1000 rules when the limit is passed", async () => {
    const rule = (n: number): LifecycleRule => ({
      ID: `r${n}`,
      Status: "Enabled",
      Filter: { Prefix: `${n}/` },
      Expiration: { Days: 1 },
    });
    await put(Array.from({ length: 1000 }, (_, n) => rule(n)));
    equal((await get()).Rules!.length, 1000);
    equal((await rejection(put(Array.from({ length: 1001 }, (_, n) => rule(n))))).name, "MalformedXML");
    await s3.send(new DeleteBucketLifecycleCommand({ Bucket: bucket }));
  });

  test("putBucketLifecycle() refuses when the body has no Content-MD5 nor checksum, and verifies a Content-MD5", async () => {
    const body =
      `<LifecycleConfiguration><Rule><ID>r</ID><Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>`;
    const bare = await sendSignedS3Request(aws, { method: "PUT", path: `/${bucket}?lifecycle`, body });
    equal(bare.status, 400);
    match(
      bare.body,
      /<Code>InvalidRequest<\/Code><Message>Missing required header for this request: Content-MD5<\/Message>/,
    );
    const md5 = (text: string) => createHash("md5").update(text).digest("base64");
    const wrong = await sendSignedS3Request(aws, {
      method: "PUT",
      path: `/${bucket}?lifecycle`,
      body,
      headers: { "content-md5": md5("other") },
    });
    equal(wrong.status, 400);
    match(wrong.body, /<Code>BadDigest<\/Code>/);
    const right = await sendSignedS3Request(aws, {
      method: "PUT",
      path: `/${bucket}?lifecycle`,
      body,
      headers: { "content-md5": md5(body) },
    });
    equal(right.status, 200, right.body);
    deepEqual((await get()).Rules, [{ ID: "r", Filter: {}, Status: "Enabled", Expiration: { Days: 1 } }]);
    await s3.send(new DeleteBucketLifecycleCommand({ Bucket: bucket }));
  });

  test("putBucketLifecycle() answers NoSuchBucket when the bucket does not exist", async () => {
    equal((await rejection(put([EXPIRE_PREFIX], uniqueBucket("absent")))).name, "NoSuchBucket");
    equal((await rejection(get(uniqueBucket("absent")))).name, "NoSuchBucket");
  });

  test("putBucketLifecycle() round-trips through boto3 when boto3 sends the rules", async (t) => {
    const missing = boto3Missing();
    if (missing) return t.skip(missing);
    const out = await runBoto3(
      aws,
      [
        `s3.put_bucket_lifecycle_configuration(Bucket='${bucket}', LifecycleConfiguration={'Rules': [`,
        `  {'ID': 'py', 'Status': 'Enabled', 'Filter': {'Prefix': 'p/'}, 'Expiration': {'Days': 2}}]})`,
        `print(json.dumps(s3.get_bucket_lifecycle_configuration(Bucket='${bucket}')['Rules']))`,
        `s3.delete_bucket_lifecycle(Bucket='${bucket}')`,
        `try:`,
        `  s3.get_bucket_lifecycle_configuration(Bucket='${bucket}')`,
        `except s3.exceptions.ClientError as e:`,
        `  print(e.response['Error']['Code'])`,
      ].join("\n"),
    );
    equal(out.code, 0, out.stderr);
    const [rules, code] = out.stdout.trim().split("\n");
    deepEqual(JSON.parse(rules), [{
      ID: "py",
      Status: "Enabled",
      Filter: { Prefix: "p/" },
      Expiration: { Days: 2 },
    }]);
    equal(code, "NoSuchLifecycleConfiguration");
  });
});

describe("S3 bucket lifecycle configuration on a dataDir", () => {
  let dataDir: string;
  before(async () => void (dataDir = await mkdtemp(join(tmpdir(), "s3-lifecycle-test-"))));
  after(() => rm(dataDir, { recursive: true, force: true }));

  test("getBucketLifecycle() returns the rules after a restart when the bucket persists", async () => {
    const first = await startLocalAws({ dataDir });
    try {
      const s3 = s3Client(first);
      await s3.send(new CreateBucketCommand({ Bucket: "kept-lifecycle" }));
      await s3.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket: "kept-lifecycle",
          LifecycleConfiguration: { Rules: [EXPIRE_PREFIX] },
        }),
      );
    } finally {
      await first.close();
    }
    const second = await startLocalAws({ dataDir });
    try {
      const got = await s3Client(second).send(
        new GetBucketLifecycleConfigurationCommand({ Bucket: "kept-lifecycle" }),
      );
      deepEqual(got.Rules, [EXPIRE_PREFIX]);
    } finally {
      await second.close();
    }
  });
});
