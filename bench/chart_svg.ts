/**
 * A hand-written SVG bar chart: horizontal bars in panels, each panel scaled to its own largest
 * value, every bar labelled with its figure.
 *
 * @module
 */
import { escapeXml } from "../src/local/xml/escape_xml.ts";

/** One bar. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Fill colour. */
  readonly color?: string;
}

/** A titled group of bars sharing one scale. */
export interface Panel {
  readonly title: string;
  readonly unit: string;
  readonly bars: readonly Bar[];
}

const WIDTH = 760;
const LABEL_WIDTH = 230;
const BAR_AREA = 420;
const BAR_HEIGHT = 20;
const GAP = 6;
const PANEL_HEAD = 30;

/** Renders the panels one under the other, with a title and a footnote. */
export function barChart(title: string, panels: readonly Panel[], footnote: string): string {
  const parts: string[] = [];
  let y = 40;
  for (const panel of panels) {
    parts.push(
      `<text x="10" y="${y + 18}" font-size="14" font-weight="bold">${escapeXml(panel.title)}</text>`,
    );
    y += PANEL_HEAD;
    const max = Math.max(...panel.bars.map((bar) => bar.value), Number.MIN_VALUE);
    if (panel.bars.length === 0) {
      parts.push(
        `<text x="${LABEL_WIDTH}" y="${y + 14}" font-size="12" fill="#a00">no figures (failed)</text>`,
      );
      y += BAR_HEIGHT + GAP;
    }
    for (const bar of panel.bars) {
      const width = Math.max(1, (bar.value / max) * BAR_AREA);
      parts.push(
        `<text x="${LABEL_WIDTH - 8}" y="${y + 14}" font-size="12" text-anchor="end">${
          escapeXml(bar.label)
        }</text>`,
        `<rect x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${
          bar.color ?? "#4a7bb7"
        }"/>`,
        `<text x="${(LABEL_WIDTH + width + 6).toFixed(1)}" y="${y + 14}" font-size="12">${
          escapeXml(`${bar.value.toFixed(bar.value < 10 ? 2 : 1)} ${panel.unit}`)
        }</text>`,
      );
      y += BAR_HEIGHT + GAP;
    }
    y += 10;
  }
  const height = y + 30;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="24" font-size="16" font-weight="bold">${escapeXml(title)}</text>`,
    ...parts,
    `<text x="10" y="${height - 10}" font-size="11" fill="#555">${escapeXml(footnote)}</text>`,
    `</svg>`,
    "",
  ].join("\n");
}
