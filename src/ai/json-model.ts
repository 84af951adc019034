/** A model asked for JSON matching a schema: what every AI feature needs from gemini and openai alike. */
export interface JsonRequest {
  /** Schema name (OpenAI's response_format requires one). */
  name: string;
  system: string;
  user: string;
  schema: Record<string, unknown>;
  temperature?: number;
}

export interface JsonResult {
  /** Parsed but not yet validated: each caller validates with its own schema. */
  json: unknown;
  raw: unknown;
  tokens: number | null;
}

export interface JsonModel {
  readonly endpoint: string;
  generateJson(request: JsonRequest, signal: AbortSignal): Promise<JsonResult>;
}
