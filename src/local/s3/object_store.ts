/**
 * Buckets and objects on disk, with an in-memory index loaded at start.
 *
 * Layout under the root (`<dataDir>/s3`):
 * `buckets/<name>/bucket.json`, and per object `buckets/<name>/objects/<h2>/<h>.json` (its
 * description) beside `<h>.<uuid>` (its bytes), where `h` is the SHA-256 of the key: keys may
 * hold `..`, `/` or anything else, so they never become paths. Bytes arrive in `tmp/` and are
 * renamed into place; a new version gets a new data file and the description is swapped
 * atomically, so readers of the old version keep their open file.
 *
 * @module
 */
import { createHash, randomUUID } from "node:crypto";
import { type FileHandle, mkdir, open, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { readJsonIfPresent, writeJsonAtomically } from "./atomic_file.ts";
import { KeyedQueue } from "./keyed_queue.ts";
import type { BucketRecord, StoredObject } from "./s3_records.ts";
import { faults } from "./s3_fault.ts";
import { compareUtf8 } from "./utf8_order.ts";

interface BucketState {
  record: BucketRecord;
  readonly objects: Map<string, StoredObject>;
  sortedKeys?: string[];
}

/** Checks an object about to be replaced (conditional writes); throws an `S3Fault` to refuse. */
export type WritePrecondition = (existing: StoredObject | undefined) => void;

/** The buckets and objects of local S3. */
export class ObjectStore {
  readonly #root: string;
  readonly #buckets: Map<string, BucketState>;
  readonly #queue = new KeyedQueue();
  /** Directory for bytes on their way in (same file system as the objects). */
  readonly tempDir: string;

  private constructor(root: string, buckets: Map<string, BucketState>) {
    this.#root = root;
    this.#buckets = buckets;
    this.tempDir = join(root, "tmp");
  }

  /**
   * Opens (or creates) the store under `root`, loading every bucket and object description and
   * clearing what an interrupted write left behind.
   *
   * @param root The S3 data directory.
   * @returns The store.
   */
  static async open(root: string): Promise<ObjectStore> {
    await rm(join(root, "tmp"), { recursive: true, force: true });
    await mkdir(join(root, "tmp"), { recursive: true });
    await mkdir(join(root, "buckets"), { recursive: true });
    const buckets = new Map<string, BucketState>();
    for (const name of await readdir(join(root, "buckets"))) {
      const record = await readJsonIfPresent<BucketRecord>(join(root, "buckets", name, "bucket.json"));
      if (record?.name !== name) continue;
      buckets.set(name, { record, objects: await loadObjects(join(root, "buckets", name, "objects")) });
    }
    return new ObjectStore(root, buckets);
  }

  /** Every bucket, by name. */
  buckets(): BucketRecord[] {
    return [...this.#buckets.values()].map((state) => state.record).sort((a, b) =>
      compareUtf8(a.name, b.name)
    );
  }

  /** A bucket, or undefined. */
  bucket(name: string): BucketRecord | undefined {
    return this.#buckets.get(name)?.record;
  }

  /** Creates a bucket (the caller has checked the name and that it does not exist). */
  async createBucket(name: string, region: string, owner: string): Promise<BucketRecord> {
    const record: BucketRecord = { name, region, createdAt: Date.now(), owner };
    await mkdir(join(this.#bucketDir(name), "objects"), { recursive: true });
    await writeJsonAtomically(join(this.#bucketDir(name), "bucket.json"), record, this.tempDir);
    // A concurrent create of the same name may have finished first: keep its objects.
    const raced = this.#buckets.get(name);
    if (raced) return raced.record;
    this.#buckets.set(name, { record, objects: new Map() });
    return record;
  }

  /**
   * Replaces a bucket's lifecycle configuration (undefined removes it), on disk and in memory.
   * Throws NoSuchBucket for a missing bucket.
   */
  setLifecycle(name: string, lifecycle: BucketRecord["lifecycle"]): Promise<void> {
    return this.#queue.run(`\u0000bucket\n${name}`, async () => {
      const state = this.#state(name);
      const { lifecycle: _previous, ...rest } = state.record;
      const record: BucketRecord = lifecycle ? { ...rest, lifecycle } : rest;
      await writeJsonAtomically(join(this.#bucketDir(name), "bucket.json"), record, this.tempDir);
      state.record = record;
    });
  }

  /** Deletes an empty bucket; refuses with BucketNotEmpty while it holds objects. */
  async deleteBucket(name: string): Promise<void> {
    const state = this.#state(name);
    if (state.objects.size > 0) throw faults.bucketNotEmpty(name);
    this.#buckets.delete(name);
    await rm(this.#bucketDir(name), { recursive: true, force: true });
  }

  /** An object's description, or undefined. Throws NoSuchBucket for a missing bucket. */
  object(bucket: string, key: string): StoredObject | undefined {
    return this.#state(bucket).objects.get(key);
  }

  /** The bucket's keys in UTF-8 binary order. */
  sortedKeys(bucket: string): readonly string[] {
    const state = this.#state(bucket);
    return state.sortedKeys ??= [...state.objects.keys()].sort(compareUtf8);
  }

  /** A fresh path in the temporary directory for bytes on their way in. */
  tempPath(): string {
    return join(this.tempDir, randomUUID());
  }

  /**
   * Makes the bytes in `tempPath` the object `fields.key`, replacing any earlier version.
   * The temporary file is gone afterwards, whether the commit succeeded or not.
   *
   * @param bucket The bucket.
   * @param fields The new description (its data file name is chosen here).
   * @param tempPath The bytes, in the temporary directory.
   * @param precondition Checked against the current version just before the swap.
   * @returns The stored description.
   */
  commit(
    bucket: string,
    fields: Omit<StoredObject, "dataFile">,
    tempPath: string,
    precondition?: WritePrecondition,
  ): Promise<StoredObject> {
    return this.#queue.run(`${bucket}\n${fields.key}`, async () => {
      try {
        const state = this.#state(bucket);
        const previous = state.objects.get(fields.key);
        precondition?.(previous);
        const hash = keyHash(fields.key);
        const record: StoredObject = { ...fields, dataFile: `${hash}.${randomUUID()}` };
        const dir = this.#objectDir(bucket, hash);
        await mkdir(dir, { recursive: true });
        await rename(tempPath, join(dir, record.dataFile));
        await writeJsonAtomically(join(dir, `${hash}.json`), record, this.tempDir);
        if (!previous) state.sortedKeys = undefined;
        state.objects.set(fields.key, record);
        if (previous) await rm(join(dir, previous.dataFile), { force: true });
        return record;
      } finally {
        await rm(tempPath, { force: true });
      }
    });
  }

  /** Deletes an object; returns whether it existed. */
  delete(bucket: string, key: string): Promise<boolean> {
    return this.#queue.run(`${bucket}\n${key}`, async () => {
      const state = this.#state(bucket);
      const previous = state.objects.get(key);
      if (!previous) return false;
      const hash = keyHash(key);
      await rm(join(this.#objectDir(bucket, hash), `${hash}.json`), { force: true });
      state.objects.delete(key);
      state.sortedKeys = undefined;
      await rm(join(this.#objectDir(bucket, hash), previous.dataFile), { force: true });
      return true;
    });
  }

  /**
   * Opens the current version of an object for reading. The handle stays valid even if the
   * object is replaced or deleted meanwhile.
   *
   * @returns The description and an open handle, or undefined when the key does not exist.
   */
  async openObject(
    bucket: string,
    key: string,
  ): Promise<{ object: StoredObject; file: FileHandle } | undefined> {
    // A concurrent overwrite may remove the file between the lookup and the open: look again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const object = this.object(bucket, key);
      if (!object) return undefined;
      try {
        return { object, file: await open(this.dataPath(bucket, object), "r") };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
    throw new Error(`object ${bucket}/${key} keeps changing under the reader`);
  }

  /** Where an object's bytes are. */
  dataPath(bucket: string, object: StoredObject): string {
    return join(this.#objectDir(bucket, keyHash(object.key)), object.dataFile);
  }

  #state(bucket: string): BucketState {
    const state = this.#buckets.get(bucket);
    if (!state) throw faults.noSuchBucket(bucket);
    return state;
  }

  #bucketDir(bucket: string): string {
    return join(this.#root, "buckets", bucket);
  }

  #objectDir(bucket: string, hash: string): string {
    return join(this.#bucketDir(bucket), "objects", hash.slice(0, 2));
  }
}

function keyHash(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

async function loadObjects(dir: string): Promise<Map<string, StoredObject>> {
  const objects = new Map<string, StoredObject>();
  const fanOut = await readdir(dir).catch(() => [] as string[]);
  for (const sub of fanOut) {
    const names = await readdir(join(dir, sub));
    const present = new Set(names);
    const referenced = new Set<string>();
    for (const name of names.filter((n) => n.endsWith(".json"))) {
      const record = await readJsonIfPresent<StoredObject>(join(dir, sub, name));
      if (!record || !present.has(record.dataFile)) continue;
      objects.set(record.key, record);
      referenced.add(record.dataFile);
    }
    // Bytes renamed into place whose description was never written: an interrupted PUT.
    for (const name of names) {
      if (!name.endsWith(".json") && !referenced.has(name)) await rm(join(dir, sub, name), { force: true });
    }
  }
  return objects;
}
