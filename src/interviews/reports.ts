import type { Caller } from "../auth/service.ts";
import type { Pool } from "../db/pool.ts";
import { many, one } from "../db/query.ts";
import { asUser } from "../db/scopes.ts";
import { AppError } from "../errors.ts";
import { checkTimeZone } from "./analytics.ts";
import { ownAnalytics, sessionCounts } from "./analytics-queries.ts";
import { interviewNotFound } from "./lifecycle.ts";
import { ownFeedback } from "./report-queries.ts";
import { askedQuestions, ownSession, roleOf, sessionResponses, transitionsOf } from "./session-queries.ts";

type User = Extract<Caller, { kind: "user" }>;

/** Read models: the report page and the progress page, each in one response, under the caller's RLS. */
export class InterviewReports {
  constructor(private readonly pool: Pool) {}

  report(caller: User, id: string) {
    return asUser(this.pool, caller.claims, async (tx) => {
      const session = await one(tx, ownSession, [id]);
      if (!session) throw interviewNotFound();
      if (session.status !== "completed")
        throw new AppError("report_not_ready", undefined, { status: session.status });
      const questions = await many(tx, askedQuestions, [id]);
      const responses = await many(tx, sessionResponses, [id]);
      const feedback = await one(tx, ownFeedback, [id]);
      const history = await many(tx, transitionsOf, [id]);
      const role = session.job_role_id ? await one(tx, roleOf, [session.job_role_id]) : undefined;
      return {
        session,
        role: role ? { id: role.id, title: role.title, required_skills: role.required_skills } : null,
        questions: questions.map((q) => {
          const attempts = responses.filter((r) => r.question_order === q.question_order);
          const first = attempts.find((r) => r.attempt === 1) ?? null;
          const latest = attempts.at(-1) ?? null;
          const change =
            first &&
            latest &&
            latest !== first &&
            first.response_score !== null &&
            latest.response_score !== null
              ? Math.round((latest.response_score - first.response_score) * 100) / 100
              : null;
          return { ...q, answer: first, attempts, score_change: change };
        }),
        feedback: feedback ?? null,
        history,
        ended_by: history.at(-1)?.reason ?? null,
      };
    });
  }

  analytics(caller: User, timeZone: string, now = new Date()) {
    return asUser(this.pool, caller.claims, async (tx) => {
      await checkTimeZone(tx, timeZone);
      const stored = await one(tx, ownAnalytics);
      const counts = await one(tx, sessionCounts, [caller.user.id, timeZone, now]);
      const base = stored ?? {
        user_id: caller.user.id,
        total_interviews: counts?.total ?? 0,
        completed_interviews: 0,
        average_score: 0,
        best_score: 0,
        latest_score: 0,
        skill_improvements: { dimensions: {}, skills: {}, change: {} },
        weakness_areas: [],
        strength_areas: [],
        total_practice_time_minutes: 0,
        preferred_job_roles: {},
        last_updated: null,
      };
      // Week and month depend on where the user is and on today, so they are counted at read time.
      return {
        ...base,
        sessions_this_week: counts?.week ?? 0,
        sessions_this_month: counts?.month ?? 0,
        time_zone: timeZone,
      };
    });
  }
}
