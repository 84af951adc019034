import { once } from "node:events";
import { createInterface } from "node:readline";
import { z } from "zod";
import { scoreBuiltin } from "../interviews/scoring/builtin.ts";
import type { ScoringInput } from "../interviews/scoring/types.ts";

// `rehearse score`: one JSON object per line in, one per line out, with the built-in scorer. Fields use
// the interview_questions column names; anything else on a line (a grade, a label) is ignored.

const text = z.string().trim().min(1);
const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

export const answerLineSchema = z.object({
  id: z.union([z.string(), z.number()]),
  question: text,
  question_type: z.enum(["technical", "behavioral", "situational", "general"]),
  difficulty_level: optional(z.enum(["easy", "medium", "hard"])),
  expected_answer_keywords: optional(z.array(z.string())),
  sample_answer: optional(z.string()),
  evaluation_criteria: optional(
    z.object({
      strong: z.string().optional(),
      adequate: z.string().optional(),
      weak: z.string().optional(),
      key_points: z.array(z.string()).optional(),
    }),
  ),
  answer: z.string(),
  time_limit_seconds: optional(z.number().positive()),
  response_duration_seconds: optional(z.number().nonnegative()),
});

export type AnswerLine = z.infer<typeof answerLineSchema>;

export function toScoringInput(line: AnswerLine): ScoringInput {
  return {
    question: line.question,
    questionType: line.question_type,
    difficultyLevel: line.difficulty_level ?? null,
    expectedKeywords: line.expected_answer_keywords ?? null,
    sampleAnswer: line.sample_answer ?? null,
    evaluationCriteria: line.evaluation_criteria ?? null,
    timeLimitSeconds: line.time_limit_seconds ?? null,
    answer: line.answer,
    responseDurationSeconds: line.response_duration_seconds ?? null,
  };
}

/** The interview_responses columns, with the evidence as gemini_analysis_raw. */
export function scoreLine(line: AnswerLine): Record<string, unknown> {
  const { raw, ...result } = scoreBuiltin(toScoringInput(line));
  return {
    id: line.id,
    response_score: result.response_score,
    technical_accuracy: result.technical_accuracy,
    communication_clarity: result.communication_clarity,
    relevance_score: result.relevance_score,
    ai_feedback: result.ai_feedback,
    keywords_mentioned: result.keywords_mentioned,
    missing_keywords: result.missing_keywords,
    suggested_improvement: result.suggested_improvement,
    ideal_answer_comparison: result.ideal_answer_comparison,
    confidence_level: result.confidence_level,
    gemini_analysis_raw: raw,
  };
}

function invalid(message: string, id?: unknown): Record<string, unknown> {
  const readable = typeof id === "string" || typeof id === "number";
  return { ...(readable ? { id } : {}), error: { code: "invalid_input", message } };
}

function handle(source: string, lineNumber: number): { output: Record<string, unknown>; ok: boolean } {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    return { output: invalid(`line ${lineNumber}: not JSON (${(error as Error).message})`), ok: false };
  }
  const parsed = answerLineSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "line"}: ${i.message}`).join("; ");
    const id = typeof value === "object" && value !== null ? (value as { id?: unknown }).id : undefined;
    return { output: invalid(`line ${lineNumber}: ${issues}`, id), ok: false };
  }
  return { output: scoreLine(parsed.data), ok: true };
}

async function write(stdout: NodeJS.WritableStream, line: string): Promise<void> {
  if (!stdout.write(line)) await once(stdout, "drain");
}

/** Scores every line of `stdin`; returns the exit code: 0 when every line was valid, else 1. */
export async function runScore(stdin: NodeJS.ReadableStream, stdout: NodeJS.WritableStream): Promise<number> {
  let lineNumber = 0;
  let failed = false;
  // A reader that stops early (`| head`) closes the pipe: that ends the run, it is not an error.
  let closed = false;
  stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") closed = true;
  });
  for await (const source of createInterface({ input: stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (closed) break;
    lineNumber++;
    if (source.trim() === "") continue;
    const { output, ok } = handle(source, lineNumber);
    failed ||= !ok;
    try {
      await write(stdout, `${JSON.stringify(output)}\n`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EPIPE") throw error;
      break;
    }
  }
  return failed ? 1 : 0;
}
