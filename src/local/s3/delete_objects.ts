/**
 * DeleteObject (`DELETE /<bucket>/<key>`) and DeleteObjects (`POST /<bucket>/?delete`).
 *
 * @module
 */
import type { LocalResponse } from "../http/exchange.ts";
import type { ServiceRequest } from "../service.ts";
import { childText } from "../xml/xml_reader.ts";
import type { S3Context } from "./s3_context.ts";
import { faults } from "./s3_fault.ts";
import { element, emptyResponse, xmlResponse } from "./s3_xml.ts";
import { readXmlRequest } from "./xml_request.ts";

/** S3 deletes at most this many keys per request. */
const MAX_KEYS = 1000;

/**
 * Deletes one object. S3 answers 204 whether or not the key existed.
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket.
 * @param key The key.
 * @returns 204.
 * @throws {S3Fault} NoSuchBucket.
 */
export async function deleteObject(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
  key: string,
): Promise<LocalResponse> {
  await context.store.delete(bucket, key);
  return emptyResponse(request.requestId, 204);
}

/**
 * Deletes up to 1000 keys. Missing keys count as deleted; `Quiet` reports errors only.
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket.
 * @returns 200 with `DeleteResult`.
 * @throws {S3Fault} NoSuchBucket or MalformedXML.
 */
export async function deleteObjects(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
): Promise<LocalResponse> {
  if (!context.store.bucket(bucket)) throw faults.noSuchBucket(bucket);
  const root = await readXmlRequest(request);
  if (!root) throw faults.malformedXml();
  const objects = root.children.filter((child) => child.name === "Object");
  if (root.name !== "Delete" || objects.length === 0 || objects.length > MAX_KEYS) {
    throw faults.malformedXml();
  }
  const keys = objects.map((object) => childText(object, "Key"));
  if (keys.some((key) => key === undefined || key === "")) throw faults.malformedXml();
  const quiet = childText(root, "Quiet")?.trim().toLowerCase() === "true";
  let results = "";
  for (const key of keys as string[]) {
    try {
      await context.store.delete(bucket, key);
      if (!quiet) results += `<Deleted>${element("Key", key)}</Deleted>`;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      results += `<Error>${element("Key", key)}${element("Code", "InternalError")}${
        element("Message", detail)
      }</Error>`;
    }
  }
  return xmlResponse(request.requestId, "DeleteResult", results);
}
