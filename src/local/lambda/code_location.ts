/**
 * `Code.Location` of GetFunction: a presigned URL on the local endpoint from which a plain
 * HTTP GET downloads the function's zip (AWS hands out a presigned S3 URL valid 10 minutes).
 *
 * @module
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { expectedSignature } from "../auth/verify_signature.ts";
import { makeLocalRequest } from "../http/exchange.ts";
import type { Signature } from "../auth/signature.ts";
import type { ServiceRequest } from "../service.ts";
import type { FunctionRecord } from "./function_record.ts";
import type { LambdaContext, LambdaOperationHandler } from "./lambda_context.ts";
import { resourceNotFound } from "./lambda_failure.ts";

const EXPIRES_SECONDS = 600;

/**
 * A URL that downloads the function's latest zip, signed (SigV4 query string, service
 * `lambda`) with the account's keys for the host the caller used.
 */
export function codeLocation(
  context: LambdaContext,
  request: ServiceRequest,
  record: FunctionRecord,
): string {
  const host = request.headers["host"] ?? new URL(context.account.endpoint()).host;
  const { accessKeyId, secretAccessKey } = context.account.credentials;
  const amzDate = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const scopeDate = amzDate.slice(0, 8);
  const region = context.account.region;
  const path = `/2015-03-31/functions/${record.name}/code-download/${record.latest.code.key}`;
  const query = new URLSearchParams({
    "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
    "X-Amz-Credential": `${accessKeyId}/${scopeDate}/${region}/lambda/aws4_request`,
    "X-Amz-Date": amzDate,
    "X-Amz-Expires": String(EXPIRES_SECONDS),
    "X-Amz-SignedHeaders": "host",
  }).toString();
  const signature: Signature = {
    accessKeyId,
    scopeDate,
    region,
    service: "lambda",
    signedHeaders: ["host"],
    signature: "",
    amzDate,
    presigned: true,
    expiresSeconds: EXPIRES_SECONDS,
  };
  const unsigned = makeLocalRequest({ method: "GET", url: `${path}?${query}`, headers: { host } });
  const signed = expectedSignature(unsigned, signature, secretAccessKey, "UNSIGNED-PAYLOAD");
  return `http://${host}${path}?${query}&X-Amz-Signature=${signed}`;
}

/** Serves the zip behind a `Code.Location` URL (the signature was checked by the router). */
export const downloadFunctionCode: LambdaOperationHandler = async (context, request, route) => {
  const name = route.target ?? "";
  const key = route.detail ?? "";
  const missing = resourceNotFound(`The code of function ${name} with SHA-256 ${key} does not exist.`);
  if (!/^[0-9a-f]{64}$/.test(key) || !/^[a-zA-Z0-9_-]+$/.test(name) || !context.registry.get(name)) {
    throw missing;
  }
  const path = context.codeStore.zipPath(name, key);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw missing;
  }
  return {
    status: 200,
    headers: {
      "content-type": "application/zip",
      "content-length": String(size),
      "x-amzn-requestid": request.requestId,
    },
    body: createReadStream(path),
  };
};
