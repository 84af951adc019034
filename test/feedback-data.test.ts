import { describe, expect, it } from "vitest";
import {
  DEFAULT_BENCHMARK,
  type Dimension,
  type ExperienceLevel,
  ROLE_BENCHMARKS,
} from "../src/interviews/feedback/benchmarks-data.ts";
import { RESOURCES, type ResourceKind } from "../src/interviews/feedback/resources-data.ts";

// The feedback catalogues: learning resources by topic, and the expected scores per role and level.

const KINDS: readonly ResourceKind[] = ["documentation", "book", "course", "article", "practice"];

/** Every job role's required skills, lower-cased, and every interview dimension feedback refers to. */
const REQUIRED_TOPICS = [
  "html",
  "css",
  "javascript",
  "react",
  "vue.js",
  "node.js",
  "python",
  "java",
  "sql",
  "rest apis",
  "git",
  "r",
  "machine learning",
  "statistics",
  "product strategy",
  "analytics",
  "communication",
  "leadership",
  "seo",
  "sem",
  "social media",
  "content marketing",
  "technical",
  "behavioral",
  "star method",
  "storytelling",
  "confidence",
  "system design",
  "testing",
  "security",
  "performance",
  "accessibility",
  "data structures",
  "algorithms",
  "stakeholder management",
  "prioritization",
  "experimentation",
  "data visualization",
  "typescript",
  "docker",
  "kubernetes",
  "aws",
  "cloud",
];

const ROLES = [
  "Frontend Developer",
  "Backend Developer",
  "Full Stack Developer",
  "Data Scientist",
  "Product Manager",
  "Digital Marketing Specialist",
];
const LEVELS: readonly ExperienceLevel[] = ["entry", "mid", "senior", "executive"];
const DIMENSIONS: readonly Dimension[] = ["overall", "technical", "communication", "confidence"];

describe("learning resources", () => {
  it("has a substantial catalogue", () => {
    expect(RESOURCES.length).toBeGreaterThanOrEqual(60);
  });

  it("has unique ids", () => {
    const ids = RESOURCES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("links every resource over https to a parseable URL", () => {
    for (const r of RESOURCES) {
      const url = new URL(r.url);
      expect(url.protocol, r.id).toBe("https:");
      expect(url.hostname, r.id).toContain(".");
    }
  });

  it("has no duplicate URLs", () => {
    const normalised = RESOURCES.map((r) => new URL(r.url).href.replace(/\/$/, "").toLowerCase());
    const dupes = normalised.filter((u, i) => normalised.indexOf(u) !== i);
    expect(dupes).toEqual([]);
  });

  it("uses only known kinds, and fills every field", () => {
    for (const r of RESOURCES) {
      expect(KINDS, r.id).toContain(r.kind);
      expect(r.title.trim(), r.id).not.toBe("");
      expect(r.why.trim(), r.id).not.toBe("");
      expect(r.topics.length, r.id).toBeGreaterThan(0);
    }
  });

  it("uses lower-case, trimmed, non-repeated topic keys", () => {
    for (const r of RESOURCES) {
      for (const t of r.topics) expect(t, r.id).toBe(t.trim().toLowerCase());
      expect(new Set(r.topics).size, r.id).toBe(r.topics.length);
    }
  });

  it("covers every required topic", () => {
    const covered = new Set(RESOURCES.flatMap((r) => r.topics));
    const missing = REQUIRED_TOPICS.filter((t) => !covered.has(t));
    expect(missing).toEqual([]);
  });
});

describe("role benchmarks", () => {
  it("has exactly one benchmark for every role and level", () => {
    for (const role of ROLES) {
      for (const level of LEVELS) {
        const matches = ROLE_BENCHMARKS.filter((b) => b.role === role && b.level === level);
        expect(matches, `${role} / ${level}`).toHaveLength(1);
      }
    }
    expect(ROLE_BENCHMARKS).toHaveLength(ROLES.length * LEVELS.length);
  });

  it("keeps every expected score within 0–10, with a note", () => {
    for (const b of ROLE_BENCHMARKS) {
      expect(Object.keys(b.expected).sort(), `${b.role} / ${b.level}`).toEqual([...DIMENSIONS].sort());
      for (const d of DIMENSIONS) {
        const v = b.expected[d];
        expect(Number.isFinite(v), `${b.role} / ${b.level} / ${d}`).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(10);
      }
      expect(b.note.trim(), `${b.role} / ${b.level}`).not.toBe("");
    }
  });

  it("expects a non-decreasing overall score from entry to executive for each role", () => {
    for (const role of ROLES) {
      const overall = LEVELS.map((level) => {
        const b = ROLE_BENCHMARKS.find((x) => x.role === role && x.level === level);
        return b?.expected.overall ?? Number.NaN;
      });
      for (let i = 1; i < overall.length; i++) {
        expect(overall[i], `${role}: ${LEVELS[i - 1]} → ${LEVELS[i]}`).toBeGreaterThanOrEqual(
          overall[i - 1] as number,
        );
      }
    }
  });

  it("has a default for every level, within 0–10 and non-decreasing overall", () => {
    for (const level of LEVELS) {
      for (const d of DIMENSIONS) {
        const v = DEFAULT_BENCHMARK[level][d];
        expect(v, `${level} / ${d}`).toBeGreaterThanOrEqual(0);
        expect(v, `${level} / ${d}`).toBeLessThanOrEqual(10);
      }
    }
    for (let i = 1; i < LEVELS.length; i++) {
      expect(DEFAULT_BENCHMARK[LEVELS[i] as ExperienceLevel].overall).toBeGreaterThanOrEqual(
        DEFAULT_BENCHMARK[LEVELS[i - 1] as ExperienceLevel].overall,
      );
    }
  });
});
