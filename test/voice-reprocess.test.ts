import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "./helpers/app.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";
import {
  openAiError,
  openAiVerbose,
  startTranscriptionServer,
  type TranscriptionServer,
} from "./helpers/stt-servers.ts";
import { ask, askedSession, SPEECH, settled, upload } from "./helpers/voice.ts";

// A recording whose processing failed keeps its audio, says why in plain words, and is processed again on
// request (during the interview or after it) without recording again; a recognizer that fails hands the
// recording to PocketSphinx. The recognizer is an OpenAI-compatible server on loopback, failing as scripted.

const db = useTestDatabase();
let whisper: TranscriptionServer;
const WORDS = "i would measure the outcome with latency percentiles and error budgets".split(" ");
const transcript = openAiVerbose(
  WORDS.join(" "),
  WORDS.map((word, i) => ({ word, start: 0.5 + i * 0.45, end: 0.85 + i * 0.45 })),
);

beforeAll(async () => {
  whisper = await startTranscriptionServer();
});

afterAll(async () => {
  await whisper?.close();
});

function startServer(fallback: "pocketsphinx" | "none") {
  return startTestServer(
    db.pool,
    {
      auth: { ...testConfig().auth, autoconfirm: true },
      stt: { provider: "openai", apiKey: "test", baseUrl: `${whisper.url}/v1`, model: "whisper-1" },
      sttFallback: fallback,
    },
    { runJobs: true },
  );
}

function post(server: TestServer, token: string, path: string) {
  return fetch(`${server.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
}

async function stored(path: string) {
  const [bucket, ...rest] = path.split("/");
  const { rows } = await db.pool.query(
    "select count(*)::int as n from storage.objects where bucket_id = $1 and name = $2",
    [bucket, rest.join("/")],
  );
  return rows[0].n as number;
}

describe("without a fallback recognizer", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer("none");
  });
  afterAll(async () => {
    await server?.close();
  });

  it("a failed recording keeps its audio, says why, and is processed again on request", async () => {
    whisper.script({ status: 500, body: openAiError("the GPU fell over") });
    const { token, userId, sessionId } = await askedSession(db.pool, server, 2);
    const order = await ask(server, token, sessionId);
    const saved = await upload(server, token, sessionId, order, SPEECH, "audio/wav");
    expect(saved.status).toBe(202);
    const failed = await settled(db.pool, saved.body.id as string);
    expect(failed.scoring_status).toBe("failed");
    expect(failed.ai_feedback).toMatch(/speech recognizer \(openai\) could not transcribe/);
    expect(failed.ai_feedback).toMatch(/recording is kept/);
    expect(failed.ai_feedback).not.toMatch(/something went wrong/i);
    expect(failed.gemini_analysis_raw).toMatchObject({ reason: "transcription_failed" });
    expect(await stored(failed.audio_file_path)).toBe(1);
    const logs = await db.pool.query(
      "select status from public.gemini_api_logs where user_id = $1 and request_type = 'transcription' and api_endpoint like 'openai:%'",
      [userId],
    );
    expect(logs.rows.length).toBeGreaterThanOrEqual(1);
    expect(logs.rows.every((r) => r.status === "error")).toBe(true);

    // The recognizer is back: processing again transcribes the kept recording; nothing is recorded again.
    whisper.script({ body: transcript });
    const again = await post(server, token, `/api/interviews/${sessionId}/answers/${order}/reprocess`);
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({
      scoring_status: "pending",
      audio_file_path: failed.audio_file_path,
    });
    const scored = await settled(db.pool, saved.body.id as string);
    expect(scored.scoring_status).toBe("scored");
    expect(scored.transcribed_text).toBe(WORDS.join(" "));
    expect(whisper.uploads.length).toBeGreaterThanOrEqual(1);

    // Only a failed answer can be processed again.
    const twice = await post(server, token, `/api/interviews/${sessionId}/answers/${order}/reprocess`);
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ code: "not_failed" });
  }, 120_000);

  it("after the interview, an answer processed again is in the report", async () => {
    const { token, sessionId } = await askedSession(db.pool, server, 2);
    whisper.script({ body: transcript });
    const first = await ask(server, token, sessionId);
    const one = await upload(server, token, sessionId, first, SPEECH, "audio/wav");
    expect((await settled(db.pool, one.body.id as string)).scoring_status).toBe("scored");
    whisper.script({ status: 503, body: openAiError("overloaded") });
    const second = await ask(server, token, sessionId);
    const two = await upload(server, token, sessionId, second, SPEECH, "audio/wav");
    expect((await settled(db.pool, two.body.id as string)).scoring_status).toBe("failed");
    expect((await post(server, token, `/api/interviews/${sessionId}/complete`)).status).toBe(200);
    const narrative = async () =>
      (await db.pool.query("select ai_feedback from public.interview_sessions where id = $1", [sessionId]))
        .rows[0].ai_feedback as string;
    expect(await narrative()).toMatch(/You answered 1 of 2 questions/);

    whisper.script({ body: transcript });
    const again = await post(server, token, `/api/interviews/${sessionId}/answers/${second}/reprocess`);
    expect(again.status).toBe(202);
    expect((await settled(db.pool, two.body.id as string)).scoring_status).toBe("scored");
    // The report is written again with both answers, in the transaction after the score.
    const deadline = Date.now() + 30_000;
    while (!/You answered 2 of 2/.test(await narrative()) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await narrative()).toMatch(/You answered 2 of 2 questions/);
    const report = await fetch(`${server.url}/api/interviews/${sessionId}/report`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await report.json()) as { questions: { answer: { scoring_status: string } | null }[] };
    expect(body.questions.map((q) => q.answer?.scoring_status)).toEqual(["scored", "scored"]);
  }, 120_000);

  it("another user's answer cannot be processed again", async () => {
    const owner = await askedSession(db.pool, server, 1);
    const other = await askedSession(db.pool, server, 1);
    const refused = await post(server, other.token, `/api/interviews/${owner.sessionId}/answers/1/reprocess`);
    expect(refused.status).toBe(404);
  });
});

describe("with PocketSphinx as the fallback", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer("pocketsphinx");
  });
  afterAll(async () => {
    await server?.close();
  });

  it("a recognizer that fails hands the recording to PocketSphinx, and both tries are logged", async () => {
    whisper.script({ status: 500, body: openAiError("model not loaded") });
    const { token, userId, sessionId } = await askedSession(db.pool, server, 1);
    const order = await ask(server, token, sessionId);
    const saved = await upload(server, token, sessionId, order, SPEECH, "audio/wav");
    const row = await settled(db.pool, saved.body.id as string);
    expect(row.scoring_status).toBe("scored");
    expect(row.transcribed_text.split(" ").length).toBeGreaterThan(8);
    expect(row.gemini_analysis_raw.recognition).toMatchObject({ provider: "pocketsphinx" });
    const logs = await db.pool.query(
      `select api_endpoint, status, request_payload from public.gemini_api_logs
        where user_id = $1 and request_type = 'transcription' order by created_at`,
      [userId],
    );
    // PocketSphinx ran beside the failing recognizer (for its fillers), so what it heard is the transcript.
    expect(logs.rows.map((r) => [r.api_endpoint.split(":")[0], r.status]).sort()).toEqual([
      ["openai", "error"],
      ["pocketsphinx", "success"],
    ]);
  }, 120_000);
});
