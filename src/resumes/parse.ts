import { joinWrapped } from "./extract/blocks.ts";
import { type Contact, extractContact } from "./extract/contact.ts";
import {
  type EducationEntry,
  type ExperienceEntry,
  extractEducation,
  extractExperience,
  extractProjects,
  type ProjectEntry,
} from "./extract/entries.ts";
import { extractPdf, type PdfContent } from "./pdf/extract.ts";
import { type Line, pageLines } from "./pdf/lines.ts";
import { type Section, splitSections } from "./sections.ts";
import { skillMatcher, splitSkillItems } from "./skills/match.ts";

/** What a resume says, in the shape `rehearse resume analyze --json` prints under "parsed". */
export interface ParsedResume extends Contact {
  summary: string | null;
  experience: ExperienceEntry[];
  education: EducationEntry[];
  skills: string[];
  projects: ProjectEntry[];
}

/** The parse together with what the analysis needs to judge the document itself. */
export interface ResumeDocument {
  parsed: ParsedResume;
  pdf: Pick<PdfContent, "pageCount" | "truncated"> & {
    images: number;
    twoColumn: boolean;
    textLength: number;
    /** Some page had no text layer and was read by OCR. */
    ocr: boolean;
  };
  lines: Line[];
  sections: Section[];
  text: string;
}

export const MAX_PAGES = 10;

export async function parseResume(bytes: Uint8Array): Promise<ResumeDocument> {
  const pdf = await extractPdf(bytes, MAX_PAGES);
  const lines = pdf.pages.flatMap(pageLines);
  return parseLines(lines, pdf);
}

export function parseLines(lines: Line[], pdf: PdfContent): ResumeDocument {
  const sections = splitSections(lines);
  const text = lines.map((l) => l.text).join("\n");
  const of = (kind: Section["kind"]) => sections.filter((s) => s.kind === kind).flatMap((s) => s.lines);
  const header = [...of("header"), ...of("contact"), ...lines.filter((l) => l.margin)];
  const contact = extractContact(
    header.length ? header : lines.slice(0, 8),
    text,
    pdf.pages.flatMap((p) => p.links),
  );
  const summaryLines = of("summary").map((l) => l.text);
  const matcher = skillMatcher();
  const skills = [
    ...new Set(
      splitSkillItems(
        of("skills")
          .map((l) => l.text)
          .join("\n"),
      ).map((item) => matcher.canonical(item, { listItem: true }) ?? item),
    ),
  ];
  return {
    parsed: {
      ...contact,
      summary: summaryLines.length ? joinWrapped(summaryLines).join(" ").replace(/\s+/g, " ").trim() : null,
      experience: extractExperience(of("experience")),
      education: extractEducation(of("education")),
      skills,
      projects: extractProjects(of("projects")),
    },
    pdf: {
      pageCount: pdf.pageCount,
      truncated: pdf.truncated,
      images: pdf.pages.reduce((sum, p) => sum + p.images, 0),
      twoColumn: lines.some((l) => l.column > 0),
      ocr: pdf.pages.some((p) => p.ocr),
      textLength: text.length,
    },
    lines,
    sections,
    text,
  };
}
