/**
 * The functions of the account, and the timers that move them from Pending to Active and
 * from an update InProgress to Successful.
 *
 * @module
 */
import type { FunctionRecord } from "./function_record.ts";

/** The account's functions by name. */
export interface FunctionRegistry {
  /** The function with this name. */
  get(name: string): FunctionRecord | undefined;
  /** Every function, ordered by name. */
  list(): FunctionRecord[];
  /**
   * Claims a name for a function being created; false when it is taken (or being created).
   * Follow with `add` or `release`.
   */
  reserve(name: string): boolean;
  /** Gives up a reserved name. */
  release(name: string): void;
  /** Adds a function whose name was reserved. */
  add(record: FunctionRecord): void;
  /** Removes a function and cancels its timer; returns it when it existed. */
  remove(name: string): FunctionRecord | undefined;
  /** Runs `action` after `ms`, replacing the function's pending timer. */
  schedule(name: string, ms: number, action: () => void): void;
  /** Cancels every timer; nothing scheduled runs afterwards. */
  close(): void;
}

/** Creates an empty registry. */
export function createFunctionRegistry(): FunctionRegistry {
  const functions = new Map<string, FunctionRecord>();
  const reserved = new Set<string>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let closed = false;

  const cancel = (name: string) => {
    const timer = timers.get(name);
    if (timer !== undefined) clearTimeout(timer);
    timers.delete(name);
  };

  return {
    get: (name) => functions.get(name),
    list: () => [...functions.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    reserve(name) {
      if (functions.has(name) || reserved.has(name)) return false;
      reserved.add(name);
      return true;
    },
    release: (name) => void reserved.delete(name),
    add(record) {
      reserved.delete(record.name);
      functions.set(record.name, record);
    },
    remove(name) {
      cancel(name);
      const record = functions.get(name);
      functions.delete(name);
      return record;
    },
    schedule(name, ms, action) {
      if (closed) return;
      cancel(name);
      timers.set(
        name,
        setTimeout(() => {
          timers.delete(name);
          action();
        }, ms),
      );
    },
    close() {
      closed = true;
      for (const name of [...timers.keys()]) cancel(name);
    },
  };
}
