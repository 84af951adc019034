// Builds the resume corpus: test/fixtures/resumes/NN-slug.pdf + NN-slug.json and manifest.json, from people.ts.
// Usage: npx tsx scripts/corpus/build.ts [--only slug,slug] [--keep]
// Needs (Debian 12): chromium, libreoffice-writer, poppler-utils, imagemagick, img2pdf and the fonts listed in
// scripts/corpus/README.md. The test suite never runs this: the outputs are committed.

import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fileStem, pageSize, printedSections, printHeading, printRange, toTruth } from "./model.ts";
import { PEOPLE, SKILL_ALIASES } from "./people.ts";
import { docx } from "./render-docx.ts";
import { fodt } from "./render-fodt.ts";
import { CHROMIUM_LAYOUTS, type ChromiumLayout, loHtml } from "./render-html.ts";
import {
  CHROMIUM,
  chromiumPdf,
  has,
  libreofficePdf,
  pdfPages,
  pinPdf,
  rasterise,
  run,
  SOFFICE,
} from "./tools.ts";
import type { Person } from "./types.ts";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const OUT_DIR = join(ROOT, "test/fixtures/resumes");

const LAYOUTS_OF: Record<Person["generator"], readonly string[]> = {
  chromium: Object.keys(CHROMIUM_LAYOUTS),
  "libreoffice-fodt": ["fodt-tabs", "fodt-footer"],
  "libreoffice-docx": ["docx", "docx-header"],
  "libreoffice-html": ["lo-html"],
};

export function pipeline(person: Person): string {
  const base = {
    chromium: "HTML → chromium --headless --print-to-pdf",
    "libreoffice-fodt": "flat ODT (.fodt) → soffice --convert-to pdf (LibreOffice Writer)",
    "libreoffice-docx":
      "DOCX (zip written by render-docx.ts) → soffice --convert-to pdf (LibreOffice Writer)",
    "libreoffice-html": "HTML → soffice --infilter='HTML (StarWriter)' --convert-to pdf (LibreOffice Writer)",
  }[person.generator];
  if (!person.scan) return base;
  const degrade = person.scan.degrade ? " → ImageMagick (0.6° tilt, noise, JPEG q55)" : "";
  return `${base} → pdftoppm ${person.scan.dpi} dpi greyscale PNG${degrade} → img2pdf (image only, no text layer)`;
}

export function manifest() {
  return {
    description:
      "Resume PDFs with ground-truth JSON for measuring the resume parser. Generated from scripts/corpus/people.ts; do not edit by hand.",
    regenerate: "npx tsx scripts/corpus/build.ts",
    verify: "npx tsx scripts/corpus/verify.ts",
    skillAliases: SKILL_ALIASES,
    files: PEOPLE.map((person, index) => {
      const stem = fileStem(index, person);
      const first = person.experience[0];
      return {
        id: stem.slice(0, 2),
        pdf: `${stem}.pdf`,
        json: `${stem}.json`,
        name: person.name,
        generator: person.generator,
        layout: person.layout,
        pipeline: pipeline(person),
        scanned: Boolean(person.scan),
        textLayer: !person.scan,
        pages: person.pages,
        pageSize: pageSize(person),
        role: person.role,
        seniority: person.seniority,
        country: person.country,
        phonePrinted: person.phonePrinted,
        dateFormat: first ? printRange(first.start, first.end, person.hints.dateStyle) : null,
        headingCase: person.hints.headingCase,
        sectionTitles: printedSections(person).map((kind) => printHeading(kind, person.hints)),
        extraSections: (person.extras ?? []).map((extra) => printHeading(extra.heading, person.hints)),
        special: person.special,
      };
    }),
  };
}

function checkRecords(): void {
  const slugs = new Set<string>();
  for (const person of PEOPLE) {
    if (slugs.has(person.slug)) throw new Error(`duplicate slug ${person.slug}`);
    slugs.add(person.slug);
    if (!LAYOUTS_OF[person.generator].includes(person.layout)) {
      throw new Error(`${person.slug}: layout ${person.layout} is not made by ${person.generator}`);
    }
    if (!/^\+[1-9]\d{6,14}$/.test(person.phone))
      throw new Error(`${person.slug}: phone ${person.phone} is not E.164`);
  }
}

/** Lays the JSON files out as the repository's formatter does, so that `biome check .` stays clean. */
function formatJson(): void {
  const biome = join(ROOT, "node_modules/.bin/biome");
  if (!existsSync(biome)) {
    console.warn(
      "node_modules/.bin/biome not found: the JSON files are not formatted (run npm ci, then rebuild)",
    );
    return;
  }
  const files = readdirSync(OUT_DIR)
    .filter((name) => name.endsWith(".json"))
    .map((name) => join(OUT_DIR, name));
  run(biome, ["format", "--write", ...files]);
}

function render(person: Person, stem: string, dir: string, profile: string): string {
  const pdf = join(dir, `${stem}.pdf`);
  switch (person.generator) {
    case "chromium": {
      const html = join(dir, `${stem}.html`);
      writeFileSync(html, CHROMIUM_LAYOUTS[person.layout as ChromiumLayout](person));
      chromiumPdf(html, pdf);
      return pdf;
    }
    case "libreoffice-fodt": {
      const source = join(dir, `${stem}.fodt`);
      writeFileSync(source, fodt(person));
      return libreofficePdf(source, dir, profile);
    }
    case "libreoffice-docx": {
      const source = join(dir, `${stem}.docx`);
      writeFileSync(source, docx(person));
      return libreofficePdf(source, dir, profile);
    }
    case "libreoffice-html": {
      const source = join(dir, `${stem}.html`);
      writeFileSync(source, loHtml(person));
      return libreofficePdf(source, dir, profile);
    }
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const onlyArg = args.indexOf("--only");
  const only = onlyArg >= 0 ? new Set((args[onlyArg + 1] ?? "").split(",")) : null;
  const keep = args.includes("--keep");
  checkRecords();

  const chosen = PEOPLE.map((person, index) => ({ person, index })).filter(
    ({ person }) => !only || only.has(person.slug),
  );
  const needs = new Set<string>(["pdfinfo"]);
  for (const { person } of chosen) {
    needs.add(person.generator === "chromium" ? CHROMIUM : SOFFICE);
    if (person.scan) for (const tool of ["pdftoppm", "img2pdf", "convert"]) needs.add(tool);
  }
  const missing = [...needs].filter((tool) => !has(tool));
  if (missing.length > 0) {
    console.error(
      `missing programs: ${missing.join(", ")} (see scripts/corpus/README.md for the Debian packages)`,
    );
    process.exit(1);
  }

  mkdirSync(OUT_DIR, { recursive: true });
  if (!only) {
    for (const name of readdirSync(OUT_DIR)) {
      if (/^\d\d-.+\.(pdf|json)$/.test(name)) rmSync(join(OUT_DIR, name));
    }
  }
  const work = mkdtempSync(join(tmpdir(), "rehearse-corpus-"));
  const profile = join(work, "lo-profile");
  let failed = 0;
  for (const { person, index } of chosen) {
    const stem = fileStem(index, person);
    const dir = join(work, stem);
    mkdirSync(dir);
    try {
      let pdf = render(person, stem, dir, profile);
      if (person.scan) {
        const scanDir = join(dir, "scan");
        mkdirSync(scanDir);
        const scanned = join(dir, `${stem}.scan.pdf`);
        rasterise(pdf, scanned, scanDir, { ...person.scan, pageSize: pageSize(person) });
        pdf = scanned;
      }
      pinPdf(pdf, stem);
      const target = join(OUT_DIR, `${stem}.pdf`);
      copyFileSync(pdf, target);
      writeFileSync(join(OUT_DIR, `${stem}.json`), `${JSON.stringify(toTruth(person), null, 2)}\n`);
      const pages = pdfPages(target);
      const size = statSync(target).size;
      const warn = pages !== person.pages ? `  !! expected ${person.pages} page(s)` : "";
      if (warn) failed += 1;
      console.log(
        `${stem.padEnd(28)} ${`${person.generator}/${person.layout}${person.scan ? "+scan" : ""}`.padEnd(34)} ${String(
          pages,
        ).padStart(2)} p ${(size / 1024).toFixed(0).padStart(4)} KB${warn}`,
      );
    } catch (error) {
      failed += 1;
      console.error(`${stem}: ${(error as Error).message}`);
    }
  }
  writeFileSync(join(OUT_DIR, "manifest.json"), `${JSON.stringify(manifest(), null, 2)}\n`);
  formatJson();
  if (keep) console.log(`sources kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
  if (failed > 0) {
    console.error(`${failed} resume(s) failed`);
    process.exit(1);
  }
  console.log(`${chosen.length} resume(s) written to ${OUT_DIR}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
