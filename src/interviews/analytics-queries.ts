import { query } from "../db/query.ts";

export type CompletedSessionRow = {
  id: string;
  job_role_id: string | null;
  role_title: string | null;
  role_skills: string[] | null;
  completed_at: Date;
  duration_seconds: number | null;
  overall_score: number | null;
  technical_score: number | null;
  communication_score: number | null;
  confidence_score: number | null;
};

export type ScoredAnswerRow = {
  interview_session_id: string;
  question_type: string;
  expected_answer_keywords: string[];
  skill: string | null;
  question_text: string;
  response_score: number;
};

/** Serializes everything that rewrites one user's analytics, so concurrent completions lose nothing. */
export const lockUserAnalytics = query(
  "analytics.lock_user",
  "select pg_advisory_xact_lock(hashtextextended('rehearse.analytics:' || $1::text, 0))",
);
export const completedSessions = query<CompletedSessionRow>(
  "analytics.completed_sessions",
  `select s.id, s.job_role_id, r.title as role_title, r.required_skills as role_skills, s.completed_at,
     s.duration_seconds, s.overall_score, s.technical_score, s.communication_score, s.confidence_score
   from public.interview_sessions s left join public.job_roles r on r.id = s.job_role_id
   where s.user_id = $1 and s.status = 'completed' order by s.completed_at, s.id`,
);
export const scoredAnswers = query<ScoredAnswerRow>(
  "analytics.scored_answers",
  `select r.interview_session_id, q.question_type, q.expected_answer_keywords, q.skill, q.question_text,
     r.response_score
   from public.interview_responses r
   join public.interview_sessions s on s.id = r.interview_session_id and s.status = 'completed'
   join public.interview_session_questions q
     on q.interview_session_id = r.interview_session_id and q.question_order = r.question_order
   where r.user_id = $1 and r.attempt = 1 and r.response_score is not null`,
);
/** Interviews that count (started, not cancelled), and completions in the week and month of $3 in a time zone. */
const COUNTS = `select count(*) filter (where status in ('in_progress', 'paused', 'completed'))::int as total,
     count(*) filter (where status = 'completed' and date_trunc('week', completed_at at time zone $2)
       = date_trunc('week', $3::timestamptz at time zone $2))::int as week,
     count(*) filter (where status = 'completed' and date_trunc('month', completed_at at time zone $2)
       = date_trunc('month', $3::timestamptz at time zone $2))::int as month
   from public.interview_sessions`;
export const sessionCounts = query<{ total: number; week: number; month: number }>(
  "analytics.session_counts",
  `${COUNTS} where user_id = $1`,
);
export const upsertAnalytics = query(
  "analytics.upsert",
  `insert into public.user_analytics (user_id, total_interviews, completed_interviews, average_score, best_score,
     latest_score, skill_improvements, weakness_areas, strength_areas, total_practice_time_minutes,
     sessions_this_week, sessions_this_month, preferred_job_roles, last_updated)
   values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())
   on conflict (user_id) do update set total_interviews = excluded.total_interviews,
     completed_interviews = excluded.completed_interviews, average_score = excluded.average_score,
     best_score = excluded.best_score, latest_score = excluded.latest_score,
     skill_improvements = excluded.skill_improvements, weakness_areas = excluded.weakness_areas,
     strength_areas = excluded.strength_areas, total_practice_time_minutes = excluded.total_practice_time_minutes,
     sessions_this_week = excluded.sessions_this_week, sessions_this_month = excluded.sessions_this_month,
     preferred_job_roles = excluded.preferred_job_roles, last_updated = now()`,
);
export const updateProfileTotals = query(
  "analytics.update_profile_totals",
  `update public.user_profiles set total_interviews_taken = $2, average_interview_score = $3 where id = $1`,
);
export const ownAnalytics = query<{ completed_interviews: number } & Record<string, unknown>>(
  "analytics.own",
  "select * from public.user_analytics where user_id = auth.uid()",
);
/** Other users' completed sessions for the role: aggregates only, never rows. */
export const peerStanding = query<{ peers: number; sessions: number; below: number; equal: number }>(
  "analytics.peer_standing",
  `select count(distinct user_id)::int as peers, count(*)::int as sessions,
     count(*) filter (where overall_score < $3)::int as below,
     count(*) filter (where overall_score = $3)::int as equal
   from public.interview_sessions
   where job_role_id = $1 and user_id <> $2 and status = 'completed' and overall_score is not null`,
);
/** Node and PostgreSQL ship different time zone databases: PostgreSQL's is the one the counts use. */
export const knownTimeZone = query<{ known: boolean }>(
  "analytics.known_time_zone",
  "select exists (select 1 from pg_timezone_names where name = $1) as known",
);
