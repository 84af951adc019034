import type { Line } from "../pdf/lines.ts";
import { stripIcons } from "./contact.ts";
import { type DateRange, findDateRanges } from "./dates.ts";

const BULLET = /^\s*(?:[•●▪▫■□◦○·∙‣⁃–—*>✓✔➢➤►▶-]|\d{1,2}[.)])\s+/u;

export interface BlockLine {
  text: string;
  /** The text as printed, segments joined by a tab (a right-aligned date is its own segment). */
  segments: string[];
  bullet: boolean;
  bold: boolean;
  dates: DateRange[];
  gapBefore: number;
}

export function toBlockLines(lines: Line[]): BlockLine[] {
  return lines.map((line) => {
    const text = stripIcons(line.text);
    const bullet = BULLET.test(text);
    return {
      text: bullet ? text.replace(BULLET, "").trim() : text,
      segments: line.segments.map(stripIcons).filter(Boolean),
      bullet,
      bold: line.bold,
      dates: findDateRanges(text),
      gapBefore: line.gapBefore,
    };
  });
}

/** Merges wrapped lines into the bullet or sentence they continue. */
export function joinWrapped(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const previous = out.at(-1);
    const continues =
      previous !== undefined &&
      (/^[\p{Ll}(&,]/u.test(line) || (!/[.!?:;]$/.test(previous) && previous.length > 55));
    if (continues && previous !== undefined)
      out[out.length - 1] = `${previous}${previous.endsWith("-") ? "" : " "}${line}`;
    else out.push(line);
  }
  return out;
}

export function removeRange(text: string, range: DateRange | undefined): string {
  if (!range) return text;
  return `${text.slice(0, range.index)} ${text.slice(range.index + range.length)}`
    .replace(/\(\s*\)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Splits a header line into its parts: "Title — Company | City, ST" → ["Title", "Company", "City, ST"]. */
export function splitParts(text: string): string[] {
  return text
    .split(/\s+[—–|·•]\s+|\s+-\s+|\s*\|\s*|\s{2,}|\t|\s+at\s+|\s+@\s+/)
    .map((p) => p.replace(/^[,;:\s]+|[,;:\s]+$/g, "").trim())
    .filter((p) => p.length > 0);
}
