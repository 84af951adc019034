import http from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted answer: status, body, extra headers, and a delay before answering. */
export interface Scripted {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface ModelServer {
  url: string;
  requests: { path: string; body: Record<string, unknown> }[];
  /** Answers to give, in order; the last one repeats. */
  script(...answers: Scripted[]): void;
  close(): Promise<void>;
}

/**
 * A local HTTP server that records each request (as `record` reads it) and answers with the scripted
 * answers in order, the last one repeating: the common part of every fake model API here.
 */
export async function startScriptedServer<R>(
  record: (req: http.IncomingMessage, body: Buffer) => R | Promise<R>,
): Promise<{ url: string; records: R[]; script(...answers: Scripted[]): void; close(): Promise<void> }> {
  let answers: Scripted[] = [];
  const records: R[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      records.push(await record(req, Buffer.concat(chunks)));
      const answer = (answers.length > 1 ? answers.shift() : answers[0]) ?? {
        status: 500,
        body: { error: { message: "no script" } },
      };
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers });
        res.end(typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body));
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    records,
    script: (...next) => {
      answers = next;
      records.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A local HTTP server that answers like a model API, as its documentation describes, errors included. */
export async function startModelServer(): Promise<ModelServer> {
  const server = await startScriptedServer((req, body) => ({
    path: req.url ?? "",
    body: body.length > 0 ? (JSON.parse(body.toString("utf8")) as Record<string, unknown>) : {},
  }));
  return { url: server.url, requests: server.records, script: server.script, close: server.close };
}

/** An OpenAI chat completion whose message is `content`. */
export function openAiCompletion(content: string) {
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 1_767_225_600,
    model: "test-model",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, refusal: null },
        finish_reason: "stop",
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 900, completion_tokens: 200, total_tokens: 1100 },
  };
}

/** A Gemini generateContent response whose text is `text`. */
export function geminiResponse(text: string) {
  return {
    candidates: [{ content: { role: "model", parts: [{ text }] }, finishReason: "STOP", index: 0 }],
    usageMetadata: { promptTokenCount: 800, candidatesTokenCount: 150, totalTokenCount: 950 },
    modelVersion: "gemini-2.5-flash",
  };
}

/** Gemini's 429 with a google.rpc.RetryInfo detail. */
export function geminiRateLimited(retryDelay: string) {
  return {
    error: {
      code: 429,
      message: "Resource has been exhausted (e.g. check quota).",
      status: "RESOURCE_EXHAUSTED",
      details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay }],
    },
  };
}
