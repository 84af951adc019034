import { round2 } from "../numbers.ts";
import { benchmarkFor, type ExperienceLevel } from "./feedback/benchmarks.ts";
import { pickResources } from "./feedback/resources.ts";
import type { AskedQuestionRow, ResponseRow } from "./session-queries.ts";

export interface ReportInput {
  roleTitle: string;
  roleSkills: string[];
  experienceLevel: ExperienceLevel | null;
  totalQuestions: number;
  questions: AskedQuestionRow[];
  /** First attempts only: the interview as it happened. */
  responses: ResponseRow[];
}

export interface SessionScores {
  overall_score: number | null;
  technical_score: number | null;
  communication_score: number | null;
  confidence_score: number | null;
  ai_feedback: string;
  strengths: string[];
  areas_for_improvement: string[];
  recommendations: string[];
}

export interface FeedbackContent {
  technical_feedback: Record<string, unknown>;
  behavioral_feedback: Record<string, unknown>;
  communication_feedback: Record<string, unknown>;
  short_term_goals: string[];
  long_term_goals: string[];
  recommended_resources: Record<string, unknown>[];
  practice_suggestions: string[];
  industry_benchmark_comparison: Record<string, unknown>;
}

type Dims = Record<"overall" | "technical" | "communication" | "confidence", number | null>;

interface Scored {
  q: AskedQuestionRow;
  r: ResponseRow & { response_score: number };
}

const STRONG = 7;
const WEAK = 5.5;

/** The session's scores, narrative and improvement plan, computed from its scored answers. Deterministic. */
export function buildReport(input: ReportInput): { scores: SessionScores; feedback: FeedbackContent } {
  const byOrder = new Map(input.questions.map((q) => [q.question_order, q]));
  const scored: Scored[] = input.responses
    .filter((r) => r.attempt === 1 && r.scoring_status === "scored" && r.response_score !== null)
    .flatMap((r) => {
      const q = byOrder.get(r.question_order);
      return q ? [{ q, r: r as Scored["r"] }] : [];
    });
  const dims: Dims = {
    overall: mean(scored.map((s) => s.r.response_score)),
    technical: mean(scored.map((s) => s.r.technical_accuracy)),
    communication: mean(scored.map((s) => s.r.communication_clarity)),
    confidence: mean(scored.map((s) => s.r.confidence_level)),
  };
  const byType = groupMeans(scored, (s) => [s.q.question_type]);
  const missed = topMissed(scored);
  const benchmark = benchmarkFor(input.roleTitle, input.experienceLevel ?? "mid");
  const strengths = strengthsOf(dims, byType, scored);
  const areas = areasOf(dims, byType, missed);
  const topics = weakTopics(dims, byType, missed, input.roleSkills);
  const resources = pickResources(topics, 6);
  const recommendations = recommendationsOf(dims, byType, missed, resources);

  const scores: SessionScores = {
    overall_score: dims.overall,
    technical_score: dims.technical,
    communication_score: dims.communication,
    confidence_score: dims.confidence,
    ai_feedback: narrative(input, scored, dims, byType, benchmark.expected.overall),
    strengths,
    areas_for_improvement: areas,
    recommendations,
  };
  const feedback: FeedbackContent = {
    technical_feedback: technicalFeedback(scored, dims, missed),
    behavioral_feedback: behavioralFeedback(scored),
    communication_feedback: communicationFeedback(scored, dims),
    short_term_goals: shortTermGoals(scored, dims, missed),
    long_term_goals: longTermGoals(input, dims, benchmark.expected),
    recommended_resources: resources.map((r) => ({ ...r })),
    practice_suggestions: practiceSuggestions(dims, byType, missed),
    industry_benchmark_comparison: {
      role: input.roleTitle,
      experience_level: input.experienceLevel ?? "mid",
      assumed_level: input.experienceLevel === null,
      expected: benchmark.expected,
      actual: dims,
      gaps: Object.fromEntries(
        (Object.keys(dims) as (keyof typeof dims)[]).map((d) => [
          d,
          dims[d] === null ? null : round2(dims[d] - benchmark.expected[d]),
        ]),
      ),
      note: benchmark.note,
      verdict: verdict(dims.overall, benchmark.expected.overall),
    },
  };
  return { scores, feedback };
}

function narrative(
  input: ReportInput,
  scored: Scored[],
  dims: Dims,
  byType: Map<string, number>,
  expected: number,
): string {
  if (scored.length === 0)
    return `No answer was scored in this ${input.roleTitle} interview, so there is nothing to grade yet. Start a new session and answer at least one question.`;
  const types = [...byType.entries()].sort((a, b) => b[1] - a[1]);
  const best = types[0];
  const worst = types.at(-1);
  const parts = [
    `You answered ${scored.length} of ${input.totalQuestions} questions for ${input.roleTitle} and scored ${fmt(dims.overall)} overall (${verdict(dims.overall, expected)} for the level: the expectation is about ${fmt(expected)}).`,
  ];
  if (best && worst && best[0] !== worst[0])
    parts.push(
      `Your ${label(best[0])} answers were strongest (${fmt(best[1])}); ${label(worst[0])} answers need the most work (${fmt(worst[1])}).`,
    );
  parts.push(
    `Technical accuracy ${fmt(dims.technical)}, communication ${fmt(dims.communication)}, confidence ${fmt(dims.confidence)}.`,
  );
  return parts.join(" ");
}

function strengthsOf(dims: Dims, byType: Map<string, number>, scored: Scored[]): string[] {
  const out: string[] = [];
  if ((dims.technical ?? 0) >= STRONG) out.push("Technically accurate answers that cover the key concepts");
  if ((dims.communication ?? 0) >= STRONG) out.push("Clear, well-structured delivery");
  if ((dims.confidence ?? 0) >= STRONG) out.push("Confident, first-person ownership of your work");
  for (const [type, value] of byType)
    if (value >= STRONG) out.push(`Strong ${label(type)} answers (${fmt(value)})`);
  const best = [...scored].sort((a, b) => b.r.response_score - a.r.response_score)[0];
  if (best && best.r.response_score >= STRONG)
    out.push(`Best answer: question ${best.q.question_order} (${fmt(best.r.response_score)})`);
  return out.slice(0, 6);
}

function areasOf(dims: Dims, byType: Map<string, number>, missed: string[]): string[] {
  const out: string[] = [];
  if (dims.technical !== null && dims.technical < WEAK)
    out.push("Technical depth: key concepts were missing");
  if (dims.communication !== null && dims.communication < WEAK)
    out.push("Structure: lead with the point, then the example, then the result");
  if (dims.confidence !== null && dims.confidence < WEAK)
    out.push("Confidence: fewer hedges, more 'I decided / I built'");
  for (const [type, value] of byType)
    if (value < WEAK) out.push(`${capital(label(type))} answers (${fmt(value)})`);
  if (missed.length > 0) out.push(`Concepts you often left out: ${missed.slice(0, 5).join(", ")}`);
  return out.slice(0, 6);
}

function weakTopics(
  dims: Dims,
  byType: Map<string, number>,
  missed: string[],
  roleSkills: string[],
): string[] {
  const topics = missed.map((m) => m.toLowerCase());
  if (dims.technical !== null && dims.technical < STRONG) topics.push("technical");
  if (dims.communication !== null && dims.communication < STRONG)
    topics.push("communication", "storytelling");
  if (dims.confidence !== null && dims.confidence < STRONG) topics.push("confidence");
  const behavioral = Math.min(byType.get("behavioral") ?? 10, byType.get("situational") ?? 10);
  if (behavioral < STRONG) topics.push("star method", "behavioral");
  topics.push(...roleSkills.map((s) => s.toLowerCase()));
  return topics;
}

function recommendationsOf(
  dims: Dims,
  byType: Map<string, number>,
  missed: string[],
  resources: { title: string }[],
): string[] {
  const out: string[] = [];
  const behavioral = Math.min(byType.get("behavioral") ?? 10, byType.get("situational") ?? 10);
  if (behavioral < STRONG)
    out.push(
      "Answer behavioural questions as Situation, Task, Action, Result, and end with a number or a lesson.",
    );
  if (missed.length > 0)
    out.push(`Prepare a two-sentence explanation for each of: ${missed.slice(0, 4).join(", ")}.`);
  if ((dims.confidence ?? 10) < STRONG)
    out.push("Replace 'I think maybe' with a clear statement of what you did and why.");
  if ((dims.communication ?? 10) < STRONG)
    out.push("Keep answers to about 1–2 minutes: point, example, result.");
  const first = resources[0];
  if (first) out.push(`Study: ${first.title}.`);
  if (out.length === 0) out.push("Try a harder session or a mock interview to keep stretching.");
  return out.slice(0, 6);
}

function technicalFeedback(scored: Scored[], dims: Dims, missed: string[]) {
  const technical = scored.filter((s) => s.q.question_type === "technical");
  return {
    score: dims.technical,
    technical_questions_score: mean(technical.map((s) => s.r.response_score)),
    summary:
      dims.technical === null
        ? "No scored answers."
        : dims.technical >= STRONG
          ? "Your answers covered the key concepts accurately."
          : "Several answers missed key concepts the interviewer was listening for.",
    missed_concepts: missed,
    questions: scored.map((s) => ({
      question_order: s.q.question_order,
      question: s.q.question_text,
      type: s.q.question_type,
      score: s.r.response_score,
      technical_accuracy: s.r.technical_accuracy,
      covered: s.r.keywords_mentioned ?? [],
      missed: s.r.missing_keywords ?? [],
    })),
  };
}

function behavioralFeedback(scored: Scored[]) {
  const stories = scored.filter(
    (s) => s.q.question_type === "behavioral" || s.q.question_type === "situational",
  );
  const score = mean(stories.map((s) => s.r.response_score));
  return {
    score,
    questions: stories.length,
    summary:
      score === null
        ? "No behavioural or situational question was answered."
        : score >= STRONG
          ? "Your stories had a clear situation, your own actions and a result."
          : "Your stories need a sharper structure: the situation, what you did yourself, and the measurable result.",
    answers: stories.map((s) => ({
      question_order: s.q.question_order,
      score: s.r.response_score,
      advice: s.r.suggested_improvement,
    })),
  };
}

function communicationFeedback(scored: Scored[], dims: Dims) {
  const paces = scored.map((s) => s.r.speech_pace).filter((p): p is number => p !== null);
  return {
    clarity: dims.communication,
    confidence: dims.confidence,
    speech_pace_wpm: mean(paces),
    filler_words: scored.reduce((n, s) => n + (s.r.filler_words_count ?? 0), 0),
    summary:
      dims.communication === null
        ? "No scored answers."
        : dims.communication >= STRONG
          ? "Clear and well organised."
          : "Lead with your main point and keep each answer to one example with a result.",
  };
}

function shortTermGoals(scored: Scored[], dims: Dims, missed: string[]): string[] {
  const weakest = [...scored].sort((a, b) => a.r.response_score - b.r.response_score).slice(0, 2);
  const goals = weakest
    .filter((s) => s.r.response_score < STRONG)
    .map(
      (s) =>
        `Re-answer question ${s.q.question_order} ("${truncate(s.q.question_text, 70)}")${
          (s.r.missing_keywords ?? []).length > 0
            ? ` covering ${(s.r.missing_keywords ?? []).slice(0, 3).join(", ")}`
            : ""
        }.`,
    );
  if (missed.length > 0) goals.push(`This week, review: ${missed.slice(0, 3).join(", ")}.`);
  if ((dims.overall ?? 10) < STRONG)
    goals.push("Complete two more practice sessions for this role this week.");
  return goals.length > 0 ? goals.slice(0, 4) : ["Take a hard-difficulty session to find your next edge."];
}

function longTermGoals(input: ReportInput, dims: Dims, expected: Record<string, number>): string[] {
  const goals: string[] = [];
  for (const d of ["technical", "communication", "confidence"] as const) {
    const actual = dims[d];
    const target = expected[d] ?? 7;
    if (actual !== null && actual < target)
      goals.push(`Raise your ${d} score from ${fmt(actual)} to ${fmt(target)} over the next month.`);
  }
  goals.push(`Pass a mock ${input.roleTitle} interview with 8.0 or more.`);
  return goals.slice(0, 4);
}

function practiceSuggestions(dims: Dims, byType: Map<string, number>, missed: string[]): string[] {
  const out: string[] = [];
  const weakestType = [...byType.entries()].sort((a, b) => a[1] - b[1])[0];
  if (weakestType && weakestType[1] < STRONG)
    out.push(`Practise ${label(weakestType[0])} questions until they score 7 or more.`);
  out.push("Record yourself answering and listen back for hedges and filler words.");
  if (missed.length > 0) out.push(`Write flash cards for ${missed.slice(0, 5).join(", ")}.`);
  if ((dims.communication ?? 10) < STRONG) out.push("Rehearse answers that fit in two minutes.");
  out.push("Prepare five STAR stories from your own work that you can adapt to many questions.");
  return out.slice(0, 5);
}

function topMissed(scored: Scored[]): string[] {
  const counts = new Map<string, number>();
  for (const s of scored) for (const k of s.r.missing_keywords ?? []) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k]) => k)
    .slice(0, 8);
}

function groupMeans(scored: Scored[], keys: (s: Scored) => string[]): Map<string, number> {
  const groups = new Map<string, number[]>();
  for (const s of scored)
    for (const k of keys(s)) groups.set(k, [...(groups.get(k) ?? []), s.r.response_score]);
  const out = new Map<string, number>();
  for (const [k, values] of groups) out.set(k, mean(values) ?? 0);
  return out;
}

export function mean(values: (number | null | undefined)[]): number | null {
  const nums = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  return nums.length === 0 ? null : round2(nums.reduce((a, b) => a + b, 0) / nums.length);
}

function verdict(actual: number | null, expected: number): string {
  if (actual === null) return "not graded";
  if (actual >= expected + 0.75) return "above expectations";
  if (actual >= expected - 0.75) return "in line with expectations";
  return "below expectations";
}

function fmt(n: number | null | undefined): string {
  return n === null || n === undefined ? "n/a" : n.toFixed(1);
}
function label(type: string): string {
  return type === "behavioral" ? "behavioural" : type;
}
function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
