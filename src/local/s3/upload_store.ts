/**
 * Multipart uploads in progress, on disk under `<root>/uploads/<uploadId>/` (`upload.json`,
 * and `part-<n>` with `part-<n>.json` per part), with an in-memory index loaded at start.
 * Upload ids are generated here and only ever looked up in the index, so a client's id never
 * reaches a path unchecked.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { readJsonIfPresent, writeJsonAtomically } from "./atomic_file.ts";
import { CompletedUploads } from "./completed_uploads.ts";
import type { PartRecord, UploadRecord } from "./s3_records.ts";

interface UploadState {
  readonly record: UploadRecord;
  readonly parts: Map<number, PartRecord>;
}

/** The multipart uploads of local S3. */
export class UploadStore {
  readonly #root: string;
  readonly #tempDir: string;
  readonly #uploads: Map<string, UploadState>;
  /** Uploads completed lately, for repeated CompleteMultipartUpload requests. */
  readonly completed: CompletedUploads = new CompletedUploads();

  private constructor(root: string, tempDir: string, uploads: Map<string, UploadState>) {
    this.#root = root;
    this.#tempDir = tempDir;
    this.#uploads = uploads;
  }

  /**
   * Opens (or creates) the store, loading every upload and its parts.
   *
   * @param root The uploads directory.
   * @param tempDir Where state files are written before they are renamed into place.
   * @returns The store.
   */
  static async open(root: string, tempDir: string): Promise<UploadStore> {
    await mkdir(root, { recursive: true });
    const uploads = new Map<string, UploadState>();
    for (const uploadId of await readdir(root)) {
      const dir = join(root, uploadId);
      const record = await readJsonIfPresent<UploadRecord>(join(dir, "upload.json"));
      if (record?.uploadId !== uploadId) {
        await rm(dir, { recursive: true, force: true });
        continue;
      }
      const parts = new Map<number, PartRecord>();
      const names = new Set(await readdir(dir));
      for (const name of names) {
        if (!name.endsWith(".json") || !name.startsWith("part-")) continue;
        const part = await readJsonIfPresent<PartRecord>(join(dir, name));
        if (part && names.has(partFileName(part.partNumber))) parts.set(part.partNumber, part);
      }
      uploads.set(uploadId, { record, parts });
    }
    return new UploadStore(root, tempDir, uploads);
  }

  /** Starts an upload; returns its record with a fresh id. */
  async create(fields: Omit<UploadRecord, "uploadId" | "initiated">): Promise<UploadRecord> {
    const uploadId = randomBytes(24).toString("base64url");
    const record: UploadRecord = { ...fields, uploadId, initiated: Date.now() };
    await mkdir(join(this.#root, uploadId), { recursive: true });
    await writeJsonAtomically(join(this.#root, uploadId, "upload.json"), record, this.#tempDir);
    this.#uploads.set(uploadId, { record, parts: new Map() });
    return record;
  }

  /** The upload with this id for this bucket and key, or undefined. */
  upload(bucket: string, key: string, uploadId: string): UploadRecord | undefined {
    const record = this.#uploads.get(uploadId)?.record;
    return record && record.bucket === bucket && record.key === key ? record : undefined;
  }

  /** The uploads of a bucket, oldest first. */
  uploadsOf(bucket: string): UploadRecord[] {
    return [...this.#uploads.values()]
      .map((state) => state.record)
      .filter((record) => record.bucket === bucket)
      .sort((a, b) => a.initiated - b.initiated);
  }

  /** The parts uploaded so far, by part number. */
  parts(uploadId: string): ReadonlyMap<number, PartRecord> {
    return this.#uploads.get(uploadId)?.parts ?? new Map();
  }

  /** Where a part's bytes are. */
  partPath(uploadId: string, partNumber: number): string {
    return join(this.#root, uploadId, partFileName(partNumber));
  }

  /**
   * Stores a part (replacing an earlier one with the same number). Returns false, and removes
   * the bytes, when the upload ended meanwhile.
   */
  async commitPart(uploadId: string, part: PartRecord, tempPath: string): Promise<boolean> {
    try {
      const state = this.#uploads.get(uploadId);
      if (!state) return false;
      await rename(tempPath, this.partPath(uploadId, part.partNumber));
      const description = `${this.partPath(uploadId, part.partNumber)}.json`;
      await writeJsonAtomically(description, part, this.#tempDir);
      state.parts.set(part.partNumber, part);
      return true;
    } catch (error) {
      if (!this.#uploads.has(uploadId)) return false;
      throw error;
    } finally {
      await rm(tempPath, { force: true });
    }
  }

  /**
   * Ends an upload (completed or aborted) and removes its parts.
   *
   * @returns Whether it existed (false when a concurrent call ended it first).
   */
  async remove(uploadId: string): Promise<boolean> {
    if (!this.#uploads.delete(uploadId)) return false;
    await rm(join(this.#root, uploadId), { recursive: true, force: true });
    return true;
  }

  /** Ends every upload into a bucket (the bucket is being deleted). */
  async removeBucket(bucket: string): Promise<void> {
    for (const record of this.uploadsOf(bucket)) await this.remove(record.uploadId);
  }
}

function partFileName(partNumber: number): string {
  return `part-${String(partNumber).padStart(5, "0")}`;
}
