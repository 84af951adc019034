import { ApiError, GoogleGenAI } from "@google/genai";
import type { JsonModel, JsonRequest, JsonResult } from "../json-model.ts";
import {
  type ReviewProvider,
  type ReviewRequest,
  type ReviewResult,
  reviewThrough,
} from "../resume-review.ts";

export interface GeminiOptions {
  apiKey: string;
  baseUrl: string | undefined;
  model: string;
  timeoutMs: number;
  /** How many times a transient failure is tried again. */
  retries?: number;
}

const TRANSIENT = new Set([429, 500, 503, 504]);
const MAX_WAIT_MS = 10_000;

/** The delay Gemini asks for in a google.rpc.RetryInfo detail ("retryDelay": "2.5s"), in milliseconds. */
export function retryDelayMs(error: unknown): number | undefined {
  const match = /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec((error as Error)?.message ?? "");
  return match?.[1] ? Math.round(Number(match[1]) * 1000) : undefined;
}

/**
 * Gemini through the official @google/genai SDK: structured JSON output with a JSON schema. Transient
 * failures (429, 500, 503, 504) are retried after the delay the server asks for; 400 and 403 are not.
 */
export class GeminiProvider implements ReviewProvider, JsonModel {
  private readonly client: GoogleGenAI;
  readonly endpoint: string;

  constructor(private readonly options: GeminiOptions) {
    this.client = new GoogleGenAI({
      apiKey: options.apiKey,
      httpOptions: {
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        timeout: options.timeoutMs,
        retryOptions: { attempts: 1 },
      },
    });
    this.endpoint = `gemini:models/${options.model}:generateContent`;
  }

  review(request: ReviewRequest, signal: AbortSignal): Promise<ReviewResult> {
    return reviewThrough(this, request, signal);
  }

  async generateJson(request: JsonRequest, signal: AbortSignal): Promise<JsonResult> {
    return withGeminiRetries(signal, this.options.retries ?? 2, async () => {
      const response = await this.client.models.generateContent({
        model: this.options.model,
        contents: [{ role: "user", parts: [{ text: request.user }] }],
        config: {
          systemInstruction: request.system,
          responseMimeType: "application/json",
          responseJsonSchema: request.schema,
          temperature: request.temperature ?? 0.2,
          abortSignal: signal,
        },
      });
      const json: unknown = JSON.parse(response.text ?? "");
      return { json, raw: response, tokens: response.usageMetadata?.totalTokenCount ?? null };
    });
  }
}

/**
 * Runs a Gemini call, trying a transient failure (429, 500, 503, 504) again after the delay the server asks
 * for (or a growing one), up to `retries` times; other errors, and an aborted signal, end it at once.
 */
export async function withGeminiRetries<T>(
  signal: AbortSignal,
  retries: number,
  call: () => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const status = error instanceof ApiError ? error.status : undefined;
      if (status === undefined || !TRANSIENT.has(status) || attempt >= retries || signal.aborted) throw error;
      const wait = Math.min(retryDelayMs(error) ?? 500 * 2 ** attempt, MAX_WAIT_MS);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
