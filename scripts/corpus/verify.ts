// Checks the committed corpus against people.ts: the JSON files equal the ground truth the records give, the PDFs
// are small, have the expected page count, and their text (pdftotext from poppler-utils) contains every printed
// string of the ground truth; the scanned ones have no text at all.
// Usage: npx tsx scripts/corpus/verify.ts [--verbose]

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { CountryCode } from "libphonenumber-js/max";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { manifest, OUT_DIR } from "./build.ts";
import {
  contactItems,
  eduStyle,
  fileStem,
  printDegree,
  printedSections,
  printGpa,
  printHeading,
  printRange,
  toTruth,
} from "./model.ts";
import { PEOPLE } from "./people.ts";
import { has, pdfPages, run } from "./tools.ts";
import type { GroundTruth, Person } from "./types.ts";

const MAX_PDF = 300 * 1024;
const MAX_FOLDER = 6 * 1024 * 1024;
const KEYS = [
  "name",
  "email",
  "phone",
  "location",
  "links",
  "summary",
  "experience",
  "education",
  "skills",
  "projects",
];

/**
 * Text as compared: compatibility forms folded (ligatures), a line broken after a hyphen joined again ("multi-" +
 * "cluster"), dashes and quotes unified, icon glyphs (private use area) and runs of white space reduced to a space.
 */
export function normalize(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/(\S)[-\u2010][ \t]*\r?\n\s*/g, "$1-")
    .replace(/[\u00ad\u200b]/g, "")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\ue000-\uf8ff]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

interface Needle {
  what: string;
  text: string;
  /** Compared case-insensitively (emails; headings that small caps may print in capitals). */
  anyCase?: boolean;
  /** Part of the brief's required set: name, email, companies, titles, bullets. */
  required?: boolean;
  /** For links: the URL a link annotation may carry instead. */
  url?: string;
}

/** The PDF has a link annotation to the URL (Chromium and LibreOffice write them uncompressed). */
const annotated = (bytes: string, url: string | undefined): boolean =>
  url !== undefined && (bytes.includes(`/URI (${url})`) || bytes.includes(`/URI(${url})`));

function needles(person: Person): Needle[] {
  const hints = person.hints;
  const list: Needle[] = [
    { what: "name", text: person.name, required: true },
    { what: "email", text: person.email, anyCase: true, required: true },
  ];
  for (const item of contactItems(person)) {
    if (item.kind === "phone") list.push({ what: "phone", text: person.phonePrinted });
    if (item.kind === "location") list.push({ what: "location", text: item.text });
    if (item.kind === "link" && item.href) list.push({ what: "link", text: item.text, url: item.href });
  }
  for (const kind of printedSections(person)) {
    list.push({ what: `heading ${kind}`, text: printHeading(kind, hints), anyCase: true });
  }
  if (person.summary) list.push({ what: "summary", text: person.summary });
  for (const job of person.experience) {
    list.push({ what: "company", text: job.company, required: true });
    list.push({ what: "title", text: job.title, required: true });
    list.push({ what: "dates", text: printRange(job.start, job.end, hints.dateStyle) });
    for (const bullet of job.bullets) list.push({ what: "bullet", text: bullet, required: true });
  }
  for (const school of person.education) {
    list.push({ what: "institution", text: school.institution });
    list.push({ what: "degree", text: printDegree(school, hints) });
    list.push({
      what: "edu dates",
      text: printRange(school.start, school.end, eduStyle(hints), school.expected),
    });
    const gpa = printGpa(school);
    if (gpa) list.push({ what: "gpa", text: gpa });
  }
  for (const group of person.skills) for (const item of group.items) list.push({ what: "skill", text: item });
  for (const project of person.projects) {
    list.push({ what: "project", text: project.name });
    list.push({ what: "project description", text: project.description });
  }
  return list;
}

function shapeProblems(truth: GroundTruth): string[] {
  const problems: string[] = [];
  if (!isDeepStrictEqual(Object.keys(truth), KEYS)) problems.push(`keys ${Object.keys(truth).join(",")}`);
  if (truth.email !== truth.email.toLowerCase()) problems.push("email not lower-case");
  if (truth.phone !== null && !/^\+[1-9]\d{6,14}$/.test(truth.phone)) problems.push(`phone ${truth.phone}`);
  for (const link of truth.links) if (!link.startsWith("https://")) problems.push(`link ${link}`);
  const date = /^(\d{4}(-(0[1-9]|1[0-2]))?|present)$/;
  for (const job of truth.experience) {
    for (const d of [job.start, job.end]) if (d !== null && !date.test(d)) problems.push(`date ${d}`);
  }
  for (const school of truth.education) {
    for (const d of [school.start, school.end]) if (d !== null && !date.test(d)) problems.push(`date ${d}`);
  }
  return problems;
}

function main(): void {
  const verbose = process.argv.includes("--verbose");
  for (const tool of ["pdftotext", "pdfinfo", "pdffonts", "pdfimages"]) {
    if (!has(tool)) {
      console.error(`${tool} is missing: apt-get install poppler-utils`);
      process.exit(1);
    }
  }
  let passed = 0;
  let failed = 0;
  let strings = 0;
  let layoutOnly = 0;
  let readingOrderOnly = 0;
  const fallbacks: string[] = [];
  let total = 0;

  const expected = new Set<string>(["manifest.json"]);
  PEOPLE.forEach((person, index) => {
    const stem = fileStem(index, person);
    const pdf = join(OUT_DIR, `${stem}.pdf`);
    const json = join(OUT_DIR, `${stem}.json`);
    expected.add(`${stem}.pdf`).add(`${stem}.json`);
    const problems: string[] = [];
    const notes: string[] = [];

    if (!existsSync(pdf) || !existsSync(json)) {
      console.log(`FAIL ${stem}: missing ${existsSync(pdf) ? "" : "pdf "}${existsSync(json) ? "" : "json"}`);
      failed += 1;
      return;
    }
    const truth = toTruth(person);
    const onDisk = JSON.parse(readFileSync(json, "utf8")) as GroundTruth;
    if (!isDeepStrictEqual(onDisk, truth)) problems.push("JSON differs from people.ts (rebuild the corpus)");
    problems.push(...shapeProblems(onDisk));

    const phone = parsePhoneNumberFromString(person.phonePrinted, person.country as CountryCode);
    if (!phone || phone.number !== truth.phone) {
      problems.push(
        `printed phone ${person.phonePrinted} parses to ${phone?.number ?? "nothing"}, not ${truth.phone}`,
      );
    } else if (!phone.isValid()) {
      notes.push(`phone ${truth.phone} is not a valid number for libphonenumber`);
    }

    const size = statSync(pdf).size;
    total += size;
    if (size > MAX_PDF) problems.push(`${(size / 1024).toFixed(0)} KB > 300 KB`);
    const pages = pdfPages(pdf);
    if (pages !== person.pages) problems.push(`${pages} pages, expected ${person.pages}`);

    if (person.scan) {
      const text = run("pdftotext", [pdf, "-"]);
      if (text.trim() !== "") problems.push(`scanned PDF has text: ${JSON.stringify(text.slice(0, 60))}`);
      const fonts = run("pdffonts", [pdf]).trim().split("\n").slice(2);
      if (fonts.length > 0) problems.push(`scanned PDF has ${fonts.length} font(s)`);
      const images = run("pdfimages", ["-list", pdf]).trim().split("\n").slice(2);
      if (images.length < person.pages) problems.push(`scanned PDF has ${images.length} image(s)`);
      notes.push(`no text layer, ${images.length} image(s), no fonts`);
    } else {
      const layout = normalize(run("pdftotext", ["-layout", pdf, "-"]));
      const reading = normalize(run("pdftotext", [pdf, "-"]));
      const raw = normalize(run("pdftotext", ["-raw", pdf, "-"]));
      const bytes = readFileSync(pdf).toString("latin1");
      const contains = (haystack: string, needle: Needle) => {
        const n = normalize(needle.text);
        return needle.anyCase ? haystack.toLowerCase().includes(n.toLowerCase()) : haystack.includes(n);
      };
      for (const needle of needles(person)) {
        strings += 1;
        if (contains(layout, needle)) {
          layoutOnly += 1;
          continue;
        }
        if (contains(reading, needle) || contains(raw, needle)) {
          readingOrderOnly += 1;
          fallbacks.push(`${stem} ${needle.what}`);
          if (verbose) notes.push(`${needle.what} only in reading order: ${needle.text}`);
          continue;
        }
        if (needle.what === "link" && annotated(bytes, needle.url)) {
          notes.push(`link ${needle.url} not in the text (wrapped), but in a /URI annotation`);
          continue;
        }
        problems.push(
          `${needle.required ? "" : "(optional) "}${needle.what} not in text: ${JSON.stringify(needle.text)}`,
        );
      }
      for (const link of person.links.filter((l) => l.print === "label")) {
        if (!annotated(bytes, link.url)) {
          problems.push(`no link annotation for ${link.url}`);
        } else {
          notes.push(`link ${link.url} found as a /URI annotation`);
        }
      }
    }

    if (problems.length === 0) {
      passed += 1;
      console.log(`ok   ${stem}${notes.length && verbose ? `\n       ${notes.join("\n       ")}` : ""}`);
    } else {
      failed += 1;
      console.log(`FAIL ${stem}\n       ${problems.join("\n       ")}`);
    }
  });

  const stray = readdirSync(OUT_DIR).filter((name) => !expected.has(name));
  if (stray.length > 0) console.log(`note: files not made by the generator: ${stray.join(", ")}`);
  const manifestPath = join(OUT_DIR, "manifest.json");
  if (
    !existsSync(manifestPath) ||
    !isDeepStrictEqual(JSON.parse(readFileSync(manifestPath, "utf8")), manifest())
  ) {
    console.log("FAIL manifest.json differs from people.ts (rebuild the corpus)");
    failed += 1;
  }
  const folder = readdirSync(OUT_DIR).reduce((sum, name) => sum + statSync(join(OUT_DIR, name)).size, 0);
  if (folder > MAX_FOLDER) {
    console.log(`FAIL folder is ${(folder / 1024 / 1024).toFixed(2)} MB > 6 MB`);
    failed += 1;
  }
  console.log(
    `\n${strings} printed strings checked: ${layoutOnly} found in pdftotext -layout, ${readingOrderOnly} only in reading-order mode (pdftotext / -raw)`,
  );
  if (fallbacks.length > 0 && !verbose) {
    const byFile = new Map<string, number>();
    for (const f of fallbacks) byFile.set(f.split(" ")[0] ?? f, (byFile.get(f.split(" ")[0] ?? f) ?? 0) + 1);
    console.log(`  reading-order only: ${[...byFile].map(([file, n]) => `${file} (${n})`).join(", ")}`);
  }
  console.log(
    `PDFs: ${(total / 1024).toFixed(0)} KB in all, folder ${(folder / 1024 / 1024).toFixed(2)} MB; largest allowed 300 KB each, 6 MB in all`,
  );
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0) process.exit(1);
}

main();
