import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWavPcm } from "../src/speech/decode.ts";
import { connect, frame } from "./helpers/answer-socket.ts";
import { testConfig } from "./helpers/app.ts";
import { call, signUp } from "./helpers/auth.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { act, createInterview, roleId } from "./helpers/interviews.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

// A spoken answer streamed over a real WebSocket at real-time pace: a dropped connection resumes where it
// stopped, the stored WAV is exactly what was sent, and the answer is transcribed and scored once.

const db = useTestDatabase();
let server: TestServer;
const LIBRIVOX = "/usr/share/pocketsphinx/test/data/librivox";
const CHUNK = 1600; // 100 ms of 16 kHz audio

beforeAll(async () => {
  server = await startTestServer(db.pool, { auth: { ...testConfig().auth, autoconfirm: true } });
});

afterAll(async () => {
  await server?.close();
});

/** Two real read-English recordings with a pause between them. */
async function speech(): Promise<Int16Array> {
  const parts = await Promise.all(
    ["0880", "0930"].map(async (n) =>
      readWavPcm(await readFile(`${LIBRIVOX}/sense_and_sensibility_01_austen_64kb-${n}.wav`)),
    ),
  );
  const pause = new Int16Array(16_000 * 0.8);
  const total = parts.reduce((n, p) => n + p.pcm.length, 0) + pause.length;
  const out = new Int16Array(total);
  out.set(parts[0]?.pcm ?? new Int16Array(0), 0);
  out.set(parts[1]?.pcm ?? new Int16Array(0), (parts[0]?.pcm.length ?? 0) + pause.length);
  return out;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("streaming a spoken answer", () => {
  it("survives a dropped connection, stores exactly what was sent, and scores once", async () => {
    const user = await signUp(server.app);
    const token = user.session.access_token;
    const session = await createInterview(server.app, token, {
      job_role_id: await roleId(server.app, "Product Manager"),
      total_questions: 2,
    });
    await act(server.app, token, session.id, "start");
    await call(server.app, "GET", `/api/interviews/${session.id}/next-question`, { token });
    const url = `${server.url.replace("http", "ws")}/api/interviews/${session.id}/answers/1/stream?access_token=${token}`;
    const pcm = await speech();
    const chunks: Int16Array[] = [];
    for (let i = 0; i < pcm.length; i += CHUNK) chunks.push(pcm.subarray(i, Math.min(i + CHUNK, pcm.length)));

    // First connection: about half of the audio at real-time pace, then the line drops.
    const first = await connect(url);
    expect(await first.next("ready")).toMatchObject({ next_seq: 0, sample_rate: 16000 });
    const half = Math.floor(chunks.length / 2);
    for (let seq = 0; seq < half; seq++) {
      first.socket.send(frame(seq, chunks[seq] as Int16Array));
      await sleep(100);
    }
    await first.next("ack");
    await sleep(300);
    first.socket.terminate();

    // Second connection: the server says where to resume; a repeated chunk is harmless.
    const second = await connect(url);
    const ready = await second.next("ready");
    const resumeAt = Number(ready.next_seq);
    expect(resumeAt).toBeGreaterThan(0);
    expect(resumeAt).toBeLessThanOrEqual(half);
    second.socket.send(frame(resumeAt - 1, chunks[resumeAt - 1] as Int16Array));
    for (let seq = resumeAt; seq < chunks.length; seq++) {
      second.socket.send(frame(seq, chunks[seq] as Int16Array));
      await sleep(100);
    }
    second.socket.send(JSON.stringify({ type: "end" }));
    const scored = (await second.next("scored", 120_000)).response as Record<string, unknown>;
    expect(scored).toMatchObject({ question_order: 1, scoring_status: "scored", attempt: 1 });
    expect(String(scored.transcribed_text).split(" ").length).toBeGreaterThan(5);
    expect(scored.speech_pace).toBeGreaterThan(60);
    expect(scored.response_duration_seconds).toBe(Math.round(pcm.length / 16000));
    expect(second.messages.some((m) => m.type === "partial")).toBe(true);

    // The stored recording is exactly the audio sent.
    const stored = await server.app.inject({
      method: "GET",
      url: `/storage/v1/object/authenticated/${scored.audio_file_path}`,
      headers: { authorization: `Bearer ${token}`, apikey: server.keys.anon },
    });
    expect(stored.statusCode).toBe(200);
    const wav = readWavPcm(stored.rawPayload);
    expect(wav.sampleRate).toBe(16000);
    expect(Buffer.from(wav.pcm.buffer, wav.pcm.byteOffset, wav.pcm.byteLength)).toEqual(
      Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength),
    );

    // Connecting again after the end gives the same result and scores nothing twice.
    const third = await connect(url);
    expect(((await third.next("scored")).response as { id: string }).id).toBe(scored.id);
    const { rows } = await db.pool.query(
      `select count(*)::int as responses,
         (select count(*)::int from public.gemini_api_logs where user_id = $2 and request_type = 'interview_evaluation') as scorings
       from public.interview_responses where interview_session_id = $1`,
      [session.id, user.session.user.id],
    );
    expect(rows[0]).toEqual({ responses: 1, scorings: 1 });
  }, 120_000);

  it("refuses a stream without a token, for a question not asked, and audio past the time limit", async () => {
    const user = await signUp(server.app);
    const token = user.session.access_token;
    const session = await createInterview(server.app, token, {
      job_role_id: await roleId(server.app, "Backend Developer"),
      total_questions: 2,
    });
    await act(server.app, token, session.id, "start");
    const base = `${server.url.replace("http", "ws")}/api/interviews/${session.id}/answers`;
    const anonymous = await connect(`${base}/1/stream`);
    expect(await anonymous.next("error")).toMatchObject({ code: "unauthorized" });
    const notAsked = await connect(`${base}/1/stream?access_token=${token}`);
    expect(await notAsked.next("error")).toMatchObject({ code: "question_not_asked" });

    const next = await call(server.app, "GET", `/api/interviews/${session.id}/next-question`, { token });
    const limit = next.body.question.time_limit_seconds as number;
    const long = await connect(`${base}/1/stream?access_token=${token}`);
    await long.next("ready");
    const second = new Int16Array(16_000);
    let seq = 0;
    for (; seq < limit + 31; seq++) long.socket.send(frame(seq, second));
    expect(await long.next("error")).toMatchObject({ code: "audio_too_long" });
    const { rows } = await db.pool.query(
      "select count(*)::int as n from public.interview_responses where interview_session_id = $1",
      [session.id],
    );
    expect(rows[0].n).toBe(0);
  }, 60_000);
});
