/** A period as printed: "YYYY-MM" when the month is given, "YYYY" when only the year is, or "present". */
export interface DateRange {
  start: string;
  end: string;
  /** Where the range stands in the text it was found in. */
  index: number;
  length: number;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const YEAR = "((?:19|20)\\d{2})";
// A single date: "Mar 2019", "March, 2019", "03/2019", "3.2019", "2019-03", "2019/03", "2019".
const DATE = `(?:${MONTH},?\\s+${YEAR}|(\\d{1,2})[/.]${YEAR}|${YEAR}[-/.](\\d{1,2})(?!\\d)|${YEAR})`;
const PRESENT = "(present|current|now|today|ongoing|date|heute|actual)";
const SEPARATOR = "\\s*(?:–|—|-|‒|−|~|to|until|till|through|thru)\\s*";

const RANGE = new RegExp(`(?<![\\w/])${DATE}${SEPARATOR}(?:${DATE}|${PRESENT})(?![\\w/])`, "giu");
const SINCE = new RegExp(`(?<![\\w/])(?:since|from)\\s+${DATE}(?![\\w/])`, "giu");
const SINGLE = new RegExp(`(?<![\\w/])${DATE}(?![\\w/])`, "giu");

/** Parses one DATE's capture groups (month name, year | month, year | year, month | year). */
function dateFrom(groups: (string | undefined)[]): string | undefined {
  const [monthName, year1, monthNumber, year2, year3, monthAfter, year4] = groups;
  if (monthName && year1) return `${year1}-${pad(MONTHS[monthName.toLowerCase().replace(".", "")] ?? 0)}`;
  if (monthNumber && year2)
    return validMonth(Number(monthNumber)) ? `${year2}-${pad(Number(monthNumber))}` : undefined;
  if (year3 && monthAfter)
    return validMonth(Number(monthAfter)) ? `${year3}-${pad(Number(monthAfter))}` : undefined;
  return year4;
}

const validMonth = (m: number) => m >= 1 && m <= 12;
const pad = (m: number) => String(m).padStart(2, "0");

/** Every date range in the text, in order: "Mar 2019 – Present", "2017 – 2019", "Since 2021"… */
export function findDateRanges(text: string): DateRange[] {
  const found: DateRange[] = [];
  for (const match of text.matchAll(RANGE)) {
    const start = dateFrom(match.slice(1, 8));
    const present = match[15];
    const end = present ? "present" : dateFrom(match.slice(8, 15));
    if (start && end && (end === "present" || end >= start.slice(0, end.length))) {
      found.push({ start, end, index: match.index ?? 0, length: match[0].length });
    }
  }
  for (const match of text.matchAll(SINCE)) {
    const start = dateFrom(match.slice(1, 8));
    const index = match.index ?? 0;
    if (start && !found.some((r) => overlaps(r, index, match[0].length))) {
      found.push({ start, end: "present", index, length: match[0].length });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** A lone date ("May 2015", "2015") — for degrees that print only a graduation date. */
export function findSingleDate(text: string): { date: string; index: number; length: number } | undefined {
  for (const match of text.matchAll(SINGLE)) {
    const date = dateFrom(match.slice(1, 8));
    if (date) return { date, index: match.index ?? 0, length: match[0].length };
  }
  return undefined;
}

function overlaps(range: DateRange, index: number, length: number): boolean {
  return index < range.index + range.length && range.index < index + length;
}

/** Months from a start to an end ("present" is `today`), counting both ends' months. */
export function monthIndex(date: string, today: Date): number {
  if (date === "present") return today.getUTCFullYear() * 12 + today.getUTCMonth();
  const [year, month] = date.split("-").map(Number);
  return (year ?? 0) * 12 + ((month ?? 1) - 1);
}

/**
 * Years of experience from the union of date ranges, so overlapping jobs count once. A year printed alone
 * counts from January (start) or to December (end).
 */
export function yearsCovered(ranges: { start: string; end: string }[], today = new Date()): number {
  const intervals = ranges
    .map((r) => {
      const start = monthIndex(r.start, today);
      const end = r.end.length === 4 ? monthIndex(`${r.end}-12`, today) : monthIndex(r.end, today);
      return [start, Math.min(end, monthIndex("present", today))] as const;
    })
    .filter(([s, e]) => e >= s)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let current: [number, number] | undefined;
  for (const [s, e] of intervals) {
    if (current && s <= current[1] + 1) {
      current[1] = Math.max(current[1], e);
    } else {
      if (current) total += current[1] - current[0] + 1;
      current = [s, e];
    }
  }
  if (current) total += current[1] - current[0] + 1;
  return Math.floor(total / 12);
}
