/**
 * Reading zip archives (deployment packages): the central directory, then each entry's data,
 * stored or deflated, with its CRC checked. Zip64 archives are read too; encrypted entries and
 * other compression methods are refused.
 *
 * @module
 */
import { inflateRawSync } from "node:zlib";
import { crc32 } from "../../archive/crc32.ts";

/** The archive could not be read; `reason` says why (for logs, not for clients). */
export class ZipUnreadable extends Error {
  /** What was wrong with the archive. */
  readonly reason: string;
  constructor(reason: string) {
    super(`unreadable zip archive: ${reason}`);
    this.name = "ZipUnreadable";
    this.reason = reason;
  }
}

/** One entry of the central directory. */
export interface ZipEntryInfo {
  /** The name as stored (`/`-separated by convention; not yet checked for safety). */
  readonly name: string;
  /** Whether the entry names a directory (its name ends with `/`). */
  readonly isDirectory: boolean;
  /** Unix mode (type and permission bits) when the archive was made on Unix, else undefined. */
  readonly unixMode?: number;
  /** Uncompressed size in bytes, as declared. */
  readonly size: number;
  /** Reads, inflates and checks the entry's bytes. */
  read(): Uint8Array;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Lists the entries of a zip archive. Throws `ZipUnreadable` when the bytes are not a zip
 * archive this reader supports.
 *
 * @example
 * ```ts
 * for (const entry of readZip(bytes)) console.log(entry.name, entry.size);
 * ```
 */
export function readZip(bytes: Uint8Array): ZipEntryInfo[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(view);
  let count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) [count, offset] = readZip64End(view, end);
  const decoder = new TextDecoder();
  const entries: ZipEntryInfo[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    need(view, at, 46);
    if (view.getUint32(at, true) !== CENTRAL) throw new ZipUnreadable("bad central directory entry");
    const madeBy = view.getUint16(at + 4, true);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    let compressedSize = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const external = view.getUint32(at + 38, true);
    let localOffset = view.getUint32(at + 42, true);
    need(view, at + 46, nameLength + extraLength);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const extra = bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    [size, compressedSize, localOffset] = applyZip64Extra(extra, size, compressedSize, localOffset);
    if (flags & 1) throw new ZipUnreadable(`entry ${name} is encrypted`);
    if (method !== 0 && method !== 8) throw new ZipUnreadable(`entry ${name} uses compression ${method}`);
    const unixMode = madeBy >> 8 === 3 && external >>> 16 !== 0 ? external >>> 16 : undefined;
    entries.push({
      name,
      isDirectory: name.endsWith("/") || name.endsWith("\\"),
      unixMode,
      size,
      read: () => readEntry(bytes, view, { name, method, crc, compressedSize, size, localOffset }),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function need(view: DataView, at: number, length: number): void {
  if (at < 0 || at + length > view.byteLength) throw new ZipUnreadable("truncated archive");
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of up to 65535 bytes, so it starts near the end.
  const last = view.byteLength - 22;
  const first = Math.max(0, last - 0xffff);
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  throw new ZipUnreadable("no end of central directory record");
}

function readZip64End(view: DataView, end: number): [number, number] {
  const locator = end - 20;
  need(view, locator, 20);
  if (view.getUint32(locator, true) !== ZIP64_LOCATOR) throw new ZipUnreadable("missing zip64 locator");
  const record = Number(view.getBigUint64(locator + 8, true));
  need(view, record, 56);
  if (view.getUint32(record, true) !== ZIP64_EOCD) throw new ZipUnreadable("bad zip64 end record");
  return [Number(view.getBigUint64(record + 32, true)), Number(view.getBigUint64(record + 48, true))];
}

/** Replaces 32-bit fields set to 0xffffffff with their values from the zip64 extra field. */
function applyZip64Extra(
  extra: Uint8Array,
  size: number,
  compressedSize: number,
  localOffset: number,
): [number, number, number] {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  for (let at = 0; at + 4 <= extra.length;) {
    const id = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + length || field + 8 > extra.length) {
          throw new ZipUnreadable("short zip64 extra field");
        }
        const value = Number(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      if (size === 0xffffffff) size = next();
      if (compressedSize === 0xffffffff) compressedSize = next();
      if (localOffset === 0xffffffff) localOffset = next();
      break;
    }
    at += 4 + length;
  }
  return [size, compressedSize, localOffset];
}

interface EntryLocation {
  readonly name: string;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

function readEntry(bytes: Uint8Array, view: DataView, entry: EntryLocation): Uint8Array {
  need(view, entry.localOffset, 30);
  if (view.getUint32(entry.localOffset, true) !== LOCAL) {
    throw new ZipUnreadable(`bad local header for ${entry.name}`);
  }
  const start = entry.localOffset + 30 + view.getUint16(entry.localOffset + 26, true) +
    view.getUint16(entry.localOffset + 28, true);
  need(view, start, entry.compressedSize);
  const stored = bytes.subarray(start, start + entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === 0) {
    data = stored;
  } else {
    try {
      // The declared size bounds the output, so a small bomb cannot fill memory.
      data = new Uint8Array(inflateRawSync(stored, { maxOutputLength: Math.max(1, entry.size) }));
    } catch (error) {
      throw new ZipUnreadable(`cannot inflate ${entry.name}: ${(error as Error).message}`);
    }
  }
  if (data.length !== entry.size) throw new ZipUnreadable(`size mismatch for ${entry.name}`);
  if (crc32(data) !== entry.crc) throw new ZipUnreadable(`CRC mismatch for ${entry.name}`);
  return data;
}
