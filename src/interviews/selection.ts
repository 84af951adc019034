import { createHash } from "node:crypto";
import followUps from "./follow-ups.json" with { type: "json" };
import type { Difficulty, EvaluationCriteria, QuestionType } from "./scoring/types.ts";

export interface BankQuestion {
  id: string;
  question_text: string;
  question_type: QuestionType;
  difficulty_level: Difficulty;
  expected_answer_keywords: string[] | null;
  sample_answer: string | null;
  evaluation_criteria: Record<string, unknown> | null;
  time_limit_seconds: number | null;
}

export interface AskedQuestion {
  question_order: number;
  question_id: string | null;
  origin: "bank" | "resume" | "follow_up";
  question_text: string;
  question_type: QuestionType;
  difficulty_level: Difficulty;
  expected_answer_keywords: string[];
  sample_answer: string | null;
  evaluation_criteria: Record<string, unknown> | null;
  time_limit_seconds: number;
  skill: string | null;
}

export interface NewQuestion extends Omit<AskedQuestion, "question_order"> {
  follows_up_order: number | null;
}

export interface SelectionContext {
  sessionId: string;
  order: number;
  totalQuestions: number;
  difficulty: Difficulty | "mixed";
  bank: BankQuestion[];
  asked: AskedQuestion[];
  /** Bank questions from the user's recent sessions for the role: 0 = seen in the latest session. */
  recentlySeen: Map<string, number>;
  /** Skills the session's resume shares with the role, best first. */
  resumeSkills: string[];
  /** How the previous question was answered, when it was scored. */
  previous?: { question_order: number; response_score: number | null; keywords_mentioned: string[] | null };
}

// Warm up with background, then alternate behaviour and craft, closing loops with situational judgement.
const TYPE_CYCLE: QuestionType[] = [
  "behavioral",
  "technical",
  "situational",
  "technical",
  "behavioral",
  "technical",
  "general",
];
const DIFFICULTY_RANK: Record<Difficulty, number> = { easy: 0, medium: 1, hard: 2 };

export function plannedType(order: number): QuestionType {
  return order <= 1 ? "general" : (TYPE_CYCLE[(order - 2) % TYPE_CYCLE.length] as QuestionType);
}

/** Mixed sessions ramp from easy through medium to hard across the session. */
export function targetDifficulty(difficulty: Difficulty | "mixed", order: number, total: number): Difficulty {
  if (difficulty !== "mixed") return difficulty;
  const progress = total <= 1 ? 0 : (order - 1) / (total - 1);
  return progress < 1 / 3 ? "easy" : progress < 2 / 3 ? "medium" : "hard";
}

export function selectNextQuestion(ctx: SelectionContext): NewQuestion | undefined {
  const followUp = followUpQuestion(ctx);
  if (followUp) return followUp;
  const resume = resumeQuestion(ctx);
  if (resume) return resume;
  return bankQuestion(ctx);
}

function bankQuestion(ctx: SelectionContext): NewQuestion | undefined {
  const askedIds = new Set(ctx.asked.map((q) => q.question_id).filter(Boolean));
  const recency = ctx.recentlySeen;
  const oldest = Math.max(0, ...recency.values());
  const type = plannedType(ctx.order);
  const difficulty = targetDifficulty(ctx.difficulty, ctx.order, ctx.totalQuestions);
  const typeCounts = countBy(ctx.asked.map((q) => q.question_type));
  const ranked = ctx.bank
    .filter((q) => !askedIds.has(q.id))
    .map((q) => ({
      q,
      key: [
        // Never-seen questions first; among seen ones, those seen longest ago.
        recency.has(q.id) ? oldest + 1 - (recency.get(q.id) ?? 0) : 0,
        q.question_type === type ? 0 : 1 + (typeCounts.get(q.question_type) ?? 0),
        Math.abs(DIFFICULTY_RANK[q.difficulty_level] - DIFFICULTY_RANK[difficulty]),
      ],
      tie: stableHash(`${ctx.sessionId}:${q.id}`),
    }))
    .sort((a, b) => compareKeys(a.key, b.key) || a.tie.localeCompare(b.tie));
  const chosen = ranked[0]?.q;
  if (!chosen) return undefined;
  return {
    question_id: chosen.id,
    origin: "bank",
    question_text: chosen.question_text,
    question_type: chosen.question_type,
    difficulty_level: chosen.difficulty_level,
    expected_answer_keywords: chosen.expected_answer_keywords ?? [],
    sample_answer: chosen.sample_answer,
    evaluation_criteria: chosen.evaluation_criteria,
    time_limit_seconds: chosen.time_limit_seconds ?? 120,
    skill: null,
    follows_up_order: null,
  };
}

/** Every third question, while the resume has shared skills not yet asked about. */
function resumeQuestion(ctx: SelectionContext): NewQuestion | undefined {
  if (ctx.order % 3 !== 0) return undefined;
  const used = new Set(ctx.asked.map((q) => q.skill?.toLowerCase()).filter(Boolean));
  const skill = ctx.resumeSkills.find((s) => !used.has(s.toLowerCase()));
  if (!skill) return undefined;
  const variant = ctx.asked.filter((q) => q.origin === "resume").length % RESUME_TEMPLATES.length;
  const template = RESUME_TEMPLATES[variant] as ResumeTemplate;
  return {
    question_id: null,
    origin: "resume",
    question_text: template.text(skill),
    question_type: template.type,
    difficulty_level: targetDifficulty(ctx.difficulty, ctx.order, ctx.totalQuestions),
    expected_answer_keywords: [skill, ...template.keywords],
    sample_answer: template.sample(skill),
    evaluation_criteria: template.criteria(skill) as Record<string, unknown>,
    time_limit_seconds: 150,
    skill,
    follows_up_order: null,
  };
}

const FOLLOW_UPS: Record<QuestionType, string[]> = followUps;

/**
 * When the last answer missed most of its key points, dig into it once before moving on, in an
 * interviewer's words; what was missing stays the follow-up's expected keywords, for scoring only.
 */
function followUpQuestion(ctx: SelectionContext): NewQuestion | undefined {
  const previous = ctx.previous;
  const asked = ctx.asked.find((q) => q.question_order === previous?.question_order);
  if (!previous || !asked || asked.origin === "follow_up") return undefined;
  if (ctx.order >= ctx.totalQuestions) return undefined;
  const expected = asked.expected_answer_keywords;
  // Not clearly said, whether missing or only near: that is what to dig into.
  const said = new Set((previous.keywords_mentioned ?? []).map((k) => k.toLowerCase()));
  const missing = expected.filter((k) => !said.has(k.toLowerCase()));
  if (expected.length < 2 || missing.length / expected.length < 0.6) return undefined;
  if (previous.response_score === null || previous.response_score >= 5) return undefined;
  const focus = missing.slice(0, 2);
  const probes = FOLLOW_UPS[asked.question_type];
  const probe = probes[ctx.order % probes.length] ?? probes[0];
  return {
    question_id: asked.question_id,
    origin: "follow_up",
    question_text: `Let's stay with your last answer for a moment. ${probe}`,
    question_type: asked.question_type,
    difficulty_level: asked.difficulty_level,
    expected_answer_keywords: focus,
    sample_answer: asked.sample_answer,
    evaluation_criteria: asked.evaluation_criteria,
    time_limit_seconds: Math.max(90, Math.round(asked.time_limit_seconds * 0.75)),
    skill: asked.skill,
    follows_up_order: asked.question_order,
  };
}

interface ResumeTemplate {
  type: QuestionType;
  keywords: string[];
  text: (skill: string) => string;
  sample: (skill: string) => string;
  criteria: (skill: string) => EvaluationCriteria;
}

const RESUME_TEMPLATES: ResumeTemplate[] = [
  {
    type: "behavioral",
    keywords: ["situation", "my role", "result"],
    text: (s) =>
      `Your resume lists ${s}. Tell me about a time you used ${s} to solve a real problem: what was the situation, what did you do yourself, and what was the result?`,
    sample: (s) =>
      `On my last team our release process kept slipping, and I was asked to fix one painful part of it with ${s}. I started by measuring where the time went, then I used ${s} to rebuild that step, wrote down the approach and paired with two colleagues so it did not depend on me. The situation improved quickly: the step went from about two hours to twenty minutes and we cut failed releases by half over the next quarter. What I learned was to measure first and to make the change easy for others to own.`,
    criteria: (s) => ({
      strong: `A specific situation, the candidate's own actions with ${s}, and a measurable result, with a lesson learned.`,
      adequate: `A real example with ${s} but vague about the candidate's part or the outcome.`,
      weak: `Only says they know ${s}, no concrete example.`,
      key_points: [`A concrete use of ${s}`, "The candidate's own actions", "A measurable result"],
    }),
  },
  {
    type: "technical",
    keywords: ["trade-off", "pitfall", "project"],
    text: (s) =>
      `You mention ${s} on your resume. How have you used it in a real project, and what trade-off or pitfall did you learn to watch for?`,
    sample: (s) =>
      `I used ${s} as a core part of a project that served a few thousand users a day. I chose it because it fit the team's skills and the problem, but the trade-off was extra complexity in testing and operations. The pitfall I learned to watch for was relying on defaults: we hit a performance problem under load, I profiled it, changed the configuration and added a check in CI so it could not come back. Today I would document those decisions earlier.`,
    criteria: (s) => ({
      strong: `Explains a concrete project use of ${s}, a real trade-off and a pitfall with how it was handled.`,
      adequate: `Describes using ${s} correctly but without trade-offs.`,
      weak: `Generic description of ${s} with no project.`,
      key_points: [`Real project use of ${s}`, "A trade-off", "A pitfall and its fix"],
    }),
  },
  {
    type: "situational",
    keywords: ["approach", "priorities", "stakeholders"],
    text: (s) =>
      `Imagine you join a team whose ${s} work is behind schedule and poorly documented. With your ${s} experience, what would you do in your first two weeks?`,
    sample: (s) =>
      `First I would listen: talk to the people who depend on the ${s} work and find out what is late and why. Then I would read the code and tickets and write down what I learn, because the missing documentation is part of the problem. By the end of the first week I would agree with the lead on the two or three priorities that unblock the most, and in the second week deliver one of them myself, so the team sees progress, while sharing a short plan with stakeholders.`,
    criteria: (s) => ({
      strong: `A structured plan: learn the context, set priorities with stakeholders, deliver an early result in ${s}.`,
      adequate: "A reasonable plan without prioritisation or stakeholders.",
      weak: "Jumps straight into rewriting everything or has no plan.",
      key_points: ["Understand the context first", "Prioritise with stakeholders", "Deliver an early win"],
    }),
  },
];

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function stableHash(value: string): string {
  return createHash("sha1").update(value).digest("hex");
}
