import type { Line } from "./pdf/lines.ts";

export type SectionKind =
  | "summary"
  | "experience"
  | "education"
  | "skills"
  | "projects"
  | "certifications"
  | "awards"
  | "languages"
  | "interests"
  | "publications"
  | "volunteering"
  | "references"
  | "contact";

// Headings in the wordings resumes use, compared after lower-casing and dropping non-letters.
const HEADINGS: Record<SectionKind, string[]> = {
  summary: [
    "summary",
    "professional summary",
    "profile",
    "professional profile",
    "about me",
    "about",
    "objective",
    "career objective",
    "career summary",
    "executive summary",
    "overview",
    "personal statement",
    "introduction",
    "summary of qualifications",
    "qualifications summary",
  ],
  experience: [
    "experience",
    "work experience",
    "professional experience",
    "work history",
    "employment",
    "employment history",
    "career history",
    "relevant experience",
    "professional background",
    "career",
    "positions held",
    "experience highlights",
    "professional history",
    "industry experience",
    "work",
  ],
  education: [
    "education",
    "academic background",
    "academic history",
    "education and training",
    "educational background",
    "academics",
    "qualifications",
    "education training",
    "academic qualifications",
    "studies",
  ],
  skills: [
    "skills",
    "technical skills",
    "core competencies",
    "competencies",
    "key skills",
    "skills and tools",
    "technologies",
    "tech stack",
    "tools",
    "tools and technologies",
    "skills summary",
    "areas of expertise",
    "expertise",
    "core skills",
    "technical expertise",
    "skill set",
    "skillset",
    "proficiencies",
    "technical proficiencies",
    "skills and expertise",
    "hard skills",
    "soft skills",
    "relevant skills",
  ],
  projects: [
    "projects",
    "selected projects",
    "personal projects",
    "key projects",
    "side projects",
    "project experience",
    "academic projects",
    "open source",
    "open source projects",
    "portfolio",
  ],
  certifications: [
    "certifications",
    "certificates",
    "licenses and certifications",
    "licenses certifications",
    "certification",
    "courses",
    "training",
    "professional development",
    "courses and certifications",
  ],
  awards: [
    "awards",
    "honors",
    "honours",
    "achievements",
    "awards and honors",
    "honors and awards",
    "accomplishments",
  ],
  languages: ["languages", "language skills", "spoken languages"],
  interests: [
    "interests",
    "hobbies",
    "hobbies and interests",
    "personal interests",
    "activities",
    "extracurricular activities",
  ],
  publications: ["publications", "papers", "research", "research experience", "talks", "presentations"],
  volunteering: [
    "volunteering",
    "volunteer experience",
    "volunteer work",
    "community involvement",
    "leadership and activities",
  ],
  references: ["references", "referees"],
  contact: [
    "contact",
    "contact information",
    "contact details",
    "personal details",
    "personal information",
    "details",
  ],
};

// Playful wordings people use; recognized, but flagged: ATS software looks for the usual words.
const PLAYFUL: Partial<Record<SectionKind, string[]>> = {
  summary: ["my story", "who i am", "hello", "hi there", "about myself", "in a nutshell"],
  experience: [
    "jobs",
    "where i've worked",
    "where i have worked",
    "my journey",
    "career highlights",
    "career path",
    "work life",
    "places i've worked",
    "what i've done",
  ],
  education: ["learning", "schooling", "where i studied", "school"],
  skills: [
    "toolbox",
    "my toolbox",
    "stack",
    "my stack",
    "what i know",
    "superpowers",
    "what i do",
    "things i'm good at",
  ],
  projects: [
    "things i've built",
    "things i have built",
    "stuff i built",
    "side hustles",
    "my work",
    "builds",
  ],
};

const LOOKUP = new Map<string, { kind: SectionKind; standard: boolean }>();
for (const [kind, words] of Object.entries(HEADINGS) as [SectionKind, string[]][]) {
  for (const word of words) LOOKUP.set(normalizeHeading(word), { kind, standard: true });
}
for (const [kind, words] of Object.entries(PLAYFUL) as [SectionKind, string[]][]) {
  for (const word of words) LOOKUP.set(normalizeHeading(word), { kind, standard: false });
}

export function normalizeHeading(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^\p{L}]+/gu, " ")
    .trim();
}

/** The section a line announces, if it is a heading; `standard` tells whether its wording is a usual one. */
export function headingOf(
  line: Line,
  bodySize: number,
): { kind: SectionKind; standard: boolean } | undefined {
  const text = line.text.replace(/[:：]\s*$/, "").trim();
  if (text.length > 40 || text.split(/\s+/).length > 5) return undefined;
  const found = LOOKUP.get(normalizeHeading(text));
  if (!found) return undefined;
  const looksLikeHeading =
    line.bold || line.fontSize > bodySize * 1.08 || text === text.toUpperCase() || /:\s*$/.test(line.text);
  // Unstyled, only the shortest known wordings count (a lone "Skills" line); playful ones need styling.
  if (!looksLikeHeading && (text.split(/\s+/).length > 2 || !found.standard)) return undefined;
  return found;
}

export interface Section {
  kind: SectionKind | "header";
  heading: string | null;
  standardHeading: boolean;
  lines: Line[];
}

/** Splits lines into sections at headings; what comes before the first heading is the header. */
export function splitSections(lines: Line[]): Section[] {
  const bodySize = medianFontSize(lines);
  const header: Section = { kind: "header", heading: null, standardHeading: true, lines: [] };
  const sections: Section[] = [header];
  let current = header;
  let place = "";
  for (const line of lines) {
    // A new column or page of a two-column layout starts outside any section until its first heading,
    // except when a section simply continues onto the next page.
    const where = `${line.page}:${line.column}`;
    if (place && where !== place && line.column !== 0) current = header;
    place = where;
    const heading = headingOf(line, bodySize);
    // A layout with headings in a left column puts "EXPERIENCE" and the first entry on one row.
    const first = line.segments[0];
    const leading =
      !heading && first && line.segments.length > 1
        ? headingOf({ ...line, text: first, segments: [first] }, bodySize)
        : undefined;
    if (heading) {
      current = { kind: heading.kind, heading: line.text, standardHeading: heading.standard, lines: [] };
      sections.push(current);
    } else if (leading && first) {
      current = { kind: leading.kind, heading: first, standardHeading: leading.standard, lines: [] };
      sections.push(current);
      const rest = line.segments.slice(1);
      current.lines.push({ ...line, text: rest.join(" "), segments: rest });
    } else {
      current.lines.push(line);
    }
  }
  return sections;
}

export function medianFontSize(lines: Line[]): number {
  const sizes = lines.map((l) => l.fontSize).sort((a, b) => a - b);
  return sizes[Math.floor(sizes.length / 2)] ?? 10;
}
