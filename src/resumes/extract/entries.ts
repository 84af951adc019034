import type { Line } from "../pdf/lines.ts";
import { type BlockLine, joinWrapped, removeRange, splitParts, toBlockLines } from "./blocks.ts";
import { findDateRanges, findSingleDate } from "./dates.ts";
import { isLocation } from "./places.ts";

export interface ExperienceEntry {
  company: string;
  title: string;
  start: string | null;
  end: string | null;
  bullets: string[];
}

export interface EducationEntry {
  institution: string;
  degree: string | null;
  field: string | null;
  start: string | null;
  end: string | null;
  gpa: string | null;
}

export interface ProjectEntry {
  name: string;
  description: string;
}

const TITLE_WORDS =
  /\b(engineer|developer|programmer|manager|analyst|scientist|designer|specialist|intern|internship|consultant|director|lead|head|architect|administrator|admin|coordinator|associate|assistant|officer|executive|representative|strategist|marketer|accountant|auditor|researcher|teacher|tutor|tester|qa|owner|vp|vice president|president|founder|co-founder|cto|ceo|cfo|coo|technician|writer|editor|recruiter|advisor|adviser|sre|devops|contractor|freelancer|freelance|fellow|trainee|apprentice|supervisor|partner|principal|staff|member|volunteer|controller|bookkeeper|clerk|agent|planner|buyer|producer|copywriter|instructor|professor|lecturer|student|nurse|chef|evangelist|advocate|expert|leader)\b/i;
const COMPANY_WORDS =
  /\b(inc|llc|ltd|corp|corporation|company|co|gmbh|ag|sa|s\.a|plc|group|technologies|technology|tech|labs|lab|solutions|systems|bank|agency|studio|studios|partners|consulting|consultancy|foundation|institute|hospital|limited|pvt|srl|bv|llp|lp|pllc|software|digital|media|health|capital|ventures|networks|services|industries|holdings|global|international|university|college|school)\b\.?/i;

/** Experience entries: each is anchored on the line that carries its date range. */
export function extractExperience(lines: Line[]): ExperienceEntry[] {
  const blockLines = toBlockLines(lines);
  const entries: (Omit<ExperienceEntry, "start" | "end"> & {
    start: string | null;
    end: string | null;
    pending: string[];
  })[] = [];
  let headerBuffer: BlockLine[] = [];

  const flushBuffer = () => {
    // Non-bullet lines that did not start an entry: a wrapped or unbulleted description of the last one.
    const last = entries.at(-1);
    if (last) for (const line of headerBuffer) last.pending.push(line.text);
    headerBuffer = [];
  };

  for (let i = 0; i < blockLines.length; i++) {
    const line = blockLines[i] as BlockLine;
    if (isTableHeading(line.segments)) continue;
    if (line.bullet) {
      // Short lines right before bullets, with no date anywhere near: a job printed without dates.
      if (
        headerBuffer.length > 0 &&
        headerBuffer.every((l) => l.text.length <= 90 && !/[.!]$/.test(l.text))
      ) {
        const { title, company } = titleAndCompany(headerBuffer.map((l) => l.text));
        entries.push({ title, company, start: null, end: null, bullets: [], pending: [] });
        headerBuffer = [];
      }
      flushBuffer();
      entries.at(-1)?.pending.push(`\u2022${line.text}`);
      continue;
    }
    const range = line.dates[0];
    if (!range) {
      headerBuffer.push(line);
      // A header line waits for its date on the next line; a long sentence is description.
      if (headerBuffer.length > 2 || line.text.length > 90 || /[.!]$/.test(line.text)) flushBuffer();
      continue;
    }
    // This line has the period: it and up to two header lines around it describe one job.
    const before = headerBuffer.slice(-2);
    headerBuffer = [];
    const after: BlockLine[] = [];
    const next = blockLines[i + 1];
    if (
      before.length < 2 &&
      next &&
      !next.bullet &&
      next.dates.length === 0 &&
      next.text.length <= 90 &&
      !/[.!]$/.test(next.text)
    ) {
      after.push(next);
      i++;
    }
    // Segments stay apart ("New York, NY" | "Hudson Ridge Capital" in a table row); the date goes.
    const segmentsOf = (l: BlockLine) => l.segments.join("  ");
    const dateLine = line.segments
      .map((segment) => removeRange(segment, findDateRanges(segment)[0]))
      .filter(Boolean)
      .join("  ");
    const headerTexts = [...before.map(segmentsOf), dateLine, ...after.map(segmentsOf)];
    const { title, company } = titleAndCompany(headerTexts);
    entries.push({
      title,
      company,
      start: range.start,
      end: range.end,
      bullets: [],
      pending: [],
    });
  }
  flushBuffer();
  return entries.map(({ title, company, start, end, pending }) => ({
    company,
    title,
    start,
    end,
    bullets: bulletsFrom(pending),
  }));
}

function bulletsFrom(pending: string[]): string[] {
  const bullets: string[] = [];
  let loose: string[] = [];
  const flushLoose = () => {
    bullets.push(...joinWrapped(loose));
    loose = [];
  };
  for (const text of pending) {
    if (text.startsWith("\u2022")) {
      flushLoose();
      bullets.push(text.slice(1));
    } else if (bullets.length > 0 && loose.length === 0 && continuesBullet(bullets.at(-1) as string, text)) {
      bullets[bullets.length - 1] = `${bullets.at(-1)} ${text}`;
    } else {
      loose.push(text);
    }
  }
  flushLoose();
  return bullets.map((b) => b.replace(/\s+/g, " ").trim()).filter(Boolean);
}

function continuesBullet(previous: string, text: string): boolean {
  return /^[\p{Ll}(&,]/u.test(text) || !/[.!?;:]$/.test(previous);
}

// "Harbourline Ltd, London": a trailing city after the employer's name.
const TRAILING_CITY = /^(.+?),\s*([\p{Lu}][\p{L}'.-]+(?:[\s-][\p{Lu}][\p{L}'.-]+){0,2})$/u;

function withoutCity(raw: string): string {
  const company = raw.replace(/\s*\(([\p{Lu}][\p{L}'. -]+)\)$/u, (all, inner: string) =>
    COMPANY_WORDS.test(inner) ? all : "",
  );
  const match = TRAILING_CITY.exec(company);
  return match?.[1] && match[2] && !COMPANY_WORDS.test(match[2]) && !TITLE_WORDS.test(match[2])
    ? match[1]
    : company;
}

// Column headings of a table layout ("Dates | Position | Company"): not part of any job.
const TABLE_HEADINGS =
  /^(dates?|period|years?|position|role|title|job title|company|employer|organi[sz]ation|location|place|details|description)$/i;

export function isTableHeading(segments: string[]): boolean {
  return segments.length >= 2 && segments.every((s) => TABLE_HEADINGS.test(s.trim()));
}

/** Tells the job title from the employer among a header's parts. */
export function titleAndCompany(texts: string[]): { title: string; company: string } {
  const found = titleAndCompanyRaw(texts);
  return { title: found.title, company: withoutCity(found.company) };
}

/** "Senior Developer, Acme Ltd." holds both: split it when exactly one side reads as a job title. */
function splitTitleComma(part: string): string[] {
  const comma = part.indexOf(", ");
  if (comma < 0 || isLocation(part)) return [part];
  const left = part.slice(0, comma).trim();
  const right = part.slice(comma + 2).trim();
  const leftTitle = TITLE_WORDS.test(left) && !COMPANY_WORDS.test(left);
  const rightTitle = TITLE_WORDS.test(right) && !COMPANY_WORDS.test(right);
  return leftTitle !== rightTitle && left && right ? [left, right] : [part];
}

function titleAndCompanyRaw(texts: string[]): { title: string; company: string } {
  const all = texts.flatMap(splitParts).flatMap(splitTitleComma);
  const places = all.filter((p) => isLocation(p));
  const parts = all.filter((p) => !isLocation(p));
  // "Agência Pulso, São Paulo" looks like a place as a whole; when only a title is left, the employer is
  // the part before the comma.
  const lonePlace = places.find((p) => p.includes(",") && p.split(",")[0]?.trim().split(/\s+/).length !== 1);
  if (parts.length === 1 && lonePlace && TITLE_WORDS.test(parts[0] as string)) {
    return { title: parts[0] as string, company: lonePlace.slice(0, lonePlace.lastIndexOf(",")).trim() };
  }
  if (parts.length === 0) return { title: "", company: "" };
  if (parts.length === 1) {
    const only = parts[0] as string;
    const comma = only.match(/^(.+?),\s+(.+)$/);
    if (comma?.[1] && comma[2]) return assign(comma[1], comma[2]);
    return TITLE_WORDS.test(only) ? { title: only, company: "" } : { title: "", company: only };
  }
  const scored = parts.map((part, index) => ({
    part,
    index,
    title: (TITLE_WORDS.test(part) ? 2 : 0) - (COMPANY_WORDS.test(part) ? 1 : 0),
  }));
  const titleCandidate = [...scored].sort(
    (a, b) => b.title - a.title || a.index - b.index,
  )[0] as (typeof scored)[number];
  const others = scored.filter((s) => s.index !== titleCandidate.index);
  const company =
    others.find((s) => COMPANY_WORDS.test(s.part) && s.title < 2) ??
    others.find((s) => s.title < 2) ??
    others[0];
  return { title: titleCandidate.part, company: company?.part ?? "" };
}

function assign(a: string, b: string): { title: string; company: string } {
  const aTitle = TITLE_WORDS.test(a) && !COMPANY_WORDS.test(a);
  const bTitle = TITLE_WORDS.test(b) && !COMPANY_WORDS.test(b);
  if (bTitle && !aTitle) return { title: b, company: a };
  return { title: a, company: b };
}

const INSTITUTION =
  /\b(university|universit[éäa]t?|universidad|universidade|université|college|institute|institut|school|academy|polytechnic|politecnico|conservatory|instituto|istituto|universit[àa]|iit|mit|ucla|nyu|insa|[ée]cole|bootcamp|hochschule|escuela|faculty)\b/i;
const DEGREE =
  /\b(bachelor(?:'s)?(?: of [\p{L} ]+?)?|master(?:'s)?(?: of [\p{L} ]+?)?|doctor(?:ate)?(?: of [\p{L} ]+?)?|associate(?:'s)? degree|associate of [\p{L} ]+?|diploma|certificate|high school diploma|ph\.?\s?d\.?|m\.?\s?b\.?\s?a\.?|b\.?\s?s\.?\s?c?\.?|b\.?\s?a\.?|m\.?\s?s\.?\s?c?\.?|m\.?\s?a\.?|b\.?\s?tech|m\.?\s?tech|b\.?\s?e\.?|m\.?\s?e\.?|b\.?\s?eng\.?|m\.?\s?eng\.?|bba|b\.?\s?comp|b\.?\s?comm?\.?|m\.?\s?comm?\.?|llb|dipl[oô]me d['’]ing[ée]nieur|dipl\.?-ing|ll\.?m|j\.?d\.?|m\.?d\.?|a\.?\s?a\.?|a\.?\s?s\.?)\.?(?:\s*\((?:hons?|honou?rs|with honou?rs)\.?\))?(?=$|[\s,(–—-])/iu;
const GPA =
  /\b(?:c?gpa|cap|grade point average|grade)\s*[:-]?\s*(\d(?:[.,]\d{1,2})?)(?:\s*\/\s*\d(?:[.,]\d{1,2})?)?/i;

/** Education entries: one per institution. */
export function extractEducation(lines: Line[]): EducationEntry[] {
  const blockLines = toBlockLines(lines);
  const groups: BlockLine[][] = [];
  for (const line of joinEducationWraps(blockLines)) {
    const current = groups.at(-1);
    const has = (test: (l: BlockLine) => boolean) => current?.some(test) ?? false;
    // A second institution, degree or period in the same group starts the next entry, whichever comes first.
    const startsNew =
      !line.bullet &&
      ((INSTITUTION.test(line.text) && has((l) => INSTITUTION.test(l.text))) ||
        (DEGREE.test(line.text) && has((l) => DEGREE.test(l.text))) ||
        (line.dates.length > 0 && has((l) => l.dates.length > 0)));
    if (!current || startsNew) groups.push([line]);
    else current.push(line);
  }
  return groups
    .map((group) => educationFrom(group))
    .filter((entry): entry is EducationEntry => entry !== undefined);
}

function educationFrom(raw: BlockLine[]): EducationEntry | undefined {
  const group = joinEducationWraps(raw);
  const text = group.map((l) => l.text).join("\n");
  const institutionLine = group.find((l) => INSTITUTION.test(l.text));
  const range = group.flatMap((l) => l.dates)[0];
  const single = range ? undefined : findSingleDate(text);
  let institution = "";
  if (institutionLine) {
    const cleaned = removeRange(institutionLine.text, institutionLine.dates[0]);
    // Institutions keep their "at" ("University of Texas at Austin"): split on punctuation only.
    const parts = cleaned
      .split(/\s+[—–|·•]\s+|\s+-\s+|\s*\|\s*|\s{2,}|\t/)
      .map((p) => p.trim())
      .filter((p) => p && !isLocation(p));
    // "M.Sc. in Management, Technical University of Munich": degree and institution in one part.
    const pieces = parts.flatMap((p) => {
      const byComma = p.split(/,\s+/);
      return byComma.length > 1 &&
        byComma.some((c) => DEGREE.test(c)) &&
        byComma.some((c) => INSTITUTION.test(c))
        ? byComma
        : [p];
    });
    institution =
      pieces.find((p) => INSTITUTION.test(p) && !DEGREE.test(p.replace(INSTITUTION, ""))) ??
      pieces.find((p) => INSTITUTION.test(p)) ??
      "";
    const comma = institution.indexOf(",");
    if (comma > 0 && isLocation(institution.slice(comma + 1)))
      institution = institution.slice(0, comma).trim();
  }
  const { degree, field } = degreeAndField(
    group.filter((l) => l !== institutionLine || group.length === 1).map((l) => l.text),
    institution,
  );
  if (!institution && !degree) return undefined;
  const gpa = GPA.exec(text)?.[1]?.replace(",", ".") ?? null;
  return {
    institution,
    degree,
    field,
    start: range?.start ?? null,
    end: range ? range.end : (single?.date ?? null),
    gpa,
  };
}

const CONNECTOR_END = /\s(?:de|del|da|do|of|in|and|at|for|the|für|und|&)$/i;

/**
 * Narrow columns wrap "Universidad Politécnica de / Madrid" and "M.Sc. in Software / Engineering": a line
 * ending in a connecting word, or a degree line followed by a short line with no date, continues.
 */
function joinEducationWraps(lines: BlockLine[]): BlockLine[] {
  const out: BlockLine[] = [];
  for (const line of lines) {
    const previous = out.at(-1);
    const shortTail =
      previous !== undefined &&
      DEGREE.test(previous.text) &&
      previous.dates.length === 0 &&
      !/\d/.test(line.text) &&
      line.text.split(/\s+/).length <= 3 &&
      !INSTITUTION.test(line.text) &&
      !DEGREE.test(line.text) &&
      !GPA.test(line.text);
    const continues =
      previous !== undefined &&
      line.dates.length === 0 &&
      !line.bullet &&
      (CONNECTOR_END.test(previous.text) || shortTail);
    if (continues && previous) {
      out[out.length - 1] = {
        ...previous,
        text: `${previous.text} ${line.text}`,
        segments: [...previous.segments.slice(0, -1), `${previous.segments.at(-1) ?? ""} ${line.text}`],
      };
    } else {
      out.push(line);
    }
  }
  return out;
}

function degreeAndField(
  texts: string[],
  institution: string,
): { degree: string | null; field: string | null } {
  for (const raw of texts) {
    const text = raw.replace(institution, " ").replace(GPA, " ");
    const match = DEGREE.exec(text);
    if (!match) continue;
    const degreePhrase = match[0].trim();
    const degree = degreePhrase;
    const rest = text.slice((match.index ?? 0) + match[0].length).replace(/^\s*(?:in|of|,|–|—|-|:)?\s*/i, "");
    const fieldText = rest
      .split(/\s+[—–|·•]\s+|\s*[|,;(]\s*|\s{2,}/)[0]
      ?.replace(/\b(?:19|20)\d{2}\b.*$/, "")
      .replace(
        /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s*$/i,
        "",
      )
      .trim();
    return {
      degree,
      field: fieldText && fieldText.length > 1 && !INSTITUTION.test(fieldText) ? fieldText : null,
    };
  }
  return { degree: null, field: null };
}

/** Projects: a name line (bold, or short, or "Name — description") followed by its description. */
export function extractProjects(lines: Line[]): ProjectEntry[] {
  const projects: { name: string; description: string[] }[] = [];
  for (const line of toBlockLines(lines)) {
    const separated = /^([^:—–]{2,60}?)\s*(?::|\s[—–-]\s)\s*(.+)$/.exec(line.text);
    const isName =
      !line.bullet && (line.bold || (line.text.split(/\s+/).length <= 6 && !/[.!]$/.test(line.text)));
    if (
      !line.bullet &&
      separated?.[1] &&
      separated[2] &&
      (line.bold || separated[1].split(/\s+/).length <= 6)
    ) {
      projects.push({ name: separated[1].trim(), description: [separated[2].trim()] });
    } else if (isName && (projects.length === 0 || (projects.at(-1)?.description.length ?? 0) > 0)) {
      projects.push({ name: removeRange(line.text, line.dates[0]), description: [] });
    } else {
      projects.at(-1)?.description.push(line.text);
    }
  }
  return projects
    .filter((p) => p.name)
    .map((p) => ({
      name: p.name,
      description: joinWrapped(p.description).join(" ").replace(/\s+/g, " ").trim(),
    }));
}
