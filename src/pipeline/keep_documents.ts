/**
 * With `cleanup = false`, a run's documents are kept for inspection: what travelled inline
 * is written to the cache directory (what was spilled stays in the bucket, under the same
 * prefix). Presigned URLs are never written: they are credentials.
 *
 * @module
 */
import { Effect } from "effect";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { EncodedTask } from "./encode.ts";
import type { InvocationReply } from "./invoke.ts";

/** The local folder of a run's kept documents: `<cacheDir>/covalent-awslambda/<dispatch>/<node>-<run>/`. */
export function keptDocumentsDir(cacheDir: string, encoded: EncodedTask): string {
  return join(cacheDir, encoded.ids.keyBase);
}

/** Writes `task.json` (code and arguments, or their keys) and `answer.json`; failures become warnings. */
export function keepDocuments(
  cacheDir: string,
  encoded: EncodedTask,
  reply: InvocationReply,
): Effect.Effect<void> {
  const dir = keptDocumentsDir(cacheDir, encoded);
  const answer = reply._tag === "Answered" ? reply.answer : {
    dropped: `the Invoke connection broke after ${Math.round(reply.afterMs)} ms: ${reply.reason.message}`,
  };
  return Effect.tryPromise(async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, "task.json"),
      JSON.stringify({ ids: encoded.ids, code: encoded.code, args: encoded.args }),
    );
    await writeFile(join(dir, "answer.json"), JSON.stringify(answer));
  }).pipe(
    Effect.catch((error) => Effect.logWarning(`could not keep the documents of the run in ${dir}: ${error}`)),
  );
}
