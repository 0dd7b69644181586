/**
 * `encode`: turns a task and its arguments into what travels in the Invoke call. The code and
 * arguments go inline while the event fits the inline limit; larger arguments are spilled to
 * S3 as bytes (streamed, multipart when large), and module bundles are stored once per hash.
 *
 * @module
 */
import { Effect, type Scope } from "effect";
import { Buffer } from "node:buffer";
import type { AwsError } from "../aws/aws_error.ts";
import { S3Api } from "../aws/s3_api.ts";
import { encodeTaskCode, type TaskCode } from "../task/encode_task_code.ts";
import type { Task } from "../task/task.ts";
import { encodeValue, UnencodableValue } from "../task/value_codec.ts";
import { encodeValueParts } from "../task/value_parts.ts";
import type { CodeStore } from "./code_store.ts";
import { BucketNotFound } from "./errors/bucket_errors.ts";
import { StagingError, TaskEncodingError } from "./errors/staging_errors.ts";
import type { RunIds } from "./run_ids.ts";

/**
 * A task ready to be invoked.
 *
 * @example
 * ```ts
 * import type { EncodedTask } from "@covalent/awslambda";
 * const spilled = (task: EncodedTask) => "key" in task.args;
 * ```
 */
export interface EncodedTask {
  /** The run. */
  readonly ids: RunIds;
  /** The code: inline source, or the key of the stored module bundle. */
  readonly code: {
    readonly kind: "function" | "module";
    readonly hash: string;
    readonly exportName?: string;
    readonly source?: string;
    readonly key?: string;
  };
  /** The arguments: inline value-codec text, or the key and size of the spilled object. */
  readonly args: { readonly inline: string } | { readonly key: string; readonly bytes: number };
  /** Where the function writes an outcome that does not travel back inline. */
  readonly outcomeKey: string;
}

/**
 * How to encode.
 *
 * @example
 * ```ts
 * import type { EncodeSettings } from "@covalent/awslambda";
 * declare const codeStore: EncodeSettings["codeStore"];
 * const settings: EncodeSettings = { bucket: "b", region: "us-east-1", cacheDir: "/tmp/c", inlineLimit: 6_000_000, cleanup: true, codeStore };
 * ```
 */
export interface EncodeSettings {
  /** Staging bucket (for spilled arguments and module bundles). */
  readonly bucket: string;
  /** Its region, for messages. */
  readonly region: string;
  /** Where module bundles are cached locally. */
  readonly cacheDir: string;
  /** Largest event sent inline, bytes. */
  readonly inlineLimit: number;
  /** Remove spilled arguments when the scope closes. */
  readonly cleanup: boolean;
  /**
   * With `cleanup`: takes the key of spilled arguments, which the caller then removes as the
   * scope closes (with its other objects, in one request), instead of a removal of encode's own.
   */
  readonly removeOnClose?: (key: string) => Effect.Effect<void, never, Scope.Scope | S3Api>;
  /** The executor's store of module bundles. */
  readonly codeStore: CodeStore;
}

/** Room the event's envelope (URLs, ids, format tags) takes besides code and arguments. */
const ENVELOPE_BYTES = 8 * 1024;

/**
 * Encodes a task: refuses what would not survive the trip (`TaskEncodingError`) before
 * anything is sent, stores a module bundle once, and spills arguments that do not fit inline
 * (removed when the scope closes, with cleanup on).
 *
 * @example
 * ```ts
 * import { Effect } from "effect";
 * import { encode, type EncodeSettings, type RunIds } from "@covalent/awslambda";
 * declare const ids: RunIds, settings: EncodeSettings;
 * const encoded = Effect.scoped(encode((a: number, b: number) => a + b, [1, 2], ids, settings));
 * ```
 */
export const encode: (
  task: Task,
  args: readonly unknown[],
  ids: RunIds,
  settings: EncodeSettings,
) => Effect.Effect<EncodedTask, TaskEncodingError | StagingError | BucketNotFound, S3Api | Scope.Scope> =
  Effect
    .fnUntraced(function* (task: Task, args: readonly unknown[], ids: RunIds, settings: EncodeSettings) {
      if (!Array.isArray(args)) {
        return yield* new TaskEncodingError({
          path: "args",
          reason: args,
          message: "The arguments must be an array (one element per parameter).",
        });
      }
      const code = yield* Effect.tryPromise({
        try: () => encodeTaskCode(task, settings.cacheDir),
        catch: (problem) => encodingError(problem, "task"),
      });
      const s3 = yield* S3Api;
      const stagingError = (key: string) => (reason: AwsError) =>
        reason.reason._tag === "NotFound"
          ? new BucketNotFound({ bucket: settings.bucket, region: settings.region })
          : new StagingError({ taskId: ids.taskId, bucket: settings.bucket, key, reason });
      // Bundles, and function sources too large to leave room for arguments, are stored once per hash.
      const stored = code.kind === "module" || Buffer.byteLength(code.code) > settings.inlineLimit / 2;
      const codeRef: EncodedTask["code"] = stored
        ? {
          ...pick(code),
          key: yield* settings.codeStore.keyFor(code.hash, code.code).pipe(
            Effect.mapError(stagingError("code")),
          ),
        }
        : { ...pick(code), source: code.code };
      const room = settings.inlineLimit - ENVELOPE_BYTES - Buffer.byteLength(codeRef.source ?? "");
      // Inline first (one walk for the usual small arguments); too large for the room, they are
      // spilled as binary parts instead.
      const inline = room <= 0 ? undefined : yield* Effect.try({
        try: () => encodeValue(args, "args", { maxBytes: room }),
        catch: (problem) => problem,
      }).pipe(
        Effect.map((text): string | undefined => text),
        Effect.catch((problem) =>
          problem instanceof UnencodableValue && problem.limit !== undefined
            ? Effect.succeed(undefined)
            : Effect.fail(encodingError(problem, "args"))
        ),
      );
      if (inline !== undefined && Buffer.byteLength(inline) <= room) {
        return { ids, code: codeRef, args: { inline }, outcomeKey: `${ids.keyBase}/outcome.bin` };
      }
      const parts = yield* Effect.try({
        try: () => encodeValueParts(args, "args"),
        catch: (problem) => encodingError(problem, "args"),
      });
      const key = `${ids.keyBase}/args.bin`;
      if (settings.cleanup) {
        yield* settings.removeOnClose?.(key) ??
          Effect.addFinalizer(() => removeQuietly(settings.bucket, [key]));
      }
      yield* s3.putPieces(settings.bucket, key, parts.pieces, parts.byteLength).pipe(
        Effect.mapError(stagingError(key)),
      );
      yield* Effect.logDebug(
        `spilled ${parts.byteLength} bytes of arguments to s3://${settings.bucket}/${key}`,
      );
      return {
        ids,
        code: codeRef,
        args: { key, bytes: parts.byteLength },
        outcomeKey: `${ids.keyBase}/outcome.bin`,
      };
    });

function pick(code: TaskCode): { kind: TaskCode["kind"]; hash: string; exportName?: string } {
  return code.exportName === undefined
    ? { kind: code.kind, hash: code.hash }
    : { kind: code.kind, hash: code.hash, exportName: code.exportName };
}

function encodingError(problem: unknown, fallbackPath: string): TaskEncodingError {
  const path = (problem as { path?: string }).path ?? fallbackPath;
  const message = (problem as Error).message;
  return new TaskEncodingError({
    path,
    reason: problem,
    message: fallbackPath === "args" && !message.startsWith("Cannot")
      ? `Cannot send ${path} to Lambda: ${message}`
      : message,
  });
}

/** Deletes objects; failures become warnings (a lifecycle rule or `sweep` catches the rest). */
export function removeQuietly(bucket: string, keys: readonly string[]): Effect.Effect<void, never, S3Api> {
  return S3Api.use((s3) => s3.deleteObjects(bucket, keys)).pipe(
    Effect.flatMap((left) =>
      left.length === 0
        ? Effect.void
        : Effect.logWarning(`could not remove ${left.map((e) => `${e.key} (${e.code})`).join(", ")}`)
    ),
    Effect.catch((error) => Effect.logWarning(`could not remove ${keys.join(", ")}: ${error.message}`)),
  );
}
