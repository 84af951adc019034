// npm run bench:resume — field-level accuracy of the built-in parser over the corpus in
// test/fixtures/resumes (ground truth beside each PDF), and parse+analysis time per resume.
// Goals: overall field accuracy ≥ 95%; median ≤ 300 ms for a two-page resume.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { analyzeResume, type RoleProfile } from "../src/resumes/analysis/analyze.ts";
import { type ParsedResume, parseResume } from "../src/resumes/parse.ts";
import { skillMatcher } from "../src/resumes/skills/match.ts";

const DIR = path.resolve(import.meta.dirname, "../test/fixtures/resumes");
const ROLES: RoleProfile[] = [
  { id: "1", title: "Frontend Developer", required_skills: ["HTML", "CSS", "JavaScript", "React", "Vue.js"] },
  { id: "2", title: "Backend Developer", required_skills: ["Node.js", "Python", "Java", "SQL", "REST APIs"] },
  {
    id: "3",
    title: "Full Stack Developer",
    required_skills: ["JavaScript", "React", "Node.js", "SQL", "Git"],
  },
  {
    id: "4",
    title: "Data Scientist",
    required_skills: ["Python", "R", "SQL", "Machine Learning", "Statistics"],
  },
  {
    id: "5",
    title: "Product Manager",
    required_skills: ["Product Strategy", "Analytics", "Communication", "Leadership"],
  },
  {
    id: "6",
    title: "Digital Marketing Specialist",
    required_skills: ["SEO", "SEM", "Social Media", "Analytics", "Content Marketing"],
  },
];

const norm = (s: string | null | undefined) =>
  (s ?? "").normalize("NFC").toLowerCase().replace(/[‐-―]/g, "-").replace(/\s+/g, " ").trim();

function f1(expected: string[], actual: string[]): number {
  const e = new Set(expected.map(norm));
  const a = new Set(actual.map(norm));
  if (e.size === 0 && a.size === 0) return 1;
  const hits = [...a].filter((x) => e.has(x)).length;
  const precision = a.size ? hits / a.size : 0;
  const recall = e.size ? hits / e.size : 0;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

const canonical = (skill: string) => skillMatcher().canonical(skill, { listItem: true }) ?? skill;
const exact = (a: string | null, b: string | null) => (norm(a) === norm(b) ? 1 : 0);

function score(truth: ParsedResume, got: ParsedResume): Record<string, number> {
  return {
    name: exact(truth.name, got.name),
    email: exact(truth.email, got.email),
    phone: exact(truth.phone, got.phone),
    location: exact(truth.location, got.location),
    links: f1(truth.links, got.links),
    // Synonyms are the same skill ("Kafka" and "Apache Kafka"): compare canonical names.
    skills: f1(truth.skills.map(canonical), got.skills.map(canonical)),
    experience: f1(
      truth.experience.map((e) => `${e.company}|${e.title}`),
      got.experience.map((e) => `${e.company}|${e.title}`),
    ),
    experience_dates: f1(
      truth.experience.map((e) => `${e.company}|${e.start}|${e.end}`),
      got.experience.map((e) => `${e.company}|${e.start}|${e.end}`),
    ),
    education: f1(
      truth.education.map((e) => `${e.institution}|${e.degree}`),
      got.education.map((e) => `${e.institution}|${e.degree}`),
    ),
  };
}

const files = (await readdir(DIR)).filter((f) => f.endsWith(".pdf")).sort();
const totals: Record<string, number[]> = {};
const times: { ms: number; pages: number }[] = [];
const perFile: string[] = [];
for (const file of files) {
  const bytes = new Uint8Array(await readFile(path.join(DIR, file)));
  const truth = JSON.parse(
    await readFile(path.join(DIR, file.replace(/\.pdf$/, ".json")), "utf8"),
  ) as ParsedResume;
  const started = performance.now();
  const doc = await parseResume(bytes);
  analyzeResume(doc, { roles: ROLES, fileName: file });
  times.push({ ms: performance.now() - started, pages: doc.pdf.pageCount });
  const scores = score(truth, doc.parsed);
  for (const [field, value] of Object.entries(scores)) totals[field] = [...(totals[field] ?? []), value];
  const mean = Object.values(scores).reduce((a, b) => a + b, 0) / Object.values(scores).length;
  perFile.push(
    `${file.padEnd(34)} ${(mean * 100).toFixed(0).padStart(3)}%  ${Object.entries(scores)
      .filter(([, v]) => v < 1)
      .map(([k, v]) => `${k}=${v.toFixed(2)}`)
      .join(" ")}`,
  );
}

const pct = (values: number[]) => (100 * values.reduce((a, b) => a + b, 0)) / Math.max(values.length, 1);
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
console.log(`Corpus: ${files.length} resumes in test/fixtures/resumes\n`);
for (const line of perFile) console.log(line);
console.log("\nField accuracy:");
for (const [field, values] of Object.entries(totals))
  console.log(`  ${field.padEnd(18)} ${pct(values).toFixed(1)}%`);
const overall = pct(Object.values(totals).flat());
console.log(`  ${"overall".padEnd(18)} ${overall.toFixed(1)}%  (goal ≥ 95%)`);
const all = times.map((t) => t.ms);
const twoPage = times.filter((t) => t.pages === 2).map((t) => t.ms);
console.log(
  `\nParse + analysis: median ${quantile(all, 0.5).toFixed(0)} ms, p95 ${quantile(all, 0.95).toFixed(0)} ms over ${all.length}`,
);
if (twoPage.length)
  console.log(`Two-page resumes: median ${quantile(twoPage, 0.5).toFixed(0)} ms (goal ≤ 300 ms)`);
