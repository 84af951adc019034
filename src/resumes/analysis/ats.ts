import { round2 } from "../../numbers.ts";
import type { ResumeDocument } from "../parse.ts";

export interface AtsResult {
  score: number;
  issues: string[];
}

const ICON_GLYPHS = /[\u{E000}-\u{F8FF}]/u;
const UNPROFESSIONAL_NAME =
  /(^|[\s_-])(final|new|copy|draft|untitled|document|doc\d*|scan|img|image|resume\s*\(\d+\)|cv\s*\(\d+\)|\(\d+\)|v\d+)([\s_.-]|$)/i;

/**
 * Problems an applicant-tracking system has with the file itself, each with how to fix it, and a score
 * that starts at 10 and loses points per problem by how much it hurts parsing.
 */
export function checkAts(
  doc: ResumeDocument,
  fileName: string | undefined,
  yearsOfExperience: number,
): AtsResult {
  const issues: { penalty: number; text: string }[] = [];
  const add = (penalty: number, text: string) => issues.push({ penalty, text });

  if (doc.pdf.ocr) {
    add(
      6,
      "The PDF is a scanned image with no text layer: we read it with OCR, but most ATS software will see an empty page. Export it from your editor as a text PDF.",
    );
  } else if (doc.pdf.textLength < 200) {
    add(
      8,
      "No extractable text: the PDF looks scanned or made of images. Export it from your editor as a text PDF so ATS software can read it.",
    );
  }
  if (doc.pdf.twoColumn) {
    add(
      1.5,
      "Two-column layout: many ATS parsers read across columns and mix sections up. A single column is the safe choice.",
    );
  }
  if (looksLikeTable(doc)) {
    add(
      1.5,
      "Tables detected: text in table cells is often read out of order by ATS parsers. Use plain lines with tabs or dashes instead.",
    );
  }
  if (doc.pdf.images > 0) {
    add(
      1,
      `${doc.pdf.images} image${doc.pdf.images > 1 ? "s" : ""} (photo, logo or graphic): ATS software ignores images, and a photo can invite bias. Remove them or make sure nothing important is only in an image.`,
    );
  }
  if (ICON_GLYPHS.test(doc.text)) {
    add(
      1,
      "Icon-font glyphs before your contact details come out as garbage characters in ATS text. Use words (“Email:”, “Phone:”) instead of icons.",
    );
  }
  const email = doc.parsed.email;
  if (email) {
    const body = doc.lines.filter((l) => !l.margin).some((l) => l.text.toLowerCase().includes(email));
    if (!body)
      add(
        1.5,
        "Your contact details are only in the page header or footer, which many ATS parsers skip. Put them in the body at the top.",
      );
  }
  const nonStandard = doc.sections
    .filter((s) => s.heading && !s.standardHeading)
    .map((s) => `“${s.heading}”`);
  if (nonStandard.length > 0) {
    add(
      0.5 * Math.min(nonStandard.length, 3),
      `Non-standard section titles ${nonStandard.join(", ")}: ATS software looks for “Experience”, “Education”, “Skills”. Use the standard words.`,
    );
  }
  if (doc.pdf.pageCount > 2 && yearsOfExperience < 10) {
    add(
      1,
      `${doc.pdf.pageCount} pages for ${yearsOfExperience} years of experience: keep it to one or two pages.`,
    );
  }
  const undated = doc.parsed.experience.filter((e) => !e.start);
  if (undated.length > 0)
    add(
      1,
      `Dates are missing for ${undated.map((e) => e.title || e.company).join(", ")}: every job needs a start and end date.`,
    );
  const formats = new Set(
    doc.parsed.experience.map((e) => (e.start && /^\d{4}-\d{2}$/.test(e.start) ? "month" : "year")),
  );
  if (formats.size > 1)
    add(
      0.5,
      "Dates are written inconsistently (some with months, some years only): use one format, e.g. “Mar 2021 – Present”.",
    );
  if (
    fileName &&
    (UNPROFESSIONAL_NAME.test(fileName.replace(/\.pdf$/i, "")) ||
      !/[a-z]{3,}/i.test(fileName.replace(/\.pdf$/i, "")))
  ) {
    add(0.5, `The file name “${fileName}” looks unfinished: name it like “Firstname-Lastname-Resume.pdf”.`);
  }
  if (doc.pdf.truncated) add(1, "The document is very long: only the first pages were read.");

  const score = Math.max(0, 10 - issues.reduce((sum, i) => sum + i.penalty, 0));
  return { score: round2(score), issues: issues.map((i) => i.text) };
}

function looksLikeTable(doc: ResumeDocument): boolean {
  const cells = doc.lines.filter((l) => l.segments.length >= 3);
  return cells.length >= 3;
}
