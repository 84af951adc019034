import OpenAI from "openai";
import type { JsonModel, JsonRequest, JsonResult } from "../json-model.ts";
import {
  type ReviewProvider,
  type ReviewRequest,
  type ReviewResult,
  reviewThrough,
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
export class OpenAiProvider implements ReviewProvider, JsonModel {
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

  review(request: ReviewRequest, signal: AbortSignal): Promise<ReviewResult> {
    return reviewThrough(this, request, signal);
  }

  async generateJson(request: JsonRequest, signal: AbortSignal): Promise<JsonResult> {
    const completion = await this.client.chat.completions.create(
      {
        model: this.options.model,
        temperature: request.temperature ?? 0.2,
        messages: [
          { role: "system", content: request.system },
          { role: "user", content: request.user },
        ],
        response_format: {
          type: "json_schema",
          json_schema: { name: request.name, schema: request.schema, strict: true },
        },
      },
      { signal },
    );
    const content = completion.choices[0]?.message?.content ?? "";
    return { json: JSON.parse(content), raw: completion, tokens: completion.usage?.total_tokens ?? null };
  }
}
