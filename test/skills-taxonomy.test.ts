import { describe, expect, it } from "vitest";
import { SKILL_TAXONOMY, type SkillCategory } from "../src/resumes/skills/taxonomy-data.ts";

const CATEGORIES: readonly SkillCategory[] = [
  "programming_language",
  "frontend",
  "backend",
  "mobile",
  "database",
  "cloud_devops",
  "data_ml",
  "testing_qa",
  "security",
  "tools",
  "design",
  "product_management",
  "project_management",
  "marketing",
  "analytics",
  "finance",
  "soft_skill",
  "methodology",
];

const REQUIRED_NAMES = [
  "HTML",
  "CSS",
  "JavaScript",
  "React",
  "Vue.js",
  "Node.js",
  "Python",
  "Java",
  "SQL",
  "REST APIs",
  "Git",
  "R",
  "Machine Learning",
  "Statistics",
  "Product Strategy",
  "Analytics",
  "Communication",
  "Leadership",
  "SEO",
  "SEM",
  "Social Media",
  "Content Marketing",
];

// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters on purpose
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const value of values) {
    const key = value.toLowerCase();
    if (seen.has(key)) dups.add(value);
    seen.add(key);
  }
  return [...dups];
}

describe("SKILL_TAXONOMY", () => {
  it("has at least 1 000 entries", () => {
    expect(SKILL_TAXONOMY.length).toBeGreaterThanOrEqual(1000);
  });

  it("has canonical names that are unique case-insensitively", () => {
    expect(duplicates(SKILL_TAXONOMY.map((entry) => entry.name))).toEqual([]);
  });

  it("has aliases that are unique across the taxonomy case-insensitively", () => {
    expect(duplicates(SKILL_TAXONOMY.flatMap((entry) => entry.aliases))).toEqual([]);
  });

  it("has no alias equal to a canonical name", () => {
    const names = new Set(SKILL_TAXONOMY.map((entry) => entry.name.toLowerCase()));
    const clashes = SKILL_TAXONOMY.flatMap((entry) => entry.aliases).filter((alias) =>
      names.has(alias.toLowerCase()),
    );
    expect(clashes).toEqual([]);
  });

  it("uses only known categories, each at least 10 times", () => {
    const counts = new Map<string, number>();
    for (const entry of SKILL_TAXONOMY) counts.set(entry.category, (counts.get(entry.category) ?? 0) + 1);
    expect([...counts.keys()].filter((category) => !CATEGORIES.includes(category as SkillCategory))).toEqual(
      [],
    );
    for (const category of CATEGORIES) {
      expect(counts.get(category) ?? 0, category).toBeGreaterThanOrEqual(10);
    }
  });

  it("contains the skills required by the seeded job roles", () => {
    const names = new Set(SKILL_TAXONOMY.map((entry) => entry.name));
    expect(REQUIRED_NAMES.filter((name) => !names.has(name))).toEqual([]);
  });

  it("maps the documented aliases to their canonical names", () => {
    const byName = new Map(SKILL_TAXONOMY.map((entry) => [entry.name, entry]));
    expect(byName.get("SEO")?.aliases).toContain("Search Engine Optimization");
    expect(byName.get("SEM")?.aliases).toContain("Search Engine Marketing");
    expect(byName.get("REST APIs")?.aliases).toEqual(
      expect.arrayContaining(["REST", "RESTful APIs", "RESTful", "REST API"]),
    );
  });

  it("has trimmed, non-empty, short names and aliases without control characters", () => {
    const bad = SKILL_TAXONOMY.flatMap((entry) => [entry.name, ...entry.aliases]).filter(
      (value) =>
        value.length === 0 || value !== value.trim() || value.length > 60 || CONTROL_CHARS.test(value),
    );
    expect(bad).toEqual([]);
  });
});
