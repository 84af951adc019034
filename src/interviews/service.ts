import type { Caller } from "../auth/service.ts";
import type { Pool } from "../db/pool.ts";
import { many, one } from "../db/query.ts";
import { asService, asUser, type Tx } from "../db/scopes.ts";
import { AppError } from "../errors.ts";
import type { EventBus } from "../events/bus.ts";
import type { Logger } from "../logger.ts";
import type { ObjectStore } from "../storage/objects.ts";
import { setting } from "../system/settings.ts";
import { checkTimeZone, refreshAnalytics } from "./analytics.ts";
import { completeSession } from "./completion.ts";
import {
  allowedActions,
  invalidTransition,
  nextStatus,
  interviewNotFound as notFound,
  type SessionAction,
  type SessionStatus,
} from "./lifecycle.ts";
import { effectivePlan, limitsFor } from "./plans.ts";
import { type ScoringDependencies, scoreAnswer } from "./scoring/score.ts";
import { scoreSpoken, type VoiceEvidence } from "./scoring/spoken.ts";
import type { EvaluationCriteria, ScoringInput, ScoringResult } from "./scoring/types.ts";
import { type BankQuestion, selectNextQuestion } from "./selection.ts";
import {
  type AskedQuestionRow,
  activeSeconds,
  askedQuestion,
  askedQuestions,
  askQuestion,
  callerPlan,
  candidateQuestions,
  countAnswered,
  dropFailedAnswer,
  insertResponse,
  insertSession,
  lockOwnSession,
  lockPlanUsage,
  markScoringFailed,
  monthSessionCount,
  overdueSessions,
  ownSession,
  ownSessions,
  type ResponseRow,
  recentlyAsked,
  recordTransition,
  resumeOf,
  resumeSkills,
  roleOf,
  runningSeconds,
  type SessionRow,
  sessionResponses,
  setStatus,
  storeScores,
  transitionsOf,
} from "./session-queries.ts";

type User = Extract<Caller, { kind: "user" }>;

export interface CreateInput {
  job_role_id: string;
  resume_id?: string | null;
  session_name?: string | null;
  session_type?: "practice" | "assessment" | "mock";
  difficulty_level?: "easy" | "medium" | "hard" | "mixed";
  total_questions?: number;
  scheduled_at?: string | null;
}

export interface InterviewDependencies {
  pool: Pool;
  log: Logger;
  events: EventBus | undefined;
  scoring: Omit<ScoringDependencies, "pool">;
  /** Where a replaced answer's recording is removed from. */
  store?: ObjectStore | undefined;
}

/** Interview sessions: the state machine, question selection, answers and their scores. */
export class InterviewService {
  constructor(private readonly deps: InterviewDependencies) {}

  async create(caller: User, input: CreateInput): Promise<SessionRow> {
    const session = await asUser(this.deps.pool, caller.claims, async (tx) => {
      // Serializes this user's creations so two at once cannot both slip under the monthly limit.
      await many(tx, lockPlanUsage, [caller.user.id]);
      const role = await one(tx, roleOf, [input.job_role_id]);
      if (!role?.is_active) throw new AppError("not_found", "There is no such job role.");
      if (input.resume_id && !(await one(tx, resumeOf, [input.resume_id])))
        throw new AppError("not_found", "There is no such resume.");
      const total = await this.checkPlan(tx, caller, input.total_questions);
      const row = await one(tx, insertSession, [
        role.id,
        input.resume_id ?? null,
        input.session_name ?? `${role.title} interview`,
        input.session_type ?? "practice",
        input.difficulty_level ?? "medium",
        total,
        input.scheduled_at ?? null,
      ]);
      if (!row) throw new AppError("internal");
      await many(tx, recordTransition, [row.id, caller.user.id, null, "scheduled", "created"]);
      return row;
    });
    return session;
  }

  /** Applies the plan: its monthly session limit, and questions per session (the default is capped by it). */
  private async checkPlan(tx: Tx, caller: User, requested: number | undefined): Promise<number> {
    const profile = await one(tx, callerPlan, [caller.user.id]);
    const plan = effectivePlan(profile, new Date());
    const limits = limitsFor(plan, (await one(tx, setting, ["plan_limits"]))?.setting_value);
    if (limits.sessions_per_month !== null) {
      const used = (await one(tx, monthSessionCount, [caller.user.id]))?.count ?? 0;
      if (used >= limits.sessions_per_month)
        throw new AppError(
          "plan_limit_reached",
          `Your ${plan} plan includes ${limits.sessions_per_month} interviews a month and you have used them all; the count starts again on the 1st.`,
          { plan, limit: "sessions_per_month", allowed: limits.sessions_per_month, used },
        );
    }
    const maxQuestions = limits.questions_per_session;
    if (requested !== undefined) {
      if (maxQuestions !== null && requested > maxQuestions)
        throw new AppError(
          "plan_limit_reached",
          `Your ${plan} plan allows up to ${maxQuestions} questions per interview.`,
          { plan, limit: "questions_per_session", allowed: maxQuestions, requested },
        );
      return requested;
    }
    const fallback = Number(
      (await one(tx, setting, ["default_questions_per_interview"]))?.setting_value ?? 10,
    );
    const wanted = Number.isInteger(fallback) && fallback > 0 ? fallback : 10;
    return maxQuestions === null ? wanted : Math.min(wanted, maxQuestions);
  }

  list(
    caller: User,
    filter: { status?: SessionStatus; limit: number; offset: number },
  ): Promise<SessionRow[]> {
    return asUser(this.deps.pool, caller.claims, (tx) =>
      many(tx, ownSessions, [filter.status ?? null, filter.limit, filter.offset]),
    );
  }

  async get(caller: User, id: string) {
    await this.enforceTimeLimit(caller, id);
    return asUser(this.deps.pool, caller.claims, async (tx) => {
      const session = await one(tx, ownSession, [id]);
      if (!session) throw notFound();
      // One transaction is one connection: its queries run one after another.
      const questions = await many(tx, askedQuestions, [id]);
      const responses = await many(tx, sessionResponses, [id]);
      const history = await many(tx, transitionsOf, [id]);
      const active = await one(tx, activeSeconds, [id]);
      return {
        ...session,
        active_seconds: Math.floor(active?.seconds ?? 0),
        allowed_actions: allowedActions(session.status),
        questions: questions.map(publicQuestion),
        responses,
        history,
      };
    });
  }

  async transition(caller: User, id: string, action: SessionAction, timeZone?: string): Promise<SessionRow> {
    const max = await this.enforceTimeLimit(caller, id);
    if (timeZone !== undefined)
      await asUser(this.deps.pool, caller.claims, (tx) => checkTimeZone(tx, timeZone));
    if (action === "complete") {
      const session = await completeSession(this.deps.pool, {
        capSeconds: max,
        sessionId: id,
        userId: caller.user.id,
        reason: "user",
        timeZone,
      });
      await this.publish(caller.user.id, "report.ready", {
        session_id: id,
        overall_score: session.overall_score,
      });
      return session;
    }
    const session = await asUser(this.deps.pool, caller.claims, async (tx) => {
      const current = await one(tx, lockOwnSession, [id, caller.user.id]);
      if (!current) throw notFound();
      const to = nextStatus(current.status, action);
      if (!to) throw invalidTransition(current.status, action);
      const seconds = Math.floor((await one(tx, activeSeconds, [id]))?.seconds ?? 0);
      await many(tx, recordTransition, [id, caller.user.id, current.status, to, "user"]);
      return (await one(tx, setStatus, [id, to, seconds])) as SessionRow;
    });
    // The move is committed; analytics catch up now, or at the next completion if this fails.
    if (action === "start" || action === "cancel")
      await asService(this.deps.pool, (tx) => refreshAnalytics(tx, caller.user.id)).catch((error) =>
        this.deps.log.warn({ err: error }, "could not refresh analytics"),
      );
    await this.publish(caller.user.id, "session.status", { session_id: id, status: session.status });
    return session;
  }

  /** The question being asked now: the unanswered one, or a newly chosen one; null when all were asked. */
  async nextQuestion(caller: User, id: string) {
    await this.enforceTimeLimit(caller, id);
    return asUser(this.deps.pool, caller.claims, async (tx) => {
      const session = await this.lockActive(tx, caller, id);
      const asked = await many(tx, askedQuestions, [id]);
      const responses = (await many(tx, sessionResponses, [id])).filter((r) => r.attempt === 1);
      const answered = new Set(responses.map((r) => r.question_order));
      const pending = asked.find((q) => !answered.has(q.question_order));
      const progress = { asked: asked.length, answered: answered.size, total: session.total_questions };
      if (pending) return { question: publicQuestion(pending), ...progress };
      if (asked.length >= session.total_questions) return { question: null, ...progress };
      const chosen = selectNextQuestion({
        sessionId: id,
        order: asked.length + 1,
        totalQuestions: session.total_questions,
        difficulty: session.difficulty_level,
        bank: session.job_role_id
          ? ((await many(tx, candidateQuestions, [session.job_role_id])) as BankQuestion[])
          : [],
        asked,
        recentlySeen: session.job_role_id ? await this.recentlySeen(tx, session.job_role_id, id) : new Map(),
        resumeSkills: await this.sharedSkills(tx, session),
        previous: previousAnswer(asked, responses),
      });
      if (!chosen) return { question: null, ...progress, exhausted: true };
      const row = await one(tx, askQuestion, [
        id,
        asked.length + 1,
        chosen.question_id,
        chosen.origin,
        chosen.question_text,
        chosen.question_type,
        chosen.difficulty_level,
        chosen.expected_answer_keywords,
        chosen.sample_answer,
        chosen.evaluation_criteria,
        chosen.time_limit_seconds,
        chosen.skill,
        chosen.follows_up_order,
      ]);
      if (!row)
        throw new AppError(
          "conflict",
          "Another request asked the next question at the same time; try again.",
        );
      return { question: publicQuestion(row), ...progress, asked: progress.asked + 1 };
    });
  }

  async answer(
    caller: User,
    id: string,
    input: { question_order: number; text: string; response_duration_seconds?: number | null },
  ): Promise<ResponseRow> {
    const { response, question } = await this.claimAnswer(caller, id, input.question_order, {
      text: input.text,
      durationSeconds: input.response_duration_seconds ?? null,
    });
    return this.score(caller.user.id, response, question);
  }

  /**
   * Records the answer to an asked question of an in-progress session: one per question, so a double submit
   * finds it taken. An answer that could not be scored (a recording without speech) may be given again.
   */
  async claimAnswer(
    caller: User,
    id: string,
    order: number,
    answer: { text: string | null; durationSeconds: number | null },
  ): Promise<{ response: ResponseRow; question: AskedQuestionRow }> {
    await this.enforceTimeLimit(caller, id);
    const claimed = await asUser(this.deps.pool, caller.claims, async (tx) => {
      await this.lockActive(tx, caller, id);
      // A recording that failed may be answered again: its row goes in this transaction, its file after.
      const dropped = await many(tx, dropFailedAnswer, [id, order, caller.user.id]);
      const question = await one(tx, askedQuestion, [id, order]);
      if (!question)
        throw new AppError("question_not_asked", `Question ${order} has not been asked in this interview.`);
      const response = await one(tx, insertResponse, [
        id,
        question.question_id,
        order,
        answer.text,
        answer.durationSeconds,
        1,
        null,
        null,
      ]);
      if (!response) throw new AppError("already_answered", `Question ${order} has already been answered.`);
      await many(tx, countAnswered, [id]);
      return { response, question, dropped };
    });
    const recordings = claimed.dropped.flatMap((d) =>
      d.audio_file_path ? [d.audio_file_path.replace(/^interview-audio\//, "")] : [],
    );
    if (recordings.length > 0)
      await this.deps.store?.remove(caller, "interview-audio", recordings).catch((error) => {
        this.deps.log.warn({ err: error }, "could not remove a replaced recording");
      });
    return { response: claimed.response, question: claimed.question };
  }

  /**
   * The candidate passes on a question: recorded as answered with nothing, scored 0 with every expected
   * point missing — as an interviewer would count it — and open to a re-attempt after the interview.
   */
  async skip(caller: User, id: string, order: number): Promise<ResponseRow> {
    const { response, question } = await this.claimAnswer(caller, id, order, {
      text: null,
      durationSeconds: null,
    });
    const keywords = question.expected_answer_keywords;
    const stored = await asService(this.deps.pool, (tx) =>
      one(tx, storeScores, [
        response.id,
        0,
        0,
        0,
        0,
        "You skipped this question. In a real interview, a short honest attempt (how you would find out, a related example) beats silence.",
        [],
        keywords,
        keywords.length > 0
          ? `Prepare a two-sentence answer covering ${keywords.slice(0, 3).join(", ")}, then re-answer it from the report.`
          : "Prepare a short answer and re-answer it from the report.",
        "Skipped: no comparison with the sample answer.",
        0,
        { provider: "none", skipped: true },
        null,
        null,
      ]),
    );
    await this.publish(caller.user.id, "answer.scored", {
      session_id: id,
      question_order: order,
      attempt: 1,
      response_score: 0,
      skipped: true,
    });
    return stored ?? response;
  }

  /** After the interview: answer one of its questions again, as a new attempt linked to the first. */
  async retry(caller: User, id: string, order: number, text: string): Promise<ResponseRow> {
    const { response, question } = await asUser(this.deps.pool, caller.claims, async (tx) => {
      const session = await one(tx, lockOwnSession, [id, caller.user.id]);
      if (!session) throw notFound();
      if (session.status !== "completed")
        throw new AppError(
          "session_not_active",
          "Questions can be answered again once the interview is completed.",
          {
            status: session.status,
          },
        );
      const question = await one(tx, askedQuestion, [id, order]);
      if (!question)
        throw new AppError("question_not_asked", `Question ${order} was not asked in this interview.`);
      const attempts = (await many(tx, sessionResponses, [id])).filter((r) => r.question_order === order);
      const first = attempts.find((r) => r.attempt === 1);
      if (!first)
        throw new AppError(
          "question_not_answered",
          `Question ${order} was not answered during the interview, so there is nothing to try again.`,
        );
      const response = await one(tx, insertResponse, [
        id,
        question.question_id,
        order,
        text,
        null,
        Math.max(0, ...attempts.map((r) => r.attempt)) + 1,
        first.id,
        null,
      ]);
      if (!response) throw new AppError("conflict", "Another attempt was saved at the same time; try again.");
      return { response, question };
    });
    return this.score(caller.user.id, response, question);
  }

  /**
   * Scores a stored answer and keeps the result; a failure leaves the answer saved and marked failed. A
   * spoken answer brings its transcript and speech metrics: key terms the recognizer was unsure of count as
   * possibly said, not missing, and confidence comes from the delivery.
   */
  async score(
    userId: string,
    response: ResponseRow,
    question: AskedQuestionRow,
    voice?: VoiceEvidence,
  ): Promise<ResponseRow> {
    let result: ScoringResult;
    try {
      const input = scoringInput(question, response);
      result = voice
        ? await scoreSpoken({ pool: this.deps.pool, ...this.deps.scoring }, input, voice, userId)
        : await scoreAnswer({ pool: this.deps.pool, ...this.deps.scoring }, input, userId);
    } catch (error) {
      this.deps.log.error({ err: error, response: response.id }, "scoring an answer failed");
      await asService(this.deps.pool, (tx) =>
        many(tx, markScoringFailed, [response.id, SCORING_FAILED, null]),
      );
      return { ...response, scoring_status: "failed" };
    }
    let stored: ResponseRow | undefined;
    try {
      stored = await asService(this.deps.pool, (tx) =>
        one(tx, storeScores, [
          response.id,
          result.response_score,
          result.technical_accuracy,
          result.communication_clarity,
          result.relevance_score,
          result.ai_feedback,
          result.keywords_mentioned,
          result.missing_keywords,
          result.suggested_improvement,
          result.ideal_answer_comparison,
          result.confidence_level,
          result.raw,
          // DECIMAL(5,2): a provider's odd word timings must not make the answer unstorable.
          voice?.metrics.speech_pace == null ? null : Math.min(voice.metrics.speech_pace, 999.99),
          voice?.metrics.filler_words_count ?? null,
        ]),
      );
    } catch (error) {
      this.deps.log.error({ err: error, response: response.id }, "storing an answer's scores failed");
      await asService(this.deps.pool, (tx) =>
        many(tx, markScoringFailed, [response.id, SCORING_FAILED, null]),
      );
      return { ...response, scoring_status: "failed" };
    }
    await this.publish(userId, "answer.scored", {
      session_id: response.interview_session_id,
      question_order: response.question_order,
      attempt: response.attempt,
      response_score: result.response_score,
    });
    return stored ?? response;
  }

  /** Ends sessions that ran past max_interview_duration, as completed with what was answered. */
  async completeOverdue(): Promise<number> {
    const { pool } = this.deps;
    const max = await maxDuration(pool);
    const overdue = await asService.read(pool, overdueSessions, [max]);
    for (const row of overdue)
      await this.expire(row.id, row.user_id, max).catch((error) =>
        this.deps.log.warn({ err: error, session: row.id }, "could not end an overdue interview"),
      );
    return overdue.length;
  }

  /** Ends the caller's session if it ran past the time limit; returns the limit. */
  private async enforceTimeLimit(caller: User, id: string): Promise<number> {
    const max = await maxDuration(this.deps.pool);
    const [running] = await asService.read(this.deps.pool, runningSeconds, [id, caller.user.id]);
    if (running && running.seconds > max) await this.expire(id, caller.user.id, max);
    return max;
  }

  private async expire(id: string, userId: string, max: number): Promise<void> {
    try {
      const session = await completeSession(this.deps.pool, {
        sessionId: id,
        userId,
        reason: "time_limit",
        capSeconds: max,
      });
      await this.publish(userId, "report.ready", {
        session_id: id,
        overall_score: session.overall_score,
        reason: "time_limit",
      });
    } catch (error) {
      // Another request completed it first: the outcome is the same.
      if (!(error instanceof AppError && error.code === "invalid_transition")) throw error;
    }
  }

  private async lockActive(tx: Tx, caller: User, id: string): Promise<SessionRow> {
    const session = await one(tx, lockOwnSession, [id, caller.user.id]);
    if (!session) throw notFound();
    if (session.status !== "in_progress")
      throw new AppError(
        "session_not_active",
        session.status === "completed"
          ? "The interview is completed; answer its questions again from the report."
          : `The interview is ${session.status.replace("_", " ")}; ${session.status === "paused" ? "resume" : "start"} it first.`,
        { status: session.status, allowed_actions: allowedActions(session.status) },
      );
    return session;
  }

  private async recentlySeen(tx: Tx, roleId: string, sessionId: string): Promise<Map<string, number>> {
    const window = Number((await one(tx, setting, ["question_repeat_window_sessions"]))?.setting_value ?? 3);
    const rows = await many(tx, recentlyAsked, [
      roleId,
      sessionId,
      Number.isInteger(window) && window >= 0 ? window : 3,
    ]);
    return new Map(rows.map((r) => [r.question_id, r.recency]));
  }

  private async sharedSkills(tx: Tx, session: SessionRow): Promise<string[]> {
    if (!session.resume_id || !session.job_role_id) return [];
    const analysis = await one(tx, resumeSkills, [session.resume_id]);
    const role = await one(tx, roleOf, [session.job_role_id]);
    if (!analysis || !role) return [];
    const roleSkills = new Map(role.required_skills.map((s) => [s.toLowerCase(), s]));
    const shared = (analysis.extracted_skills ?? []).filter((s) => roleSkills.has(s.toLowerCase()));
    const relevant = (analysis.relevant_keywords ?? []).filter(
      (s) => !shared.some((x) => x.toLowerCase() === s.toLowerCase()),
    );
    return [...shared, ...relevant];
  }

  private async publish(userId: string, type: string, data: Record<string, unknown>): Promise<void> {
    try {
      await this.deps.events?.publish(userId, { type, data });
    } catch (error) {
      this.deps.log.warn({ err: error, type }, "could not publish an event");
    }
  }
}

/** A failed scoring's message: the answer is kept and can be scored again. */
const SCORING_FAILED =
  "Scoring this answer stopped on an error on our side. Your answer is kept: choose “Process again” on the report to score it once more.";

export async function maxDuration(pool: Pool): Promise<number> {
  const rows = await asService.read(pool, setting, ["max_interview_duration"]);
  const value = Number(rows[0]?.setting_value ?? 3600);
  return Number.isFinite(value) && value > 0 ? value : 3600;
}

function scoringInput(question: AskedQuestionRow, response: ResponseRow): ScoringInput {
  return {
    question: question.question_text,
    questionType: question.question_type,
    difficultyLevel: question.difficulty_level,
    expectedKeywords: question.expected_answer_keywords,
    sampleAnswer: question.sample_answer,
    evaluationCriteria: question.evaluation_criteria as EvaluationCriteria | null,
    timeLimitSeconds: question.time_limit_seconds,
    answer: response.transcribed_text ?? "",
    responseDurationSeconds: response.response_duration_seconds,
  };
}

function previousAnswer(asked: AskedQuestionRow[], responses: ResponseRow[]) {
  const last = asked.at(-1);
  const response = responses.find((r) => r.question_order === last?.question_order);
  if (!last || !response || response.scoring_status !== "scored") return undefined;
  return {
    question_order: last.question_order,
    response_score: response.response_score,
    keywords_mentioned: response.keywords_mentioned,
  };
}

/** What the candidate sees of an asked question: never the sample answer or the grading criteria. */
export function publicQuestion(q: AskedQuestionRow) {
  return {
    question_order: q.question_order,
    question_id: q.question_id,
    origin: q.origin,
    question_text: q.question_text,
    question_type: q.question_type,
    difficulty_level: q.difficulty_level,
    time_limit_seconds: q.time_limit_seconds,
    skill: q.skill,
    follows_up_order: q.follows_up_order,
    asked_at: q.asked_at,
  };
}
