import type { Pool } from "../db/pool.ts";
import { timerMs } from "../numbers.ts";
import type { ResumeAnalysis } from "../resumes/analysis/analyze.ts";
import { failure, logAiCall } from "./log.ts";
import type { ReviewProvider, ReviewRequest } from "./resume-review.ts";

export interface ReviewOutcome {
  analysis: ResumeAnalysis;
  /** The provider's raw answer, for gemini_analysis_raw; null when the built-in analysis stands alone. */
  raw: unknown;
  provider: string;
}

/**
 * Asks the configured model for the narrative of the analysis. Whatever goes wrong — an error, a timeout,
 * output that fails validation — the built-in analysis stands, and the log row says what happened.
 */
export async function reviewWithFallback(
  pool: Pool,
  provider: ReviewProvider,
  request: ReviewRequest,
  options: { userId: string; timeoutMs: number },
): Promise<ReviewOutcome> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timerMs(options.timeoutMs));
  const logged = {
    userId: options.userId,
    endpoint: provider.endpoint,
    requestType: "resume_analysis" as const,
  };
  const asked = { target_role: request.targetRole?.title ?? null, characters: request.text.length };
  try {
    const result = await provider.review(request, signal);
    await logAiCall(pool, {
      ...logged,
      request: asked,
      response: result.review,
      tokens: result.tokens,
      milliseconds: performance.now() - started,
      status: "success",
      error: null,
    });
    return {
      analysis: { ...request.analysis, ...result.review },
      raw: { provider: provider.endpoint, review: result.review, response: result.raw },
      provider: provider.endpoint,
    };
  } catch (error) {
    const { status, reason } = failure(signal, error);
    await logAiCall(pool, {
      ...logged,
      request: asked,
      response: null,
      tokens: null,
      milliseconds: performance.now() - started,
      status,
      error: `${reason}; the built-in analysis was used`,
    });
    return { analysis: request.analysis, raw: null, provider: "builtin" };
  }
}
