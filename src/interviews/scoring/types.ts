/** What every scorer (built-in or model) is given: the question as data, and the answer as data. */
export type QuestionType = "technical" | "behavioral" | "situational" | "general";
export type Difficulty = "easy" | "medium" | "hard";

export interface EvaluationCriteria {
  strong?: string;
  adequate?: string;
  weak?: string;
  key_points?: string[];
}

export interface ScoringInput {
  question: string;
  questionType: QuestionType;
  difficultyLevel?: Difficulty | null;
  expectedKeywords?: string[] | null;
  sampleAnswer?: string | null;
  evaluationCriteria?: EvaluationCriteria | null;
  timeLimitSeconds?: number | null;
  answer: string;
  /**
   * Expected keywords that a spoken answer may hold although the transcript lacks them (a close-sounding,
   * low-confidence word in an answer that is on topic): credited as possibly said, never as covered.
   */
  possiblySaid?: string[] | null;
  /** Seconds the spoken answer lasted, when it came from audio. */
  responseDurationSeconds?: number | null;
}

/** The interview_responses scoring columns; every score is 0–10 with two decimals. */
export interface ScoringResult {
  response_score: number;
  technical_accuracy: number;
  communication_clarity: number;
  relevance_score: number;
  confidence_level: number;
  ai_feedback: string;
  keywords_mentioned: string[];
  missing_keywords: string[];
  suggested_improvement: string;
  ideal_answer_comparison: string;
  /** Evidence: which signals moved each score, for gemini_analysis_raw. */
  raw: Record<string, unknown>;
}
