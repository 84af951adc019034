import { query } from "../db/query.ts";
import type { SessionStatus } from "./lifecycle.ts";

export type SessionRow = {
  id: string;
  user_id: string;
  job_role_id: string | null;
  resume_id: string | null;
  session_name: string | null;
  session_type: "practice" | "assessment" | "mock";
  status: SessionStatus;
  scheduled_at: Date | null;
  started_at: Date | null;
  completed_at: Date | null;
  duration_seconds: number | null;
  total_questions: number;
  questions_answered: number;
  difficulty_level: "easy" | "medium" | "hard" | "mixed";
  overall_score: number | null;
  technical_score: number | null;
  communication_score: number | null;
  confidence_score: number | null;
  ai_feedback: string | null;
  strengths: string[] | null;
  areas_for_improvement: string[] | null;
  recommendations: string[] | null;
  created_at: Date;
  updated_at: Date;
};

export type AskedQuestionRow = {
  interview_session_id: string;
  question_order: number;
  question_id: string | null;
  origin: "bank" | "resume" | "follow_up";
  question_text: string;
  question_type: "technical" | "behavioral" | "situational" | "general";
  difficulty_level: "easy" | "medium" | "hard";
  expected_answer_keywords: string[];
  sample_answer: string | null;
  evaluation_criteria: Record<string, unknown> | null;
  time_limit_seconds: number;
  skill: string | null;
  follows_up_order: number | null;
  asked_at: Date;
};

export type ResponseRow = {
  id: string;
  interview_session_id: string;
  question_id: string | null;
  user_id: string;
  question_order: number;
  attempt: number;
  first_attempt_id: string | null;
  audio_file_path: string | null;
  transcribed_text: string | null;
  response_duration_seconds: number | null;
  response_score: number | null;
  technical_accuracy: number | null;
  communication_clarity: number | null;
  relevance_score: number | null;
  ai_feedback: string | null;
  keywords_mentioned: string[] | null;
  missing_keywords: string[] | null;
  suggested_improvement: string | null;
  ideal_answer_comparison: string | null;
  speech_pace: number | null;
  filler_words_count: number | null;
  confidence_level: number | null;
  gemini_analysis_raw: Record<string, unknown> | null;
  scoring_status: "pending" | "scored" | "failed";
  answered_at: Date;
  created_at: Date;
};

const SESSION = "public.interview_sessions";

export const insertSession = query<SessionRow>(
  "interviews.insert_session",
  `insert into ${SESSION} (user_id, job_role_id, resume_id, session_name, session_type, difficulty_level,
     total_questions, scheduled_at, status)
   values (auth.uid(), $1, $2, $3, $4, $5, $6, $7, 'scheduled') returning *`,
);
export const ownSessions = query<SessionRow>(
  "interviews.own_sessions",
  `select * from ${SESSION} where ($1::text is null or status = $1)
   order by coalesce(started_at, scheduled_at, created_at) desc limit $2 offset $3`,
);
/** Read under RLS: another user's id finds nothing. */
export const ownSession = query<SessionRow>(
  "interviews.own_session",
  `select * from ${SESSION} where id = $1`,
);
export const lockOwnSession = query<SessionRow>(
  "interviews.lock_own_session",
  `select * from ${SESSION} where id = $1 and user_id = $2 for update`,
);
export const setStatus = query<SessionRow>(
  "interviews.set_status",
  `update ${SESSION} set status = $2::varchar,
     started_at = case when $2::varchar = 'in_progress' and started_at is null then now() else started_at end,
     completed_at = case when $2::varchar in ('completed', 'cancelled') then now() else completed_at end,
     duration_seconds = $3
   where id = $1 returning *`,
);
export const recordTransition = query(
  "interviews.record_transition",
  `insert into public.interview_session_transitions (interview_session_id, user_id, from_status, to_status, reason)
   values ($1, $2, $3, $4, $5)`,
);
/** Seconds spent in progress: every interval that began with a move into in_progress, up to now. */
export const activeSeconds = query<{ seconds: number }>(
  "interviews.active_seconds",
  `select coalesce(sum(extract(epoch from until - at)) filter (where to_status = 'in_progress'), 0)::float8 as seconds
   from (select to_status, at, lead(at, 1, clock_timestamp()) over (order by id) as until
         from public.interview_session_transitions where interview_session_id = $1) t`,
);
/** One of the user's sessions in progress and its active seconds so far (duration_seconds holds the time
 * up to its last move into in_progress). Read in the service scope, hence the owner in the filter. */
export const runningSeconds = query<{ seconds: number }>(
  "interviews.running_seconds",
  `select coalesce(s.duration_seconds, 0) + extract(epoch from clock_timestamp() -
     (select max(at) from public.interview_session_transitions t
      where t.interview_session_id = s.id and t.to_status = 'in_progress'))::float8 as seconds
   from ${SESSION} s where s.id = $1 and s.user_id = $2 and s.status = 'in_progress'`,
);
export const transitionsOf = query<{
  from_status: string | null;
  to_status: string;
  reason: string;
  at: Date;
}>(
  "interviews.transitions_of",
  `select from_status, to_status, reason, at from public.interview_session_transitions
   where interview_session_id = $1 order by id`,
);
/** Sessions past the time limit: in progress, with more active seconds than allowed. */
export const overdueSessions = query<{ id: string; user_id: string }>(
  "interviews.overdue_sessions",
  `select s.id, s.user_id from ${SESSION} s
   where s.status = 'in_progress' and coalesce(s.duration_seconds, 0) +
     extract(epoch from clock_timestamp() - (select max(at) from public.interview_session_transitions t
       where t.interview_session_id = s.id and t.to_status = 'in_progress')) > $1
   limit 100`,
);

export const askedQuestions = query<AskedQuestionRow>(
  "interviews.asked_questions",
  `select * from public.interview_session_questions where interview_session_id = $1 order by question_order`,
);
export const askQuestion = query<AskedQuestionRow>(
  "interviews.ask_question",
  `insert into public.interview_session_questions (interview_session_id, user_id, question_order, question_id,
     origin, question_text, question_type, difficulty_level, expected_answer_keywords, sample_answer,
     evaluation_criteria, time_limit_seconds, skill, follows_up_order)
   values ($1, auth.uid(), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
   on conflict (interview_session_id, question_order) do nothing returning *`,
);
/**
 * Bank questions the user was asked in their most recent sessions for this role that asked anything, with
 * the session's recency: 0 for the latest such session, 1 for the one before, and so on.
 */
export const recentlyAsked = query<{ question_id: string; recency: number }>(
  "interviews.recently_asked",
  `with recent as (
     select s.id, row_number() over (order by s.created_at desc, s.id) - 1 as recency
     from public.interview_sessions s
     where s.user_id = auth.uid() and s.job_role_id = $1 and s.id <> $2
       and exists (select 1 from public.interview_session_questions q where q.interview_session_id = s.id)
     order by s.created_at desc, s.id limit $3)
   select q.question_id, min(r.recency)::int as recency
   from public.interview_session_questions q join recent r on r.id = q.interview_session_id
   where q.question_id is not null group by q.question_id`,
);
export const candidateQuestions = query<{
  id: string;
  question_text: string;
  question_type: AskedQuestionRow["question_type"];
  difficulty_level: AskedQuestionRow["difficulty_level"];
  expected_answer_keywords: string[] | null;
  sample_answer: string | null;
  evaluation_criteria: Record<string, unknown> | null;
  time_limit_seconds: number | null;
}>(
  "interviews.candidate_questions",
  `select id, question_text, question_type, difficulty_level, expected_answer_keywords, sample_answer,
     evaluation_criteria, time_limit_seconds
   from public.interview_questions where job_role_id = $1 and is_active order by id`,
);
/** Skills the session's resume analysis shares with the role. */
export const resumeSkills = query<{ extracted_skills: string[] | null; relevant_keywords: string[] | null }>(
  "interviews.resume_skills",
  `select a.extracted_skills, a.relevant_keywords from public.resume_analysis a where a.resume_id = $1`,
);

export const sessionResponses = query<ResponseRow>(
  "interviews.session_responses",
  `select * from public.interview_responses where interview_session_id = $1 order by question_order, attempt`,
);
export const insertResponse = query<ResponseRow>(
  "interviews.insert_response",
  `insert into public.interview_responses (interview_session_id, question_id, user_id, question_order,
     transcribed_text, response_duration_seconds, attempt, first_attempt_id, audio_file_path)
   values ($1, $2, auth.uid(), $3, $4, $5, $6, $7, $8)
   on conflict (interview_session_id, question_order, attempt) do nothing returning *`,
);
export const countAnswered = query(
  "interviews.count_answered",
  `update ${SESSION} set questions_answered = (select count(*) from public.interview_responses r
     where r.interview_session_id = $1 and r.attempt = 1) where id = $1`,
);
export const responseById = query<ResponseRow>(
  "interviews.response_by_id",
  "select * from public.interview_responses where id = $1",
);
export const storeScores = query<ResponseRow>(
  "interviews.store_scores",
  `update public.interview_responses set response_score = $2, technical_accuracy = $3,
     communication_clarity = $4, relevance_score = $5, ai_feedback = $6, keywords_mentioned = $7,
     missing_keywords = $8, suggested_improvement = $9, ideal_answer_comparison = $10, confidence_level = $11,
     gemini_analysis_raw = $12, scoring_status = 'scored', speech_pace = coalesce($13, speech_pace),
     filler_words_count = coalesce($14, filler_words_count)
   where id = $1 returning *`,
);
export const monthSessionCount = query<{ count: number }>(
  "interviews.month_session_count",
  `select count(*)::int as count from ${SESSION} where user_id = $1
     and created_at >= date_trunc('month', now() at time zone 'UTC') at time zone 'UTC'
     and not (status = 'cancelled' and started_at is null)`,
);
export const callerPlan = query<{
  subscription_type: string | null;
  subscription_expires_at: Date | null;
  experience_level: string | null;
}>(
  "interviews.caller_plan",
  "select subscription_type, subscription_expires_at, experience_level from public.user_profiles where id = $1",
);
/** Several active settings in one read. */
export const settingsByKey = query<{ setting_key: string; setting_value: unknown }>(
  "interviews.settings_by_key",
  "select setting_key, setting_value from public.app_settings where setting_key = any($1) and is_active",
);
export const roleOf = query<{ id: string; title: string; required_skills: string[]; is_active: boolean }>(
  "interviews.role_of",
  "select id, title, required_skills, is_active from public.job_roles where id = $1",
);
export const resumeOf = query<{ id: string }>(
  "interviews.resume_of",
  "select id from public.resumes where id = $1",
);
export const markScoringFailed = query(
  "interviews.mark_scoring_failed",
  `update public.interview_responses set scoring_status = 'failed', ai_feedback = coalesce($2, ai_feedback),
     gemini_analysis_raw = coalesce($3, gemini_analysis_raw) where id = $1`,
);
/**
 * A failed answer back to pending, to be processed again from its kept recording (or text); how often is
 * counted in gemini_analysis_raw. Only from failed, so two clicks queue one run.
 */
export const markForReprocessing = query<ResponseRow>(
  "interviews.mark_for_reprocessing",
  `update public.interview_responses set scoring_status = 'pending', ai_feedback = null,
     gemini_analysis_raw = jsonb_build_object('reprocessed',
       coalesce((gemini_analysis_raw->>'reprocessed')::int, 0) + 1)
   where id = $1 and scoring_status = 'failed' returning *`,
);
/** A recording's transcript and facts, before it is scored. */
export const storeTranscript = query<ResponseRow>(
  "interviews.store_transcript",
  `update public.interview_responses set transcribed_text = $2, response_duration_seconds = coalesce($3, response_duration_seconds),
     gemini_analysis_raw = $4 where id = $1 returning *`,
);
export const storeTypedTranscript = query<ResponseRow>(
  "interviews.store_typed_transcript",
  `update public.interview_responses set transcribed_text = $2, gemini_analysis_raw = $3, scoring_status = 'pending',
     ai_feedback = null
   where id = $1 and (gemini_analysis_raw->>'awaiting_transcript' = 'true' or scoring_status = 'failed')
   returning *`,
);
export const attachAudio = query<ResponseRow>(
  "interviews.attach_audio",
  "update public.interview_responses set audio_file_path = $2, response_duration_seconds = $3 where id = $1 returning *",
);
export const deleteResponse = query(
  "interviews.delete_response",
  "delete from public.interview_responses where id = $1",
);
export const responseForProcessing = query<ResponseRow & { session_status: string }>(
  "interviews.response_for_processing",
  `select r.*, s.status as session_status from public.interview_responses r
   join public.interview_sessions s on s.id = r.interview_session_id where r.id = $1`,
);
export const askedQuestion = query<AskedQuestionRow>(
  "interviews.asked_question",
  "select * from public.interview_session_questions where interview_session_id = $1 and question_order = $2",
);
/** Serializes one user's session creations, so two at once cannot both slip under the monthly limit. */
export const lockPlanUsage = query(
  "interviews.lock_plan_usage",
  "select pg_advisory_xact_lock(hashtextextended('rehearse.plan:' || $1::text, 0))",
);
/** An answer whose recording held no speech (or could not be scored) may be given again. */
export const dropFailedAnswer = query<{ audio_file_path: string | null }>(
  "interviews.drop_failed_answer",
  `delete from public.interview_responses where interview_session_id = $1 and question_order = $2 and attempt = 1
     and user_id = $3 and scoring_status = 'failed' returning audio_file_path`,
);
/** Read under RLS: another user's session finds nothing. */
export const firstAttempt = query<ResponseRow>(
  "interviews.first_attempt",
  "select * from public.interview_responses where interview_session_id = $1 and question_order = $2 and attempt = 1",
);
/** No speech-to-text: the recording stays, the answer waits (pending) for a typed transcript. */
export const markAwaitingTranscript = query(
  "interviews.mark_awaiting_transcript",
  `update public.interview_responses set ai_feedback = $2,
     gemini_analysis_raw = jsonb_build_object('awaiting_transcript', true) where id = $1`,
);
