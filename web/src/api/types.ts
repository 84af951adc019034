// Shapes of the API's responses (see the route files under src/http/routes and GET /openapi.json).

export type SessionStatus = "scheduled" | "in_progress" | "paused" | "completed" | "cancelled";
export type QuestionType = "technical" | "behavioral" | "situational" | "general";
export type Difficulty = "easy" | "medium" | "hard";
export type ExperienceLevel = "entry" | "mid" | "senior" | "executive";

export interface Profile {
  id: string;
  email: string;
  full_name: string;
  phone_number: string | null;
  date_of_birth: string | null;
  gender: string | null;
  location: string | null;
  bio: string | null;
  profile_picture_url: string | null;
  preferred_job_roles: string[] | null;
  experience_level: ExperienceLevel | null;
  current_company: string | null;
  current_position: string | null;
  linkedin_url: string | null;
  github_url: string | null;
  portfolio_url: string | null;
  subscription_type: string;
  subscription_expires_at: string | null;
  total_interviews_taken: number;
  average_interview_score: number;
  created_at: string;
  updated_at: string;
}

export interface JobRole {
  id: string;
  title: string;
  category: string;
  is_active: boolean;
  description: string | null;
  required_skills: string[];
  experience_levels: ExperienceLevel[] | null;
  industry: string | null;
  average_salary_range: string | null;
}

export interface EvaluationCriteria {
  strong: string;
  adequate: string;
  weak: string;
  key_points: string[];
}

export interface BankQuestion {
  id: string;
  job_role_id: string;
  question_text: string;
  is_active: boolean;
  question_type: QuestionType;
  difficulty_level: Difficulty;
  expected_answer_keywords: string[] | null;
  sample_answer: string | null;
  evaluation_criteria: EvaluationCriteria | null;
  time_limit_seconds: number;
}

export interface JobRoleDetail extends JobRole {
  questions: BankQuestion[];
}

export interface Resume {
  id: string;
  file_name: string;
  file_path: string;
  file_size_bytes: number;
  upload_date: string;
  is_active: boolean;
  is_analyzed: boolean;
  created_at: string;
  updated_at: string;
  /** queued | analyzing | done | failed */
  status: string | null;
  status_reason: string | null;
  target_role_id: string | null;
}

export interface ResumeAnalysis {
  id: string;
  resume_id: string;
  overall_score: number;
  overall_feedback: string;
  contact_info_score: number;
  summary_score: number;
  experience_score: number;
  education_score: number;
  skills_score: number;
  projects_score: number;
  extracted_skills: string[];
  extracted_experience_years: number | null;
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
  analyzed_at: string;
}

export interface ResumeAnalysisState {
  status: string;
  reason: string | null;
  analysis: ResumeAnalysis | null;
}

export interface InterviewSession {
  id: string;
  job_role_id: string | null;
  resume_id: string | null;
  status: SessionStatus;
  session_type: string;
  difficulty_level: string;
  total_questions: number;
  questions_answered: number;
  session_name: string | null;
  scheduled_at: string | null;
  started_at: string | null;
  completed_at: string | null;
  duration_seconds: number | null;
  overall_score: number | null;
  technical_score: number | null;
  communication_score: number | null;
  confidence_score: number | null;
  ai_feedback: string | null;
  strengths: string[] | null;
  areas_for_improvement: string[] | null;
  recommendations: string[] | null;
  created_at: string;
  updated_at: string;
}

export interface AskedQuestion {
  question_order: number;
  question_id: string | null;
  origin: "bank" | "resume" | "follow_up";
  question_text: string;
  question_type: string;
  difficulty_level: string;
  time_limit_seconds: number;
  skill: string | null;
  follows_up_order: number | null;
  asked_at: string;
}

export interface SpeechDetails {
  pace?: { wpm: number | null; articulation_wpm?: number | null; words?: number; source?: string };
  speaking_seconds?: number;
  pauses?: {
    count: number;
    long: number;
    longest_seconds: number;
    long_threshold_seconds?: number;
    list?: { start: number; duration: number; after: string | null; kind: string; long: boolean }[];
  };
  fillers?: { count: number; per_100_words?: number; items?: { word: string; at: number | null }[] };
  hedges?: { count: number; items?: { phrase: string; at: number | null }[] };
  explanation?: unknown;
}

export interface AnswerRaw {
  speech?: SpeechDetails;
  possibly_said?: { keyword: string; heard: string; confidence: number; at: number }[];
  awaiting_transcript?: boolean;
  signals?: { fillers?: { count: number; phrases?: string[] } };
  [key: string]: unknown;
}

export interface AnswerResponse {
  id: string;
  question_order: number;
  attempt: number;
  first_attempt_id: string | null;
  transcribed_text: string | null;
  scoring_status: "pending" | "scored" | "failed" | string;
  response_score: number | null;
  technical_accuracy?: number | null;
  communication_clarity?: number | null;
  relevance_score?: number | null;
  confidence_level?: number | null;
  ai_feedback?: string | null;
  keywords_mentioned?: string[] | null;
  missing_keywords?: string[] | null;
  suggested_improvement?: string | null;
  ideal_answer_comparison?: string | null;
  speech_pace?: number | null;
  filler_words_count?: number | null;
  audio_file_path?: string | null;
  response_duration_seconds?: number | null;
  gemini_analysis_raw?: AnswerRaw | null;
  answered_at?: string;
}

export interface SessionDetail extends InterviewSession {
  active_seconds: number;
  allowed_actions: string[];
  questions: AskedQuestion[];
  responses: AnswerResponse[];
  history: { to_status: string; from_status: string | null; reason: string | null; at: string }[];
}

export interface NextQuestion {
  question: AskedQuestion | null;
  asked: number;
  answered: number;
  total: number;
  exhausted?: boolean;
}

export interface ReportQuestion extends AskedQuestion {
  expected_answer_keywords: string[] | null;
  sample_answer: string | null;
  evaluation_criteria: EvaluationCriteria | null;
  answer: AnswerResponse | null;
  attempts: AnswerResponse[];
  score_change: number | null;
}

export interface Resource {
  id?: string;
  url: string;
  title: string;
  why?: string;
  kind?: string;
  topics?: string[];
}

export interface Feedback {
  technical_feedback: { summary?: string; score?: number | null; missed_concepts?: string[] } | null;
  behavioral_feedback: { summary?: string; score?: number | null } | null;
  communication_feedback: {
    summary?: string;
    clarity?: number | null;
    confidence?: number | null;
    filler_words?: number;
    speech_pace_wpm?: number | null;
  } | null;
  short_term_goals: string[] | null;
  long_term_goals: string[] | null;
  recommended_resources: Resource[] | null;
  practice_suggestions: string[] | null;
  industry_benchmark_comparison: {
    role?: string;
    experience_level?: string;
    assumed_level?: boolean;
    expected?: Record<string, number>;
    actual?: Record<string, number | null>;
    gaps?: Record<string, number | null>;
    note?: string;
    verdict?: string;
  } | null;
  peer_comparison: {
    available: boolean;
    percentile?: number;
    reason?: string;
    peers?: number;
    min_peers?: number;
    summary?: string;
  } | null;
}

export interface Report {
  session: InterviewSession;
  role: { id: string; title: string; required_skills: string[] } | null;
  questions: ReportQuestion[];
  feedback: Feedback | null;
  history: SessionDetail["history"];
  ended_by: string | null;
}

export interface Point {
  session_id: string;
  completed_at: string;
  score: number;
}

export interface Analytics {
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
  preferred_job_roles: Record<
    string,
    {
      title: string;
      sessions: number;
      average: number | null;
      best: number | null;
      latest: number | null;
      last_completed_at: string;
    }
  >;
  time_zone: string;
}

export interface AppSetting {
  id: string;
  setting_key: string;
  setting_value: unknown;
  description: string | null;
  is_active: boolean;
  updated_by: string | null;
  updated_at: string;
}

export interface AiLog {
  id: string;
  user_id: string | null;
  api_endpoint: string;
  request_type: string;
  request_payload: unknown;
  response_payload: unknown;
  tokens_used: number | null;
  processing_time_ms: number | null;
  status: string;
  error_message: string | null;
  created_at: string;
}

export interface AiLogPage {
  logs: AiLog[];
  last_7_days: { request_type: string; status: string; calls: number; avg_ms: number | null }[];
}
