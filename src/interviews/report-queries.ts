import { query } from "../db/query.ts";

export type FeedbackRow = {
  id: string;
  interview_session_id: string;
  user_id: string;
  technical_feedback: Record<string, unknown> | null;
  behavioral_feedback: Record<string, unknown> | null;
  communication_feedback: Record<string, unknown> | null;
  short_term_goals: string[] | null;
  long_term_goals: string[] | null;
  recommended_resources: Record<string, unknown>[] | null;
  practice_suggestions: string[] | null;
  industry_benchmark_comparison: Record<string, unknown> | null;
  peer_comparison: Record<string, unknown> | null;
  created_at: Date;
};

export const storeSessionResults = query(
  "report.store_session_results",
  `update public.interview_sessions set overall_score = $2, technical_score = $3, communication_score = $4,
     confidence_score = $5, ai_feedback = $6, strengths = $7, areas_for_improvement = $8, recommendations = $9
   where id = $1`,
);
export const upsertFeedback = query(
  "report.upsert_feedback",
  `insert into public.interview_feedback (interview_session_id, user_id, technical_feedback, behavioral_feedback,
     communication_feedback, short_term_goals, long_term_goals, recommended_resources, practice_suggestions,
     industry_benchmark_comparison, peer_comparison)
   values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
   on conflict (interview_session_id) do update set technical_feedback = excluded.technical_feedback,
     behavioral_feedback = excluded.behavioral_feedback, communication_feedback = excluded.communication_feedback,
     short_term_goals = excluded.short_term_goals, long_term_goals = excluded.long_term_goals,
     recommended_resources = excluded.recommended_resources, practice_suggestions = excluded.practice_suggestions,
     industry_benchmark_comparison = excluded.industry_benchmark_comparison,
     peer_comparison = excluded.peer_comparison`,
);
export const ownFeedback = query<FeedbackRow>(
  "report.own_feedback",
  "select * from public.interview_feedback where interview_session_id = $1",
);
