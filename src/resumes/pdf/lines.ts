import type { PdfPage, TextItem } from "./extract.ts";

/** A visual line of text in reading order, with the pieces it was assembled from. */
export interface Line {
  page: number;
  /** 0 for single-column pages; 1 and 2 for the left and right column of a two-column page. */
  column: number;
  text: string;
  /** Runs of text separated by wide gaps (a right-aligned date, a second column of a table). */
  segments: string[];
  x: number;
  y: number;
  fontSize: number;
  bold: boolean;
  /** Distance from the previous line of the same column, in multiples of the font size (0 for the first). */
  gapBefore: number;
  /** In the top or bottom 6% of the page: a running header or footer. */
  margin: boolean;
}

const BIN = 2;

/** Groups a page's text items into lines in reading order, detecting a two-column layout. */
export function pageLines(page: PdfPage): Line[] {
  const rows = groupRows(page.items);
  const gutter = findGutter(rows, page.width);
  if (gutter === undefined) return rowsToLines(rows, page, 0);
  const left: TextItem[][] = [];
  const right: TextItem[][] = [];
  for (const row of rows) {
    const l = row.filter((item) => item.x + item.width / 2 < gutter);
    const r = row.filter((item) => item.x + item.width / 2 >= gutter);
    if (l.length) left.push(l);
    if (r.length) right.push(r);
  }
  return [...rowsToLines(left, page, 1), ...rowsToLines(right, page, 2)];
}

function groupRows(items: TextItem[]): TextItem[][] {
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: TextItem[][] = [];
  for (const item of sorted) {
    const row = rows.at(-1);
    const anchor = row?.[0];
    if (
      row &&
      anchor &&
      Math.abs(item.y - anchor.y) <= Math.max(2, Math.min(item.fontSize, anchor.fontSize) * 0.45)
    ) {
      row.push(item);
    } else {
      rows.push([item]);
    }
  }
  for (const row of rows) row.sort((a, b) => a.x - b.x);
  return rows;
}

/**
 * A vertical band in the middle of the page that almost no row crosses, with text on both sides in many
 * rows, is the gutter between two columns.
 */
function findGutter(rows: TextItem[][], width: number): number | undefined {
  if (rows.length < 8) return undefined;
  const bins = Math.ceil(width / BIN);
  const cover = new Array<number>(bins).fill(0);
  for (const row of rows) {
    const seen = new Set<number>();
    for (const item of row) {
      const from = Math.max(0, Math.floor(item.x / BIN));
      const to = Math.min(bins - 1, Math.ceil((item.x + item.width) / BIN));
      for (let b = from; b <= to; b++) seen.add(b);
    }
    for (const b of seen) cover[b] = (cover[b] ?? 0) + 1;
  }
  const limit = Math.max(1, Math.floor(rows.length * 0.04));
  let best: { start: number; end: number } | undefined;
  let start = -1;
  const lo = Math.floor((width * 0.18) / BIN);
  const hi = Math.ceil((width * 0.82) / BIN);
  for (let b = lo; b <= hi + 1; b++) {
    const open = b <= hi && (cover[b] ?? 0) <= limit;
    if (open && start < 0) start = b;
    if (!open && start >= 0) {
      if (!best || b - start > best.end - best.start) best = { start, end: b };
      start = -1;
    }
  }
  if (!best || (best.end - best.start) * BIN < 8) return undefined;
  const gutter = ((best.start + best.end) / 2) * BIN;
  const both = (side: (item: TextItem) => boolean) => rows.filter((row) => row.some(side)).length;
  const leftRows = both((item) => item.x + item.width < gutter);
  const rightRows = both((item) => item.x > gutter);
  return leftRows >= rows.length * 0.2 && rightRows >= rows.length * 0.2 ? gutter : undefined;
}

function rowsToLines(rows: TextItem[][], page: PdfPage, column: number): Line[] {
  const lines: Line[] = [];
  let previous: Line | undefined;
  for (const row of rows) {
    const segments: string[] = [];
    let current = "";
    let end = Number.NEGATIVE_INFINITY;
    let size = 0;
    for (const item of row) {
      const gap = item.x - end;
      size = Math.max(size, item.fontSize);
      if (current === "") {
        current = item.text;
      } else if (gap > item.fontSize * 2.2) {
        segments.push(current.trim());
        current = item.text;
      } else {
        const needsSpace = gap > item.fontSize * 0.12 && !current.endsWith(" ") && !item.text.startsWith(" ");
        current += (needsSpace ? " " : "") + item.text;
      }
      end = item.x + item.width;
    }
    if (current.trim()) segments.push(current.trim());
    const clean = segments.map(collapse).filter(Boolean);
    if (clean.length === 0) continue;
    const first = row[0] as TextItem;
    const y = first.y;
    const line: Line = {
      page: page.number,
      column,
      text: clean.join(" "),
      segments: clean,
      x: first.x,
      y,
      fontSize: size,
      bold: row.every((item) => item.bold),
      gapBefore: previous ? (y - previous.y) / Math.max(size, 1) : 0,
      margin: y < page.height * 0.06 || y > page.height * 0.94,
    };
    lines.push(line);
    previous = line;
  }
  return lines;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
