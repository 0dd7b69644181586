/**
 * The bench's one table: each row a measure, ours, the floor, their ratio (ours ÷ floor), the
 * issue's target and whether it holds.
 *
 * @module
 */
import type { Outcome } from "./outcome.ts";

/** One printed row. */
export interface Row {
  readonly measure: string;
  readonly ours: string;
  readonly floor: string;
  readonly ratio: string;
  readonly target: string;
  /** `✓`, `✗`, or empty when the row has no target. */
  readonly verdict: string;
  /** The figures behind it, for results.json. */
  readonly figures: { readonly ours?: number; readonly floor?: number; readonly ratio?: number };
}

/** A target on a row's figures. */
export interface Target {
  readonly text: string;
  holds(figures: { ours: number; floor: number; ratio: number }): boolean;
}

/** Formats a figure with its unit. */
export function figure(value: number, unit: string, digits: number): string {
  if (unit === "$") return `$${value.toFixed(digits)}`;
  return `${value.toFixed(digits)}${unit === "" ? "" : ` ${unit}`}`;
}

/** A row comparing ours with a floor: ratio ours ÷ floor, and the target checked when both exist. */
export function comparison(
  measure: string,
  ours: Outcome<number>,
  floor: Outcome<number>,
  format: { unit: string; digits: number; floorLabel?: string },
  target?: Target,
): Row {
  const cell = (outcome: Outcome<number>) =>
    outcome.ok ? figure(outcome.value, format.unit, format.digits) : `failed: ${outcome.message}`;
  const floorCell = format.floorLabel && floor.ok ? `${cell(floor)} (${format.floorLabel})` : cell(floor);
  if (!ours.ok || !floor.ok) {
    return {
      measure,
      ours: cell(ours),
      floor: floorCell,
      ratio: "—",
      target: target?.text ?? "—",
      verdict: target ? "✗" : "",
      figures: { ours: ours.ok ? ours.value : undefined, floor: floor.ok ? floor.value : undefined },
    };
  }
  const ratio = floor.value === 0 ? (ours.value === 0 ? 1 : Infinity) : ours.value / floor.value;
  const holds = target?.holds({ ours: ours.value, floor: floor.value, ratio });
  return {
    measure,
    ours: cell(ours),
    floor: floorCell,
    ratio: Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : "∞",
    target: target?.text ?? "—",
    verdict: holds === undefined ? "" : holds ? "✓" : "✗",
    figures: { ours: ours.value, floor: floor.value, ratio },
  };
}

/** A row whose result is a sentence (the 250 MB argument). */
export function verdictRow(measure: string, ours: string, holds: boolean, target: string): Row {
  return { measure, ours, floor: "—", ratio: "—", target, verdict: holds ? "✓" : "✗", figures: {} };
}

const HEADERS = ["measure", "ours", "floor", "ratio", "target", ""] as const;

/** The table as text, columns padded (cells longer than 60 characters are cut). */
export function formatTable(rows: readonly Row[]): string {
  const cells = rows.map((row) =>
    [row.measure, row.ours, row.floor, row.ratio, row.target, row.verdict].map((cell) =>
      cell.length > 60 ? `${cell.slice(0, 59)}…` : cell
    )
  );
  const widths = HEADERS.map((header, i) => Math.max(header.length, ...cells.map((row) => row[i].length)));
  const line = (row: readonly string[]) => row.map((cell, i) => cell.padEnd(widths[i])).join(" │ ").trimEnd();
  const rule = widths.map((width) => "─".repeat(width)).join("─┼─");
  return [line(HEADERS), rule, ...cells.map(line)].join("\n");
}

/** The table as Markdown, for docs/PERFORMANCE.md. */
export function formatMarkdown(rows: readonly Row[]): string {
  const escape = (cell: string) => cell.replaceAll("|", "\\|");
  return [
    "| measure | ours | floor | ratio | target | |",
    "|---|---|---|---|---|---|",
    ...rows.map((row) =>
      `| ${[row.measure, row.ours, row.floor, row.ratio, row.target, row.verdict].map(escape).join(" | ")} |`
    ),
  ].join("\n");
}
