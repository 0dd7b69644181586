/**
 * Bundles the Lambda runtime (`src/runtime/handler.ts` and what it imports) into one ES
 * module and writes it to `src/runtime/runtime_source.ts` as a string constant, so the library
 * can zip it without reading files at run time (it may be loaded from JSR over https).
 *
 * Run `deno task build:runtime` after changing src/runtime/ or the value codec; a test fails
 * when the committed file is stale.
 *
 * @module
 */
import { bundleRuntime } from "./runtime_bundle.ts";

const target = new URL("../src/runtime/runtime_source.ts", import.meta.url);
const source = await bundleRuntime();
await Deno.writeTextFile(target, source);
console.log(`wrote ${target.pathname} (${source.length} characters)`);
