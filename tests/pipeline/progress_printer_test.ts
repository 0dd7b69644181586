import { match, ok, strictEqual as equal } from "node:assert/strict";
import { describe, test } from "node:test";
import { progressPrinter } from "../../mod.ts";

/** The terminal's erase-to-end-of-line sequence, written out so an assertion can name it. */
function shownErase(text: string): string {
  return text.replaceAll("\x1b[K", "<erase line>");
}

function recorder(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, columns: 100, write: (text: string) => void written.push(text) } };
}

describe("progressPrinter()", () => {
  test("progressPrinter() draws a bar with counts on a terminal and ends the line when all are done", () => {
    const { written, stream } = recorder(true);
    const print = progressPrinter({ label: "squares", stream });
    print({ done: 0, failed: 0, running: 2, queued: 2, total: 4 });
    print({ done: 3, failed: 1, running: 0, queued: 0, total: 4 });
    equal(written.length, 2);
    match(written[0], /^\r\[\.+\] squares: 0\/4 \(0 failed, 2 running\), [\d.]+ s so far/);
    match(
      shownErase(written[1]),
      /^\r\[#+\] squares: 4\/4 \(1 failed, 0 running\), [\d.]+ s so far<erase line>\n$/,
    );
  });

  test("progressPrinter() writes plain lines, at most one per interval, and always the last, elsewhere", () => {
    const { written, stream } = recorder(false);
    const print = progressPrinter({ stream, everyMs: 60_000 });
    print({ done: 1, failed: 0, running: 1, queued: 8, total: 10 });
    print({ done: 2, failed: 0, running: 1, queued: 7, total: 10 });
    print({ done: 10, failed: 0, running: 0, queued: 0, total: 10 });
    equal(written.length, 2);
    match(written[0], /^1\/10 \(0 failed, 1 running\), about [\d.]+ s left, [\d.]+ s so far\n$/);
    ok(written[1].startsWith("10/10"));
  });
});
