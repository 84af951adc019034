import { many, one } from "../db/query.ts";
import type { Tx } from "../db/scopes.ts";
import { AppError } from "../errors.ts";
import { round2 } from "../numbers.ts";
import { containsPhrase } from "../text.ts";
import {
  type CompletedSessionRow,
  completedSessions,
  knownTimeZone,
  lockUserAnalytics,
  type ScoredAnswerRow,
  scoredAnswers,
  sessionCounts,
  updateProfileTotals,
  upsertAnalytics,
} from "./analytics-queries.ts";
import { mean } from "./report.ts";

const DIMENSIONS = ["overall", "technical", "communication", "confidence"] as const;
const RECENT = 5;
const STRONG = 7;
const WEAK = 5.5;

export interface Point {
  session_id: string;
  completed_at: string;
  score: number;
}

export interface AnalyticsSummary {
  total_interviews: number;
  completed_interviews: number;
  average_score: number;
  best_score: number;
  latest_score: number;
  skill_improvements: {
    dimensions: Record<string, Point[]>;
    skills: Record<string, Point[]>;
    change: Record<string, number | null>;
  };
  weakness_areas: string[];
  strength_areas: string[];
  total_practice_time_minutes: number;
  sessions_this_week: number;
  sessions_this_month: number;
  preferred_job_roles: Record<string, RolePerformance>;
}

interface RolePerformance {
  title: string;
  sessions: number;
  average: number | null;
  best: number | null;
  latest: number | null;
  last_completed_at: string;
}

/**
 * Rewrites one user's analytics from their sessions, inside the caller's transaction (service scope). It
 * recomputes rather than increments, under a per-user lock, so two completions at once lose no update.
 */
export async function refreshAnalytics(
  tx: Tx,
  userId: string,
  at: { timeZone?: string | undefined; now?: Date } = {},
): Promise<AnalyticsSummary> {
  await many(tx, lockUserAnalytics, [userId]);
  const sessions = await many(tx, completedSessions, [userId]);
  const answers = await many(tx, scoredAnswers, [userId]);
  const counts = (await one(tx, sessionCounts, [userId, at.timeZone ?? "UTC", at.now ?? new Date()])) ?? {
    total: 0,
    week: 0,
    month: 0,
  };
  const summary = summarize(sessions, answers, counts);
  await many(tx, upsertAnalytics, [
    userId,
    summary.total_interviews,
    summary.completed_interviews,
    summary.average_score,
    summary.best_score,
    summary.latest_score,
    summary.skill_improvements,
    summary.weakness_areas,
    summary.strength_areas,
    summary.total_practice_time_minutes,
    summary.sessions_this_week,
    summary.sessions_this_month,
    summary.preferred_job_roles,
  ]);
  await many(tx, updateProfileTotals, [userId, summary.completed_interviews, summary.average_score]);
  return summary;
}

export function summarize(
  sessions: CompletedSessionRow[],
  answers: ScoredAnswerRow[],
  counts: { total: number; week: number; month: number },
): AnalyticsSummary {
  const scored = sessions.filter((s) => s.overall_score !== null);
  const overall = scored.map((s) => s.overall_score as number);
  const dimensions = Object.fromEntries(
    DIMENSIONS.map((d) => [d, series(sessions, (s) => s[`${d}_score`])]),
  ) as Record<string, Point[]>;
  const skills = skillSeries(sessions, answers);
  const recentAverages = new Map<string, number>();
  for (const [name, points] of [...Object.entries(dimensions), ...Object.entries(skills)]) {
    const recent = points.slice(-RECENT);
    if (recent.length === 0 || (!isDimension(name) && recent.length < 2)) continue;
    recentAverages.set(name, mean(recent.map((p) => p.score)) ?? 0);
  }
  const ranked = [...recentAverages.entries()].filter(([name]) => name !== "overall");
  return {
    total_interviews: Math.max(counts.total, sessions.length),
    completed_interviews: sessions.length,
    average_score: mean(overall) ?? 0,
    best_score: overall.length ? Math.max(...overall) : 0,
    latest_score: overall.at(-1) ?? 0,
    skill_improvements: {
      dimensions,
      skills,
      change: Object.fromEntries(
        [...Object.entries(dimensions), ...Object.entries(skills)].map(([name, points]) => [
          name,
          points.length >= 2 ? round2((points.at(-1)?.score ?? 0) - (points[0]?.score ?? 0)) : null,
        ]),
      ),
    },
    strength_areas: ranked
      .filter(([, v]) => v >= STRONG)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([name]) => name)
      .slice(0, 5),
    weakness_areas: ranked
      .filter(([, v]) => v < WEAK)
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
      .map(([name]) => name)
      .slice(0, 5),
    total_practice_time_minutes: Math.round(sessions.reduce((n, s) => n + (s.duration_seconds ?? 0), 0) / 60),
    sessions_this_week: counts.week,
    sessions_this_month: counts.month,
    preferred_job_roles: rolePerformance(sessions),
  };
}

function series(sessions: CompletedSessionRow[], value: (s: CompletedSessionRow) => number | null): Point[] {
  return sessions.flatMap((s) => {
    const score = value(s);
    return score === null ? [] : [{ session_id: s.id, completed_at: s.completed_at.toISOString(), score }];
  });
}

/**
 * Per skill, one point per session: the mean of that session's answers touching it. Skills are question types
 * ("behavioral answers") and the role's required skills that a question's keywords, text or resume skill name.
 */
function skillSeries(sessions: CompletedSessionRow[], answers: ScoredAnswerRow[]): Record<string, Point[]> {
  const bySession = new Map<string, ScoredAnswerRow[]>();
  for (const a of answers)
    bySession.set(a.interview_session_id, [...(bySession.get(a.interview_session_id) ?? []), a]);
  const out: Record<string, Point[]> = {};
  for (const session of sessions) {
    const groups = new Map<string, number[]>();
    for (const answer of bySession.get(session.id) ?? []) {
      for (const skill of skillsOf(answer, session.role_skills ?? []))
        groups.set(skill, [...(groups.get(skill) ?? []), answer.response_score]);
    }
    for (const [skill, scores] of [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      out[skill] ??= [];
      out[skill].push({
        session_id: session.id,
        completed_at: session.completed_at.toISOString(),
        score: mean(scores) ?? 0,
      });
    }
  }
  return out;
}

function skillsOf(answer: ScoredAnswerRow, roleSkills: string[]): string[] {
  const names = [`${answer.question_type} answers`];
  const haystack = [answer.question_text, answer.skill ?? "", ...answer.expected_answer_keywords]
    .join(" | ")
    .toLowerCase();
  for (const skill of roleSkills) if (containsPhrase(haystack, skill.toLowerCase())) names.push(skill);
  return names;
}

function rolePerformance(sessions: CompletedSessionRow[]): Record<string, RolePerformance> {
  const out: Record<string, RolePerformance> = {};
  for (const s of sessions) {
    if (!s.job_role_id) continue;
    const scores = sessions
      .filter((x) => x.job_role_id === s.job_role_id && x.overall_score !== null)
      .map((x) => x.overall_score as number);
    out[s.job_role_id] = {
      title: s.role_title ?? "",
      sessions: sessions.filter((x) => x.job_role_id === s.job_role_id).length,
      average: mean(scores),
      best: scores.length ? Math.max(...scores) : null,
      latest: scores.at(-1) ?? null,
      last_completed_at: s.completed_at.toISOString(),
    };
  }
  return out;
}

function isDimension(name: string): boolean {
  return (DIMENSIONS as readonly string[]).includes(name);
}

/** A time zone the database can count in, or a 400 naming the field. */
export async function checkTimeZone(tx: Tx, timeZone: string | undefined): Promise<void> {
  if (timeZone === undefined) return;
  if ((await one(tx, knownTimeZone, [timeZone]))?.known) return;
  throw new AppError(
    "validation_failed",
    `Some fields are missing or invalid (time_zone: ${timeZone} is not a known time zone).`,
    {
      issues: [{ field: "time_zone", message: "is not a known time zone" }],
    },
  );
}
