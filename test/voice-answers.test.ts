import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "./helpers/app.ts";
import { fileWith, randomFile, silence, toFormat, truncated } from "./helpers/audio.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";
import { ask, askedSession, SPEECH, settled, upload } from "./helpers/voice.ts";

// Recorded answers uploaded whole: stored in the audio bucket, transcribed offline by PocketSphinx, measured
// and scored in the background; bad recordings get a clear error or a clear result and leave nothing behind.

const db = useTestDatabase();
let server: TestServer;

beforeAll(async () => {
  const auth = { ...testConfig().auth, autoconfirm: true };
  server = await startTestServer(db.pool, { auth }, { runJobs: true });
});

afterAll(async () => {
  await server?.close();
});

async function nothingStored(sessionId: string) {
  const { rows } = await db.pool.query(
    `select (select count(*)::int from public.interview_responses where interview_session_id = $1) as responses,
            (select count(*)::int from storage.objects where bucket_id = 'interview-audio' and name like '%' || $1 || '%') as files,
            (select questions_answered from public.interview_sessions where id = $1) as answered`,
    [sessionId],
  );
  return rows[0];
}

describe("uploaded recordings", () => {
  it("are stored, transcribed, measured and scored", async () => {
    const { token, userId, sessionId } = await askedSession(db.pool, server);
    const order = await ask(server, token, sessionId);
    const saved = await upload(server, token, sessionId, order, SPEECH, "audio/wav");
    expect(saved.status).toBe(202);
    expect(saved.body).toMatchObject({
      scoring_status: "pending",
      audio_file_path: `interview-audio/${userId}/${sessionId}/${order}.wav`,
    });
    expect(saved.body.response_duration_seconds).toBeGreaterThanOrEqual(6);
    // Completing while the recording is still being scored would leave it out of the report.
    const early = await fetch(`${server.url}/api/interviews/${sessionId}/complete`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({
      code: "answers_pending",
      details: { question_orders: [order] },
    });
    const row = await settled(db.pool, saved.body.id as string);
    expect(row.scoring_status).toBe("scored");
    expect(row.transcribed_text.split(" ").length).toBeGreaterThan(8);
    expect(Number(row.speech_pace)).toBeGreaterThan(80);
    expect(Number(row.confidence_level)).toBeGreaterThan(0);
    expect(row.filler_words_count).toBeGreaterThanOrEqual(0);
    expect(row.gemini_analysis_raw.speech).toBeTruthy();
    const logs = await db.pool.query(
      "select api_endpoint, status from public.gemini_api_logs where user_id = $1 and request_type = 'transcription'",
      [userId],
    );
    expect(logs.rows).toEqual([{ api_endpoint: expect.stringContaining("pocketsphinx"), status: "success" }]);
  }, 120_000);

  it("uploaded to a process that runs no jobs, are processed by one that does", async () => {
    const front = await startTestServer(db.pool, { auth: { ...testConfig().auth, autoconfirm: true } });
    try {
      const { token, sessionId } = await askedSession(db.pool, front);
      const order = await ask(front, token, sessionId);
      const saved = await upload(front, token, sessionId, order, SPEECH, "audio/wav");
      expect(saved.status).toBe(202);
      expect((await settled(db.pool, saved.body.id as string)).scoring_status).toBe("scored");
    } finally {
      await front.close();
    }
  }, 120_000);

  it("accept mp3 as a raw body, and follow supported_audio_formats without a restart", async () => {
    const { token, sessionId } = await askedSession(db.pool, server);
    const order = await ask(server, token, sessionId);
    const mp3 = await toFormat(SPEECH, "mp3");
    await db.pool.query(
      `update public.app_settings set setting_value = '["wav"]' where setting_key = 'supported_audio_formats'`,
    );
    try {
      const refused = await fetch(
        `${server.url}/api/interviews/${sessionId}/answers?question_order=${order}`,
        {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "audio/mpeg" },
          body: await readFile(mp3),
        },
      );
      expect(refused.status).toBe(415);
      expect(await refused.json()).toMatchObject({ code: "audio_unsupported" });
    } finally {
      await db.pool.query(
        `update public.app_settings set setting_value = '["wav", "mp3", "m4a", "webm", "ogg", "flac", "aac"]' where setting_key = 'supported_audio_formats'`,
      );
    }
    const accepted = await fetch(
      `${server.url}/api/interviews/${sessionId}/answers?question_order=${order}`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "audio/mpeg" },
        body: await readFile(mp3),
      },
    );
    expect(accepted.status).toBe(202);
    const body = (await accepted.json()) as { id: string; audio_file_path: string };
    expect(body.audio_file_path).toMatch(/\.mp3$/);
    expect((await settled(db.pool, body.id)).scoring_status).toBe("scored");
  }, 120_000);

  it.each([
    ["a text file named .mp3", () => fileWith("just some text, not audio", "notes.mp3"), "audio/mpeg", 415],
    ["random bytes named .wav", () => randomFile(4096, "noise.wav"), "audio/wav", 415],
    ["an empty file", () => fileWith(Buffer.alloc(0), "empty.wav"), "audio/wav", 400],
    [
      "a text file declared as webm",
      () => fileWith("not a recording at all", "answer.webm"),
      "audio/webm",
      415,
    ],
  ])("refuse %s and keep nothing", async (_, make, type, status) => {
    const { token, sessionId } = await askedSession(db.pool, server);
    const order = await ask(server, token, sessionId);
    const result = await upload(server, token, sessionId, order, await make(), type);
    expect(result.status).toBe(status);
    expect(typeof result.body.code).toBe("string");
    expect(await nothingStored(sessionId)).toEqual({ responses: 0, files: 0, answered: 0 });
  });

  it("refuse a recording longer than the question's time limit plus grace, and keep nothing", async () => {
    const { token, sessionId } = await askedSession(db.pool, server);
    const order = await ask(server, token, sessionId);
    const long = await silence(400, 16_000);
    const result = await upload(server, token, sessionId, order, long, "audio/wav");
    expect(result.status).toBe(413);
    expect(result.body).toMatchObject({ code: "audio_too_long" });
    expect(await nothingStored(sessionId)).toEqual({ responses: 0, files: 0, answered: 0 });
  });

  it("say clearly when a recording holds no speech, and let the question be answered again", async () => {
    const { token, sessionId } = await askedSession(db.pool, server);
    const order = await ask(server, token, sessionId);
    const saved = await upload(server, token, sessionId, order, await silence(3, 16_000), "audio/wav");
    expect(saved.status).toBe(202);
    const row = await settled(db.pool, saved.body.id as string);
    expect(row).toMatchObject({ scoring_status: "failed", ai_feedback: expect.stringMatching(/No speech/) });
    // Not while paused: the failed answer stays as it is.
    await fetch(`${server.url}/api/interviews/${sessionId}/pause`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    const paused = await upload(server, token, sessionId, order, SPEECH, "audio/wav");
    expect(paused.status).toBe(409);
    const kept = await db.pool.query("select scoring_status from public.interview_responses where id = $1", [
      row.id,
    ]);
    expect(kept.rows).toEqual([{ scoring_status: "failed" }]);
    await fetch(`${server.url}/api/interviews/${sessionId}/resume`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    const again = await upload(server, token, sessionId, order, SPEECH, "audio/wav");
    expect(again.status).toBe(202);
    expect((await settled(db.pool, again.body.id as string)).scoring_status).toBe("scored");
  }, 120_000);

  it("handle a truncated file without crashing the worker", async () => {
    const { token, sessionId } = await askedSession(db.pool, server);
    const order = await ask(server, token, sessionId);
    const cut = await truncated(SPEECH, 2000);
    const saved = await upload(server, token, sessionId, order, cut, "audio/wav");
    if (saved.status === 202) {
      const row = await settled(db.pool, saved.body.id as string);
      expect(row.scoring_status).toBe("failed");
      expect(row.ai_feedback).toMatch(/./);
    } else {
      expect([413, 415, 422]).toContain(saved.status);
    }
    // The worker is still alive: a good recording after it is scored.
    const next = await upload(server, token, sessionId, order, SPEECH, "audio/wav");
    expect(next.status).toBe(202);
    expect((await settled(db.pool, next.body.id as string)).scoring_status).toBe("scored");
  }, 120_000);
});
