/**
 * The Node built-ins the bootstrap's parts receive as arguments. The parts are stringified and
 * run in the function's process, so they may not close over anything of the module they are
 * written in: every dependency arrives through these parameters.
 *
 * @module
 */
import type * as fs from "node:fs";
import type * as http from "node:http";
import type * as nodeModule from "node:module";
import type * as path from "node:path";
import type nodeProcess from "node:process";
import type * as url from "node:url";
import type * as util from "node:util";
import type * as workerThreads from "node:worker_threads";

/** The built-in modules the bootstrap imports and hands to its parts. */
export interface BootstrapModules {
  /** `node:fs`. */
  readonly fs: typeof fs;
  /** `node:http`. */
  readonly http: typeof http;
  /** `node:module` (for `createRequire`). */
  readonly module: typeof nodeModule;
  /** `node:path`. */
  readonly path: typeof path;
  /** `node:process` (its default export). */
  readonly process: typeof nodeProcess;
  /** `node:url`. */
  readonly url: typeof url;
  /** `node:util`. */
  readonly util: typeof util;
  /** `node:worker_threads`. */
  readonly workerThreads: typeof workerThreads;
}

/** The `{errorType, errorMessage, trace}` object the Runtime API receives for an error. */
export interface RapidError {
  /** The error's name, or the type of a thrown non-error. */
  readonly errorType: string;
  /** The error's message. */
  readonly errorMessage: string;
  /** The stack, one line per entry. */
  readonly trace?: readonly string[];
}

/** A Lambda function handler as the Node.js runtime calls it. */
export type LambdaHandler = (
  event: unknown,
  context: Record<string, unknown>,
  callback: (error?: unknown, result?: unknown) => void,
) => unknown;
