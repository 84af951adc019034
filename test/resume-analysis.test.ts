import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeResume, type RoleProfile } from "../src/resumes/analysis/analyze.ts";
import { parseResume } from "../src/resumes/parse.ts";
import { cliEnv, runCli } from "./helpers/cli.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { column, type PlacedText, writePdf } from "./helpers/pdf-writer.ts";

const db = useTestDatabase();
const today = new Date(Date.UTC(2026, 10, 1));
const roles: RoleProfile[] = [
  {
    id: "fe",
    title: "Frontend Developer",
    required_skills: ["HTML", "CSS", "JavaScript", "React", "Vue.js"],
  },
  {
    id: "be",
    title: "Backend Developer",
    required_skills: ["Node.js", "Python", "Java", "SQL", "REST APIs"],
  },
  {
    id: "dm",
    title: "Digital Marketing Specialist",
    required_skills: ["SEO", "SEM", "Social Media", "Analytics", "Content Marketing"],
  },
];

const header = (name: string): PlacedText[] => [
  { text: name, x: 56, y: 50, size: 22, bold: true },
  { text: "alex.kim@example.com  |  +1 (415) 555-2671  |  Seattle, WA", x: 56, y: 74 },
  { text: "linkedin.com/in/alexkim  |  github.com/alexkim", x: 56, y: 88 },
];

const strong = [
  ...header("Alex Kim"),
  ...column(
    [
      { text: "SUMMARY", bold: true, size: 12 },
      "Frontend engineer with 6 years of experience shipping accessible React and TypeScript apps used by",
      "millions, with a focus on performance budgets and design systems.",
      { text: "EXPERIENCE", bold: true, size: 12 },
      { text: "Senior Frontend Engineer — Shopify", bold: true },
      "Jan 2021 – Present",
      "• Cut checkout bundle size by 38% with route-based code splitting, lifting conversion 2.1%.",
      "• Led a team of 5 engineers to rebuild the design system in React and TypeScript.",
      "• Raised Lighthouse accessibility scores from 71 to 98 across 40 pages.",
      { text: "Frontend Developer — Zillow", bold: true },
      "Jun 2018 – Dec 2020",
      "• Built a map search in React and Mapbox serving 3M monthly users.",
      "• Reduced CSS payload 45% by migrating 200 components to CSS modules.",
      { text: "EDUCATION", bold: true, size: 12 },
      "University of Washington",
      "B.S. in Computer Science, 2014 – 2018",
      { text: "SKILLS", bold: true, size: 12 },
      "JavaScript, TypeScript, React, Vue.js, HTML, CSS, Webpack, Jest, Cypress, Git, GraphQL",
      { text: "PROJECTS", bold: true, size: 12 },
      { text: "a11y-lint", bold: true },
      "An ESLint plugin in TypeScript that flags inaccessible React patterns; 2.4k GitHub stars.",
    ],
    56,
    120,
    15,
  ),
];

const weak = [
  { text: "Alex Kim", x: 56, y: 50, size: 22, bold: true },
  ...column(
    [
      { text: "MY STORY", bold: true, size: 12 },
      "Hard-working team player.",
      { text: "JOBS", bold: true, size: 12 },
      "Helper at Some Company",
      "• Responsible for various tasks.",
      "• Worked on stuff with the team when needed and did many different things for many people every single day of the week.",
    ],
    56,
    90,
    15,
  ),
];

async function analyze(pages: PlacedText[][], options: { targetRoleId?: string; fileName?: string } = {}) {
  const doc = await parseResume(writePdf(pages));
  return analyzeResume(doc, { roles, today, ...options });
}

describe("resume analysis", () => {
  it("scores a strong resume well and a weak one poorly, section by section", async () => {
    const good = await analyze([strong]);
    const bad = await analyze([weak]);
    expect(good.overall_score).toBeGreaterThan(7);
    expect(bad.overall_score).toBeLessThan(3);
    for (const key of [
      "contact_info_score",
      "summary_score",
      "experience_score",
      "education_score",
      "skills_score",
      "projects_score",
    ] as const) {
      expect(good[key], key).toBeGreaterThan(bad[key]);
    }
  });

  it("extracts the facts the table holds", async () => {
    const a = await analyze([strong]);
    expect(a.extracted_experience_years).toBe(8);
    expect(a.extracted_education_level).toBe("bachelors");
    expect(a.extracted_companies).toEqual(["Shopify", "Zillow"]);
    expect(a.extracted_job_titles).toEqual(["Senior Frontend Engineer", "Frontend Developer"]);
    expect(a.extracted_skills).toEqual(
      expect.arrayContaining(["React", "TypeScript", "JavaScript", "GraphQL"]),
    );
    expect(a.missing_sections).toEqual([]);
    expect(a.keyword_density.React).toBeGreaterThanOrEqual(4);
  });

  it("matches keywords against the best role, or the one asked for", async () => {
    const best = await analyze([strong]);
    expect(best.recommended_job_roles[0]).toBe("Frontend Developer");
    expect(best.relevant_keywords).toEqual(["HTML", "CSS", "JavaScript", "React", "Vue.js"]);
    expect(best.missing_keywords).toEqual([]);
    const backend = await analyze([strong], { targetRoleId: "be" });
    expect(backend.missing_keywords).toEqual(expect.arrayContaining(["Python", "Java", "SQL"]));
    expect(backend.improvement_suggestions.join(" ")).toMatch(/Backend Developer roles/);
  });

  it("counts a skill shown by a more specific one: PostgreSQL shows SQL, Django shows Python", async () => {
    const page = column(
      [
        { text: "Sam Rivera", bold: true, size: 18 },
        "sam@example.com · +1 415 555 0100",
        { text: "SKILLS", bold: true, size: 12 },
        "PostgreSQL, Django, Express.js, Spring Boot, REST APIs",
      ],
      56,
      60,
      16,
    );
    const backend = await analyze([page], { targetRoleId: "be" });
    expect(backend.relevant_keywords).toEqual(["Node.js", "Python", "Java", "SQL", "REST APIs"]);
    expect(backend.missing_keywords).toEqual([]);
    // The narrative quotes the score the page shows.
    expect(backend.overall_feedback).toContain(`(${backend.overall_score.toFixed(1)}/10)`);
  });

  it("gives specific suggestions that quote the weak lines", async () => {
    const a = await analyze([weak]);
    const text = a.improvement_suggestions.join("\n");
    expect(text).toContain("“Responsible for various tasks.”");
    expect(text).toMatch(/“hard-working”|“team player”/);
    expect(text).toMatch(/e-mail/);
    expect(a.missing_sections).toEqual(expect.arrayContaining(["education", "skills"]));
  });

  it("reports ATS problems found in the file itself", async () => {
    const clean = await analyze([strong], { fileName: "Alex-Kim-Resume.pdf" });
    expect(clean.ats_issues).toEqual([]);
    expect(clean.ats_score).toBe(10);
    const sloppy = await analyze([weak], { fileName: "resume (3) final.pdf" });
    const issues = sloppy.ats_issues.join("\n");
    expect(issues).toMatch(/file name/);
    expect(issues).toMatch(/“MY STORY”|“JOBS”/);
    expect(sloppy.ats_score).toBeLessThan(clean.ats_score);
  });

  it("scores gibberish near zero instead of rewarding length", async () => {
    const words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor".split(" ");
    const noise = column(
      Array.from({ length: 40 }, (_, i) => words.map((w, j) => words[(i + j) % words.length] ?? w).join(" ")),
      56,
      60,
      15,
    );
    const a = await analyze([noise]);
    expect(a.overall_score).toBeLessThan(2);
    expect(a.recommended_job_roles).toEqual([]);
  });
});

describe("rehearse resume analyze", () => {
  it("prints the analysis and the parse as JSON", async () => {
    const file = path.join(tmpdir(), `Alex-Kim-Resume-${process.pid}.pdf`);
    await writeFile(file, writePdf([strong]));
    const result = await runCli(
      ["resume", "analyze", file, "--role", "Frontend Developer", "--json"],
      cliEnv({ DATABASE_URL: db.url }),
    );
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output.parsed).sort()).toEqual(
      [
        "education",
        "email",
        "experience",
        "links",
        "location",
        "name",
        "phone",
        "projects",
        "skills",
        "summary",
      ].sort(),
    );
    expect(output.parsed.experience[0]).toMatchObject({
      company: "Shopify",
      start: "2021-01",
      end: "present",
    });
    expect(output.analysis.relevant_keywords).toContain("React");
    expect(output.analysis.overall_score).toBeGreaterThan(7);
  });

  it("says clearly what is wrong with a bad file or role", async () => {
    const notPdf = path.join(tmpdir(), `not-a-pdf-${process.pid}.pdf`);
    await writeFile(notPdf, "hello");
    const bad = await runCli(["resume", "analyze", notPdf], cliEnv({ DATABASE_URL: db.url }));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not a PDF/);
    const file = path.join(tmpdir(), `ok-${process.pid}.pdf`);
    await writeFile(file, writePdf([strong]));
    const role = await runCli(
      ["resume", "analyze", file, "--role", "Astronaut"],
      cliEnv({ DATABASE_URL: db.url }),
    );
    expect(role.code).toBe(1);
    expect(role.stderr).toMatch(/no active job role is called "Astronaut"/);
  });
});

describe("a PDF with no text at all", () => {
  it("still gets an analysis that says why nothing could be read", async () => {
    const blank = writePdf([[]]);
    const doc = await parseResume(blank);
    const a = analyzeResume(doc, { roles, today });
    expect(a.ats_issues.join(" ")).toMatch(/No extractable text/);
    expect(a.overall_score).toBeLessThan(2);
    expect(a.missing_sections).toEqual(expect.arrayContaining(["experience", "education", "skills"]));
  });
});
