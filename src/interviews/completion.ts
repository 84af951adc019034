import type { Pool } from "../db/pool.ts";
import { many, one } from "../db/query.ts";
import { asService, type Tx } from "../db/scopes.ts";
import { AppError } from "../errors.ts";
import { setting } from "../system/settings.ts";
import { refreshAnalytics } from "./analytics.ts";
import { lockUserAnalytics, peerStanding } from "./analytics-queries.ts";
import type { ExperienceLevel } from "./feedback/benchmarks.ts";
import { interviewNotFound, invalidTransition, nextStatus } from "./lifecycle.ts";
import { buildReport } from "./report.ts";
import { storeSessionResults, upsertFeedback } from "./report-queries.ts";
import {
  activeSeconds,
  askedQuestions,
  callerPlan,
  lockOwnSession,
  recordTransition,
  roleOf,
  type SessionRow,
  sessionResponses,
  setStatus,
} from "./session-queries.ts";

export interface Completion {
  sessionId: string;
  userId: string;
  /** "user" when the candidate ends it; "time_limit" when max_interview_duration did. */
  reason: "user" | "time_limit";
  timeZone?: string | undefined;
  /** The most active time that may be recorded (the time limit), in seconds. */
  capSeconds?: number;
}

/**
 * Completes a session in one transaction: status and duration, the scores and narrative, the feedback row,
 * and the user's analytics and profile totals. Service scope, because those columns are the server's; the
 * session is looked up by id *and* owner, so a user can only complete their own.
 */
export function completeSession(pool: Pool, completion: Completion): Promise<SessionRow> {
  return asService(pool, async (tx) => {
    const { sessionId, userId } = completion;
    // The user's lock first, then the session's: the same order everywhere, so completions cannot deadlock.
    await many(tx, lockUserAnalytics, [userId]);
    const session = await one(tx, lockOwnSession, [sessionId, userId]);
    if (!session) throw interviewNotFound();
    if (!nextStatus(session.status, "complete")) throw invalidTransition(session.status, "complete");
    const firsts = (await many(tx, sessionResponses, [sessionId])).filter((r) => r.attempt === 1);
    const scoring = firsts.filter(
      (r) => r.scoring_status === "pending" && !r.gemini_analysis_raw?.awaiting_transcript,
    );
    if (completion.reason === "user" && scoring.length > 0)
      throw new AppError(
        "answers_pending",
        `${scoring.length === 1 ? "An answer is" : `${scoring.length} answers are`} still being transcribed and scored; complete the interview when ${scoring.length === 1 ? "it is" : "they are"} done.`,
        { question_orders: scoring.map((r) => r.question_order) },
      );
    if (completion.reason === "user" && !firsts.some((r) => r.scoring_status === "scored"))
      throw new AppError("no_answers");
    const measured = Math.floor((await one(tx, activeSeconds, [sessionId]))?.seconds ?? 0);
    const seconds =
      completion.capSeconds === undefined ? measured : Math.min(measured, completion.capSeconds);
    await many(tx, recordTransition, [sessionId, userId, session.status, "completed", completion.reason]);
    await one(tx, setStatus, [sessionId, "completed", seconds]);

    await writeResults(tx, session, userId, completion.timeZone);
    return (await one(tx, lockOwnSession, [sessionId, userId])) as SessionRow;
  });
}

/**
 * The session's scores and narrative, its feedback row and the user's analytics, from its answers as they
 * stand now. Run at completion, and again when an answer of a completed session is scored later (a
 * recording processed again).
 */
async function writeResults(tx: Tx, session: SessionRow, userId: string, timeZone?: string): Promise<void> {
  const sessionId = session.id;
  const questions = await many(tx, askedQuestions, [sessionId]);
  const firsts = (await many(tx, sessionResponses, [sessionId])).filter((r) => r.attempt === 1);
  const role = session.job_role_id ? await one(tx, roleOf, [session.job_role_id]) : undefined;
  const level = (await one(tx, callerPlan, [userId]))?.experience_level as ExperienceLevel | null;
  const { scores, feedback } = buildReport({
    roleTitle: role?.title ?? "General",
    roleSkills: role?.required_skills ?? [],
    experienceLevel: level ?? null,
    totalQuestions: session.total_questions,
    questions,
    responses: firsts,
  });
  await many(tx, storeSessionResults, [
    sessionId,
    scores.overall_score,
    scores.technical_score,
    scores.communication_score,
    scores.confidence_score,
    scores.ai_feedback,
    scores.strengths,
    scores.areas_for_improvement,
    scores.recommendations,
  ]);
  const peers = await peerComparison(tx, session.job_role_id, userId, scores.overall_score);
  await many(tx, upsertFeedback, [
    sessionId,
    userId,
    feedback.technical_feedback,
    feedback.behavioral_feedback,
    feedback.communication_feedback,
    feedback.short_term_goals,
    feedback.long_term_goals,
    JSON.stringify(feedback.recommended_resources),
    feedback.practice_suggestions,
    feedback.industry_benchmark_comparison,
    peers,
  ]);
  await refreshAnalytics(tx, userId, { timeZone });
}

/** A completed session's results written again after one of its answers was scored late. */
export function refreshCompletedSession(pool: Pool, sessionId: string, userId: string): Promise<void> {
  return asService(pool, async (tx) => {
    await many(tx, lockUserAnalytics, [userId]);
    const session = await one(tx, lockOwnSession, [sessionId, userId]);
    if (session?.status === "completed") await writeResults(tx, session, userId);
  });
}

/**
 * Where this session stands among other users' completed sessions for the role: a percentile from counts
 * only, and only when enough other people exist that no one's score can be inferred.
 */
async function peerComparison(
  tx: Tx,
  roleId: string | null,
  userId: string,
  overall: number | null,
): Promise<Record<string, unknown>> {
  const minimum = Number((await one(tx, setting, ["peer_comparison_min_peers"]))?.setting_value ?? 5);
  const min = Number.isInteger(minimum) && minimum >= 1 ? minimum : 5;
  if (!roleId || overall === null) return { available: false, min_peers: min, reason: "no score" };
  const standing = await one(tx, peerStanding, [roleId, userId, overall]);
  const peers = standing?.peers ?? 0;
  if (!standing || peers < min)
    return {
      available: false,
      min_peers: min,
      reason: `fewer than ${min} other people have completed this role`,
    };
  const percentile = Math.round(((standing.below + standing.equal / 2) / standing.sessions) * 100);
  return {
    available: true,
    min_peers: min,
    peers,
    sessions: standing.sessions,
    percentile,
    summary: `You scored higher than ${percentile}% of completed interviews for this role.`,
  };
}
