import { yearsCovered } from "../extract/dates.ts";
import type { EducationEntry } from "../extract/entries.ts";
import type { ResumeDocument } from "../parse.ts";
import { withImplied } from "../skills/implied.ts";
import { skillMatcher } from "../skills/match.ts";
import { checkAts } from "./ats.ts";
import {
  cliches,
  hasGoodLength,
  isQuantified,
  isWeakOpening,
  quote,
  startsWithActionVerb,
  wordCount,
} from "./writing.ts";

/** A job role to match against (the seeded and admin-made rows of job_roles). */
export interface RoleProfile {
  id: string;
  title: string;
  required_skills: string[];
}

/** The columns of the design document's resume_analysis table that an analysis fills. */
export interface ResumeAnalysis {
  overall_score: number;
  overall_feedback: string;
  contact_info_score: number;
  summary_score: number;
  experience_score: number;
  education_score: number;
  skills_score: number;
  projects_score: number;
  extracted_skills: string[];
  extracted_experience_years: number;
  extracted_education_level: string | null;
  extracted_companies: string[];
  extracted_job_titles: string[];
  missing_sections: string[];
  improvement_suggestions: string[];
  recommended_job_roles: string[];
  relevant_keywords: string[];
  missing_keywords: string[];
  keyword_density: Record<string, number>;
  ats_score: number;
  ats_issues: string[];
}

export interface AnalyzeOptions {
  roles: RoleProfile[];
  /** The role to judge keywords against; default: the best-matching role. */
  targetRoleId?: string | undefined;
  fileName?: string | undefined;
  today?: Date;
}

// Weights of the overall score (docs/resume-rubric.md).
const WEIGHTS = {
  experience: 0.35,
  skills: 0.2,
  summary: 0.1,
  education: 0.1,
  contact: 0.1,
  projects: 0.05,
  ats: 0.1,
};
const SCORE_MAX = 10;

export function analyzeResume(doc: ResumeDocument, options: AnalyzeOptions): ResumeAnalysis {
  const { parsed } = doc;
  const matcher = skillMatcher();
  const counts = matcher.count(doc.text);
  const extractedSkills = [
    ...new Set([...parsed.skills.filter((s) => matcher.canonical(s)), ...counts.keys()]),
  ];
  const years = yearsCovered(
    parsed.experience
      .filter((e) => e.start && e.end)
      .map((e) => ({ start: e.start as string, end: e.end as string })),
    options.today,
  );
  const suggestions: string[] = [];

  const contact = scoreContact(doc, suggestions);
  const summary = scoreSummary(doc, suggestions);
  const experience = scoreExperience(doc, suggestions);
  const education = scoreEducation(parsed.education, years, suggestions);
  const match = matchRoles(extractedSkills, counts, options);
  const skills = scoreSkills(parsed.skills, extractedSkills, match.target, suggestions);
  const projects = scoreProjects(doc, suggestions);
  const ats = checkAts(doc, options.fileName, years);

  const missingSections = [
    ...(parsed.summary ? [] : ["summary"]),
    ...(parsed.experience.length ? [] : ["experience"]),
    ...(parsed.education.length ? [] : ["education"]),
    ...(parsed.skills.length ? [] : ["skills"]),
    ...(parsed.projects.length ? [] : ["projects"]),
  ];
  if (match.target && match.missing.length > 0) {
    suggestions.push(
      `For ${match.target.title} roles, recruiters search for ${list(match.missing.slice(0, 5))}: if you have used them, name them in your skills and show them in a bullet.`,
    );
  }

  const overall =
    experience * WEIGHTS.experience +
    skills * WEIGHTS.skills +
    summary * WEIGHTS.summary +
    education * WEIGHTS.education +
    contact * WEIGHTS.contact +
    projects * WEIGHTS.projects +
    ats.score * WEIGHTS.ats;

  const density = Object.fromEntries(
    [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 40),
  );
  return {
    overall_score: clamp(overall),
    overall_feedback: feedback({
      // The stored, rounded score: the narrative says the number the page shows.
      overall: clamp(overall),
      experience,
      skills,
      summary,
      ats: ats.score,
      years,
      target: match.target?.title,
    }),
    contact_info_score: clamp(contact),
    summary_score: clamp(summary),
    experience_score: clamp(experience),
    education_score: clamp(education),
    skills_score: clamp(skills),
    projects_score: clamp(projects),
    extracted_skills: extractedSkills,
    extracted_experience_years: years,
    extracted_education_level: educationLevel(parsed.education),
    extracted_companies: [...new Set(parsed.experience.map((e) => e.company).filter(Boolean))],
    extracted_job_titles: [...new Set(parsed.experience.map((e) => e.title).filter(Boolean))],
    missing_sections: missingSections,
    improvement_suggestions: suggestions.slice(0, 12),
    recommended_job_roles: match.ranked.slice(0, 3).map((r) => r.title),
    relevant_keywords: match.present,
    missing_keywords: match.missing,
    keyword_density: density,
    ats_score: clamp(ats.score),
    ats_issues: ats.issues,
  };
}

function scoreContact(doc: ResumeDocument, suggestions: string[]): number {
  const { parsed } = doc;
  let score = 0;
  if (parsed.name) score += 2;
  if (parsed.email) score += 2.5;
  else
    suggestions.push("Add an e-mail address at the top: recruiters and ATS software need it to reach you.");
  if (parsed.phone) score += 2;
  else suggestions.push("Add a phone number with its country code, e.g. +1 415 555 2671.");
  if (parsed.location) score += 1.5;
  else suggestions.push("Add your city and country (or “Remote”): many searches filter by location.");
  if (parsed.links.some((l) => /linkedin\.com|github\.com/.test(l)) || parsed.links.length > 1) score += 2;
  else if (parsed.links.length === 1) score += 1;
  else suggestions.push("Add your LinkedIn profile (and GitHub or a portfolio if you have one).");
  return score;
}

function scoreSummary(doc: ResumeDocument, suggestions: string[]): number {
  const summary = doc.parsed.summary;
  if (!summary) {
    suggestions.push(
      "Add a 2–3 sentence summary at the top: your role, years of experience and the two or three skills you want to be hired for.",
    );
    return 0;
  }
  const words = wordCount(summary);
  let score = 3;
  if (words >= 25 && words <= 90) score += 3;
  else if (words < 25)
    suggestions.push(
      `Your summary is ${words} words: give it 2–3 full sentences (25–90 words) with your role, experience and strengths.`,
    );
  else suggestions.push(`Your summary is ${words} words: cut it to under 90 so it is read in a glance.`);
  if (/\b\d+\+?\s+years?\b/i.test(summary)) score += 1.5;
  if (skillMatcher().count(summary).size >= 2) score += 1.5;
  const found = cliches(summary);
  if (found.length > 0) {
    suggestions.push(
      `Replace the clichés ${found.map((c) => `“${c}”`).join(", ")} in your summary with evidence: a result, a number, a skill.`,
    );
    score -= found.length;
  } else {
    score += 1;
  }
  return score;
}

function scoreExperience(doc: ResumeDocument, suggestions: string[]): number {
  const entries = doc.parsed.experience;
  if (entries.length === 0) {
    suggestions.push(
      "Add an Experience section (internships, freelance work and volunteering count) with dates and 3–5 bullets per role.",
    );
    return 0;
  }
  const bullets = entries.flatMap((e) => e.bullets);
  const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);
  const quantified = bullets.filter(isQuantified);
  const actionLed = bullets.filter(startsWithActionVerb);
  const wellSized = bullets.filter(hasGoodLength);
  const dated = entries.filter((e) => e.start && e.end);
  const named = entries.filter((e) => e.title && e.company);

  for (const bullet of bullets.filter(isWeakOpening).slice(0, 3)) {
    suggestions.push(
      `${quote(bullet)} says what you were responsible for, not what you achieved: start with an action verb and add the result, e.g. “Cut report time 40% by automating…”.`,
    );
  }
  const unquantified = bullets.filter((b) => !isQuantified(b) && !isWeakOpening(b));
  if (bullets.length > 0 && ratio(quantified.length, bullets.length) < 0.5 && unquantified[0]) {
    suggestions.push(
      `Only ${quantified.length} of ${bullets.length} bullets show a number. Quantify ${quote(unquantified[0])}: how much, how many, how fast, what it saved or earned.`,
    );
  }
  const long = bullets.filter((b) => wordCount(b) > 32)[0];
  if (long)
    suggestions.push(
      `${quote(long)} runs to ${wordCount(long)} words: split it or cut it to one or two lines.`,
    );
  const thin = entries.find((e) => e.bullets.length < 2);
  if (thin)
    suggestions.push(
      `The ${thin.title || thin.company} role has ${thin.bullets.length === 0 ? "no" : "one"} bullet${thin.bullets.length === 1 ? "" : "s"}: give it 2–5 achievements.`,
    );

  const score =
    SCORE_MAX *
    (0.35 * ratio(quantified.length, bullets.length) +
      0.25 * ratio(actionLed.length, bullets.length) +
      0.15 * ratio(wellSized.length, bullets.length) +
      0.15 * ratio(dated.length, entries.length) +
      0.1 * ratio(named.length, entries.length));
  return bullets.length === 0 ? Math.min(score, 3) : score;
}

function scoreEducation(entries: EducationEntry[], years: number, suggestions: string[]): number {
  if (entries.length === 0) {
    if (years < 5)
      suggestions.push("Add an Education section: institution, degree, field and graduation year.");
    return years >= 5 ? 5 : 0;
  }
  const best = Math.max(
    ...entries.map((e) => (e.institution ? 4 : 0) + (e.degree ? 3 : 0) + (e.end ? 2 : 0) + (e.field ? 1 : 0)),
  );
  const incomplete = entries.find((e) => !e.degree || !e.end);
  if (incomplete) {
    suggestions.push(
      `Complete the education entry for ${incomplete.institution || "your school"}: give the degree${incomplete.end ? "" : " and the graduation year"}.`,
    );
  }
  return best;
}

function scoreSkills(
  listed: string[],
  extracted: string[],
  target: RoleProfile | undefined,
  suggestions: string[],
): number {
  if (listed.length === 0) {
    suggestions.push(
      "Add a Skills section listing the tools and methods you use, the words recruiters search for.",
    );
    return Math.min(3, extracted.length * 0.3);
  }
  const recognized = listed.filter((s) => skillMatcher().canonical(s));
  let score = Math.min(7, recognized.length * 0.7);
  if (listed.length > 30) {
    suggestions.push(
      `Your skills list has ${listed.length} items: keep the 15–25 you are strongest in and most relevant to the job.`,
    );
    score -= 1;
  }
  if (target) {
    const wanted = target.required_skills.map((s) => skillMatcher().canonical(s) ?? s);
    const have = new Set(extracted);
    score += 3 * (wanted.filter((s) => have.has(s)).length / Math.max(wanted.length, 1));
  } else {
    score += 1.5;
  }
  return score;
}

function scoreProjects(doc: ResumeDocument, suggestions: string[]): number {
  const projects = doc.parsed.projects;
  if (projects.length === 0) return 0;
  const described = projects.filter((p) => wordCount(p.description) >= 8);
  const technical = projects.filter((p) => skillMatcher().count(p.description).size > 0);
  const vague = projects.find((p) => wordCount(p.description) < 8);
  if (vague)
    suggestions.push(
      `Say what “${vague.name}” does, what you built it with and what came of it (users, stars, a result).`,
    );
  return Math.min(
    10,
    4 + 3 * (described.length / projects.length) + 3 * (technical.length / projects.length),
  );
}

interface RoleMatch {
  target: RoleProfile | undefined;
  ranked: (RoleProfile & { fit: number })[];
  present: string[];
  missing: string[];
}

/** Roles ranked by the share of their required skills the resume shows; the target is chosen or the best. */
function matchRoles(extracted: string[], counts: Map<string, number>, options: AnalyzeOptions): RoleMatch {
  const have = withImplied(extracted);
  const matcher = skillMatcher();
  const ranked = options.roles
    .map((role) => {
      const wanted = role.required_skills.map((s) => matcher.canonical(s) ?? s);
      const fit = wanted.filter((s) => have.has(s) || counts.has(s)).length / Math.max(wanted.length, 1);
      return { ...role, fit };
    })
    .filter((r) => r.fit > 0)
    .sort((a, b) => b.fit - a.fit || a.title.localeCompare(b.title));
  const target = options.targetRoleId ? options.roles.find((r) => r.id === options.targetRoleId) : ranked[0];
  const wanted = target?.required_skills ?? [];
  const present = wanted.filter((s) => have.has(matcher.canonical(s) ?? s));
  const missing = wanted.filter((s) => !have.has(matcher.canonical(s) ?? s));
  return { target, ranked, present, missing };
}

const LEVELS: [RegExp, string][] = [
  [/ph\.?\s?d|doctor/i, "doctorate"],
  [/master|m\.?\s?s\.?c?\b|m\.?\s?a\b|mba|m\.?\s?tech|m\.?\s?eng|m\.?\s?e\b|ll\.?m/i, "masters"],
  [/bachelor|b\.?\s?s\.?c?\b|b\.?\s?a\b|b\.?\s?tech|b\.?\s?e\b|b\.?\s?eng|bba|b\.?\s?com|llb/i, "bachelors"],
  [/associate|a\.?\s?a\b|a\.?\s?s\b/i, "associate"],
  [/diploma|certificate/i, "diploma"],
  [/high school|secondary/i, "high_school"],
];

function educationLevel(entries: EducationEntry[]): string | null {
  for (const [pattern, level] of LEVELS) {
    if (entries.some((e) => e.degree && pattern.test(e.degree))) return level;
  }
  return entries.length > 0 ? "other" : null;
}

function feedback(f: {
  overall: number;
  experience: number;
  skills: number;
  summary: number;
  ats: number;
  years: number;
  target: string | undefined;
}): string {
  const strengths: string[] = [];
  const fixes: string[] = [];
  (f.experience >= 7 ? strengths : fixes).push(
    f.experience >= 7 ? "achievement-focused experience bullets" : "experience bullets that show results",
  );
  (f.skills >= 7 ? strengths : fixes).push(
    f.skills >= 7 ? "a relevant skills list" : "a skills list matched to the job",
  );
  (f.summary >= 7 ? strengths : fixes).push(f.summary >= 7 ? "a clear summary" : "a sharper summary");
  if (f.ats < 7) fixes.push("a format ATS software can read");
  const level =
    f.overall >= 8
      ? "strong"
      : f.overall >= 6
        ? "solid"
        : f.overall >= 4
          ? "promising but uneven"
          : "in need of work";
  const parts = [
    `A ${level} resume (${f.overall.toFixed(1)}/10) with ${f.years} year${f.years === 1 ? "" : "s"} of experience${f.target ? `, closest to ${f.target} roles` : ""}.`,
  ];
  if (strengths.length) parts.push(`It stands out for ${list(strengths)}.`);
  if (fixes.length) parts.push(`The biggest gains: ${list(fixes)} — see the suggestions.`);
  return parts.join(" ");
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function clamp(score: number): number {
  return Math.round(Math.min(SCORE_MAX, Math.max(0, score)) * 100) / 100;
}
