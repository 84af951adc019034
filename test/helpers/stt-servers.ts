import type http from "node:http";
import { type Scripted, startScriptedServer } from "./model-servers.ts";

/** One multipart upload as the server saw it: form fields, and each file's name, type and bytes. */
export interface Upload {
  path: string;
  headers: http.IncomingHttpHeaders;
  fields: Record<string, string[]>;
  files: Record<string, { name: string; type: string; bytes: Buffer }>;
}

export interface TranscriptionServer {
  url: string;
  uploads: Upload[];
  /** Answers to give, in order; the last one repeats. */
  script(...answers: Scripted[]): void;
  close(): Promise<void>;
}

/**
 * A local server for POST /v1/audio/transcriptions: it parses the multipart/form-data body as a real
 * server would (the WHATWG Request parser) and answers as scripted. startModelServer expects JSON bodies,
 * hence this one for uploads.
 */
export async function startTranscriptionServer(): Promise<TranscriptionServer> {
  const server = await startScriptedServer(parseUpload);
  return { url: server.url, uploads: server.records, script: server.script, close: server.close };
}

async function parseUpload(req: http.IncomingMessage, body: Buffer): Promise<Upload> {
  const upload: Upload = { path: req.url ?? "", headers: req.headers, fields: {}, files: {} };
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("multipart/form-data")) return upload;
  const form = await new Request("http://local/", {
    method: "POST",
    headers: { "content-type": type },
    body,
  }).formData();
  for (const [key, value] of form.entries()) {
    if (typeof value === "string") upload.fields[key] = [...(upload.fields[key] ?? []), value];
    else
      upload.files[key] = {
        name: value.name,
        type: value.type,
        bytes: Buffer.from(await value.arrayBuffer()),
      };
  }
  return upload;
}

interface Word {
  word: string;
  start: number;
  end: number;
  probability?: number;
}

/** OpenAI's verbose_json: words at the top level (without probabilities), segments without words. */
export function openAiVerbose(text: string, words: Word[], avgLogprob = -0.25) {
  const end = words.at(-1)?.end ?? 0;
  return {
    task: "transcribe",
    language: "english",
    duration: end,
    text,
    words: words.map(({ word, start, end }) => ({ word, start, end })),
    segments: [
      {
        id: 0,
        seek: 0,
        start: 0,
        end,
        text: ` ${text}`,
        tokens: [50364, 2425, 13],
        temperature: 0,
        avg_logprob: avgLogprob,
        compression_ratio: 1.1,
        no_speech_prob: 0.01,
      },
    ],
    usage: { type: "duration", seconds: Math.ceil(end) },
  };
}

/** faster-whisper (speaches) and whisper.cpp: the words, with probabilities, inside each segment. */
export function segmentWordsVerbose(text: string, segments: Word[][]) {
  return {
    task: "transcribe",
    language: "en",
    duration: segments.at(-1)?.at(-1)?.end ?? 0,
    text,
    segments: segments.map((words, id) => ({
      id,
      seek: 0,
      start: words[0]?.start ?? 0,
      end: words.at(-1)?.end ?? 0,
      text: ` ${words.map((w) => w.word.trim()).join(" ")}`,
      tokens: [50364],
      temperature: 0,
      avg_logprob: -0.3,
      compression_ratio: 1.2,
      no_speech_prob: 0.02,
      words: words.map((w) => ({ ...w, word: ` ${w.word}` })),
    })),
  };
}

/** OpenAI's error body. */
export function openAiError(message: string, type = "server_error") {
  return { error: { message, type, param: null, code: null } };
}
