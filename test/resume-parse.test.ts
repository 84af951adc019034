import { describe, expect, it } from "vitest";
import { parseResume } from "../src/resumes/parse.ts";
import { PdfError } from "../src/resumes/pdf/extract.ts";
import { fixture } from "./helpers/files.ts";
import { column, type PlacedText, writePdf } from "./helpers/pdf-writer.ts";

const singleColumn: PlacedText[] = [
  { text: "Maria Gonzalez", x: 56, y: 50, size: 22, bold: true },
  { text: "maria.gonzalez@example.com  |  (415) 555-2671  |  Austin, TX", x: 56, y: 74 },
  { text: "linkedin.com/in/maria-gonzalez  |  github.com/mgonzalez", x: 56, y: 88 },
  ...column(
    [
      { text: "PROFESSIONAL SUMMARY", bold: true, size: 12 },
      "Backend engineer with 7 years of experience building payment APIs in Node.js and",
      "PostgreSQL for high-traffic products.",
      { text: "WORK EXPERIENCE", bold: true, size: 12 },
      { text: "Senior Software Engineer — Stripe", bold: true },
      "Mar 2019 – Present",
      "• Cut p99 latency of the charges API by 42% by moving hot paths to a Redis cache.",
      "• Led a team of 4 engineers migrating 30 services from REST to gRPC, with zero",
      "downtime.",
      { text: "Software Engineer — Acme Corp", bold: true },
      "Jun 2016 – Feb 2019",
      "• Built the billing service in Node.js handling 2M invoices a month.",
      { text: "EDUCATION", bold: true, size: 12 },
      { text: "University of Texas at Austin", bold: true },
      "B.S. in Computer Science, 2012 – 2016, GPA: 3.8",
      { text: "TECHNICAL SKILLS", bold: true, size: 12 },
      "Languages: JS, TypeScript, Python, SQL",
      "Tools: Postgres, Redis, k8s, Docker, Git",
      { text: "PROJECTS", bold: true, size: 12 },
      { text: "ledger-lite", bold: true },
      "An open-source double-entry ledger in TypeScript with 1.2k GitHub stars.",
    ],
    56,
    120,
    15,
  ),
];

describe("resume parsing", () => {
  it("reads a single-column resume into the parsed shape", async () => {
    const { parsed, pdf } = await parseResume(writePdf([singleColumn]));
    expect(pdf).toMatchObject({ pageCount: 1, twoColumn: false });
    expect(parsed).toMatchObject({
      name: "Maria Gonzalez",
      email: "maria.gonzalez@example.com",
      phone: "+14155552671",
      location: "Austin, TX",
      links: ["https://www.linkedin.com/in/maria-gonzalez", "https://github.com/mgonzalez"],
      summary:
        "Backend engineer with 7 years of experience building payment APIs in Node.js and PostgreSQL for high-traffic products.",
    });
    expect(parsed.experience).toEqual([
      {
        company: "Stripe",
        title: "Senior Software Engineer",
        start: "2019-03",
        end: "present",
        bullets: [
          "Cut p99 latency of the charges API by 42% by moving hot paths to a Redis cache.",
          "Led a team of 4 engineers migrating 30 services from REST to gRPC, with zero downtime.",
        ],
      },
      {
        company: "Acme Corp",
        title: "Software Engineer",
        start: "2016-06",
        end: "2019-02",
        bullets: ["Built the billing service in Node.js handling 2M invoices a month."],
      },
    ]);
    expect(parsed.education).toEqual([
      {
        institution: "University of Texas at Austin",
        degree: "B.S.",
        field: "Computer Science",
        start: "2012",
        end: "2016",
        gpa: "3.8",
      },
    ]);
    expect(parsed.skills).toEqual([
      "JavaScript",
      "TypeScript",
      "Python",
      "SQL",
      "PostgreSQL",
      "Redis",
      "Kubernetes",
      "Docker",
      "Git",
    ]);
    expect(parsed.projects).toEqual([
      {
        name: "ledger-lite",
        description: "An open-source double-entry ledger in TypeScript with 1.2k GitHub stars.",
      },
    ]);
  });

  it("reads a two-column layout column by column", async () => {
    const sidebar = column(
      [
        { text: "CONTACT", bold: true, size: 12 },
        "sam.lee@example.com",
        "+44 20 7946 0958",
        "London, UK",
        { text: "SKILLS", bold: true, size: 12 },
        "SEO",
        "Google Analytics",
        "Content Marketing",
        "HubSpot",
      ],
      40,
      120,
      16,
    );
    const main = column(
      [
        { text: "Sam Lee", bold: true, size: 22 },
        { text: "EXPERIENCE", bold: true, size: 12 },
        { text: "Digital Marketing Specialist, Bloom Media", bold: true },
        "January 2020 — Present",
        "• Grew organic traffic 3x in 18 months through technical SEO and content.",
        { text: "Marketing Coordinator, Northwind Ltd", bold: true },
        "2017 – 2019",
        "• Ran email campaigns for 120k subscribers with a 31% open rate.",
        { text: "EDUCATION", bold: true, size: 12 },
        "University of Leeds",
        "BA Marketing, 2017",
      ],
      230,
      90,
      16,
    );
    const { parsed, pdf } = await parseResume(writePdf([[...sidebar, ...main]]));
    expect(pdf.twoColumn).toBe(true);
    expect(parsed.name).toBe("Sam Lee");
    expect(parsed.email).toBe("sam.lee@example.com");
    expect(parsed.phone).toBe("+442079460958");
    expect(parsed.skills).toEqual(expect.arrayContaining(["SEO", "Content Marketing"]));
    expect(parsed.experience.map((e) => [e.title, e.company, e.start, e.end])).toEqual([
      ["Digital Marketing Specialist", "Bloom Media", "2020-01", "present"],
      ["Marketing Coordinator", "Northwind Ltd", "2017", "2019"],
    ]);
    expect(parsed.education[0]).toMatchObject({
      institution: "University of Leeds",
      degree: "BA",
      field: "Marketing",
      end: "2017",
    });
  });

  it("refuses what is not a PDF, and damaged PDFs, with a reason", async () => {
    await expect(parseResume(fixture("picture.png"))).rejects.toMatchObject({ reason: "not_pdf" });
    const damaged = Buffer.from(fixture("resume.pdf").toString("latin1").replace(/obj/g, "xxx"), "latin1");
    await expect(parseResume(damaged)).rejects.toBeInstanceOf(PdfError);
  });
});

describe("skills", () => {
  it("counts each mention once, by canonical name, preferring the longer match", async () => {
    const { skillMatcher } = await import("../src/resumes/skills/match.ts");
    const counts = skillMatcher().count(
      "Built apps in React Native and React; deployed on k8s and Kubernetes. Java, not JavaScript; JS too.",
    );
    expect(counts.get("React Native")).toBe(1);
    expect(counts.get("React")).toBe(1);
    expect(counts.get("Kubernetes")).toBe(2);
    expect(counts.get("Java")).toBe(1);
    expect(counts.get("JavaScript")).toBe(2);
  });
});

describe("scanned resumes", () => {
  it("are read by OCR when a page has no text layer", async () => {
    const { readFile } = await import("node:fs/promises");
    const bytes = await readFile(new URL("./fixtures/resumes/12-michael-thompson.pdf", import.meta.url));
    const { parsed, pdf } = await parseResume(new Uint8Array(bytes));
    expect(pdf.ocr).toBe(true);
    expect(parsed.name).toBe("Michael Thompson");
    expect(parsed.email).toBe("michael.thompson@example.com");
    expect(parsed.location).toBe("Chicago, IL");
    expect(parsed.skills.length).toBeGreaterThan(3);
  });
});

describe("hard inputs", () => {
  it("refuses a password-protected PDF with the reason", async () => {
    await expect(parseResume(fixture("encrypted.pdf"))).rejects.toMatchObject({ reason: "encrypted" });
  });

  it("reads only the first pages of a 500-page PDF, and says so", async () => {
    const pages = Array.from({ length: 500 }, (_, i) => [
      { text: `Page ${i + 1} of an endless document`, x: 56, y: 60 },
    ]);
    const started = performance.now();
    const { pdf } = await parseResume(writePdf(pages));
    expect(pdf).toMatchObject({ pageCount: 500, truncated: true });
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
