/**
 * Running asynchronous steps one after another per key (so two writes of one S3 key cannot
 * interleave their renames), while different keys proceed in parallel.
 *
 * @module
 */

/** Serializes work per key. */
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  /**
   * Runs `work` after every earlier `work` queued under the same key has settled.
   *
   * @param key What the work must not overlap on.
   * @param work The step to run.
   * @returns What `work` returns.
   */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.then(() => undefined, () => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}
