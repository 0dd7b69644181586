/**
 * Getting the zip of a CreateFunction / UpdateFunctionCode request: inline (`ZipFile`,
 * base64 in the JSON) or from S3 (`S3Bucket` + `S3Key`).
 *
 * @module
 */
import { Buffer } from "node:buffer";
import type { CodeSource } from "./dependencies.ts";
import { type JsonObject, stringMember } from "./json_exchange.ts";
import { entityTooLarge, invalidParameter } from "./lambda_failure.ts";

/** AWS's limit on a zip uploaded directly (50 MB). */
export const ZIPPED_LIMIT = 52_428_800;

const S3_MESSAGES = {
  NoSuchBucket: "The specified bucket does not exist",
  NoSuchKey: "The specified key does not exist.",
} as const;

/**
 * Reads the zip a `Code` member (or UpdateFunctionCode body) names. Throws AWS's 413
 * "Zipped size must be smaller than 52428800 bytes" for a large inline zip, and
 * InvalidParameterValueException when S3 has no such object or no source is given.
 */
export async function readDeploymentPackage(code: JsonObject, source: CodeSource): Promise<Uint8Array> {
  const zipFile = stringMember(code.ZipFile);
  if (zipFile !== undefined) {
    const bytes = new Uint8Array(Buffer.from(zipFile, "base64"));
    if (bytes.length > ZIPPED_LIMIT) {
      throw entityTooLarge(`Zipped size must be smaller than ${ZIPPED_LIMIT} bytes`);
    }
    return bytes;
  }
  const bucket = stringMember(code.S3Bucket);
  const key = stringMember(code.S3Key);
  if (bucket !== undefined && key !== undefined) {
    const object = await source.readObject(bucket, key);
    if (typeof object === "string") {
      throw invalidParameter(
        `Error occurred while GetObject. S3 Error Code: ${object}. S3 Error Message: ${S3_MESSAGES[object]}`,
      );
    }
    return object;
  }
  if (stringMember(code.ImageUri) !== undefined) {
    throw invalidParameter(
      "Container image functions are not supported by local AWS; use a .zip file archive.",
    );
  }
  throw invalidParameter("Please provide a source for function code.");
}
