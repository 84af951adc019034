import OpenAI from "openai";
import {
  type ReviewProvider,
  type ReviewRequest,
  type ReviewResult,
  reviewJsonSchema,
  reviewMessage,
  reviewSchema,
  SYSTEM_PROMPT,
} from "../resume-review.ts";

export interface OpenAiOptions {
  apiKey: string;
  baseUrl: string | undefined;
  model: string;
  timeoutMs: number;
}

/**
 * Any OpenAI-compatible server (OpenAI, Ollama, vLLM, llama.cpp) through the official SDK, with a JSON-schema
 * response format. The SDK retries 408/409/429/5xx and honours Retry-After.
 */
export class OpenAiProvider implements ReviewProvider {
  private readonly client: OpenAI;
  readonly endpoint: string;

  constructor(private readonly options: OpenAiOptions) {
    this.client = new OpenAI({
      apiKey: options.apiKey,
      ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
      timeout: options.timeoutMs,
      maxRetries: 2,
    });
    this.endpoint = `openai:${options.model}/chat/completions`;
  }

  async review(request: ReviewRequest, signal: AbortSignal): Promise<ReviewResult> {
    const completion = await this.client.chat.completions.create(
      {
        model: this.options.model,
        temperature: 0.2,
        messages: [
          { role: "system", content: SYSTEM_PROMPT },
          { role: "user", content: reviewMessage(request) },
        ],
        response_format: {
          type: "json_schema",
          json_schema: { name: "resume_review", schema: reviewJsonSchema, strict: true },
        },
      },
      { signal },
    );
    const content = completion.choices[0]?.message?.content ?? "";
    const review = reviewSchema.parse(JSON.parse(content));
    return { review, raw: completion, tokens: completion.usage?.total_tokens ?? null };
  }
}
