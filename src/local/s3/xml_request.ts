/**
 * Reading the small XML documents S3 requests carry (DeleteObjects, CompleteMultipartUpload,
 * CreateBucket's configuration).
 *
 * @module
 */
import { createHash } from "node:crypto";
import { readBody } from "../http/body.ts";
import type { ServiceRequest } from "../service.ts";
import { parseXml, type XmlElement } from "../xml/xml_reader.ts";
import { readBodyPromises } from "./body_promises.ts";
import { startChecksum } from "./checksums.ts";
import { faults } from "./s3_fault.ts";

/** Enough for 10000 parts or 1000 keys of 1024 bytes, escaped. */
const MAX_BODY = 8 * 1024 * 1024;

/**
 * Reads a small XML request body, verifying its checksum headers (the SDK sends
 * `x-amz-checksum-crc32` with DeleteObjects and CompleteMultipartUpload; other clients send
 * `Content-MD5`).
 *
 * @param request The request.
 * @returns The root element, or undefined for an empty body.
 * @throws {S3Fault} MalformedXML, BadDigest or InvalidRequest.
 */
export async function readXmlRequest(request: ServiceRequest): Promise<XmlElement | undefined> {
  const promises = readBodyPromises(request.headers, MAX_BODY);
  let bytes: Uint8Array;
  try {
    bytes = await readBody(request.body, MAX_BODY);
  } catch {
    throw faults.malformedXml();
  }
  if (bytes.length === 0) return undefined;
  if (promises.contentMd5 && !createHash("md5").update(bytes).digest().equals(promises.contentMd5)) {
    throw faults.badContentMd5();
  }
  if (promises.checksum?.value !== undefined) {
    const sum = startChecksum(promises.checksum.algorithm);
    sum.update(bytes);
    if (sum.digestBase64() !== promises.checksum.value) throw faults.badDigest(promises.checksum.algorithm);
  }
  try {
    return parseXml(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw faults.malformedXml();
  }
}
