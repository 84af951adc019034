import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeWav, readWavPcm } from "../src/speech/decode.ts";
import { connect, frame } from "./helpers/answer-socket.ts";
import { testConfig } from "./helpers/app.ts";
import { audioPath, removeAudioDir } from "./helpers/audio.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";
import { ask, askedSession, settled, upload } from "./helpers/voice.ts";

// Every recording a candidate can make is scored, or refused with a clear 4xx, or marked failed with why in
// plain words: real read English (pocketsphinx-testdata) cut to arbitrary sample counts, encoded by ffmpeg
// in the formats browsers, phones and desktop recorders make, sent as multipart, as a raw body, as a
// chunked stream and over the answer WebSocket.

const run = promisify(execFile);
const db = useTestDatabase();
let server: TestServer;
const LIBRIVOX = "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb";
const RATE = 16_000;
/** The question time limit the tests set, so the longest allowed recording is 60 + 30 s of grace. */
const LIMIT = 60;

beforeAll(async () => {
  server = await startTestServer(
    db.pool,
    { auth: { ...testConfig().auth, autoconfirm: true } },
    { runJobs: true },
  );
});

afterAll(async () => {
  await server?.close();
  removeAudioDir();
});

let sentences: Int16Array[] | undefined;

/** Exactly `samples` samples of real speech at 16 kHz: the LibriVox sentences with 0.4 s pauses, looped. */
async function speechSamples(samples: number): Promise<Int16Array> {
  sentences ??= await Promise.all(
    ["0870", "0880", "0890", "0920", "0930"].map(
      async (n) => readWavPcm(await readFile(`${LIBRIVOX}-${n}.wav`)).pcm,
    ),
  );
  const out = new Int16Array(samples);
  let at = 0;
  for (let i = 0; at < samples; i++) {
    const sentence = sentences[i % sentences.length] as Int16Array;
    out.set(sentence.subarray(0, Math.min(sentence.length, samples - at)), at);
    at += sentence.length + RATE * 0.4;
  }
  return out;
}

async function speechWav(samples: number): Promise<string> {
  const path = audioPath(`speech-${samples}.wav`);
  await writeFile(path, encodeWav(await speechSamples(samples)));
  return path;
}

/** The same speech re-encoded by ffmpeg. */
async function encoded(source: string, name: string, args: string[]): Promise<string> {
  const path = audioPath(name);
  await run("ffmpeg", ["-nostdin", "-v", "error", "-i", source, ...args, "-y", path]);
  return path;
}

async function sessionWithLimit() {
  const { token, sessionId } = await askedSession(db.pool, server, 4);
  const order = await ask(server, token, sessionId);
  await db.pool.query(
    "update public.interview_session_questions set time_limit_seconds = $2 where interview_session_id = $1",
    [sessionId, LIMIT],
  );
  return { token, sessionId, order };
}

/** Scored, or failed with a message that says why; never the old catch-all. */
async function expectOutcome(id: string, minWords: number) {
  const row = await settled(db.pool, id, 180_000);
  if (row.scoring_status === "failed") {
    expect(row.ai_feedback).not.toMatch(/something went wrong/i);
    expect(row.ai_feedback).toMatch(/no (speech|words)/i);
    return row;
  }
  expect(row.scoring_status).toBe("scored");
  expect(String(row.transcribed_text).split(" ").length).toBeGreaterThanOrEqual(minWords);
  return row;
}

function rawPost(
  token: string,
  sessionId: string,
  order: number,
  type: string,
  body: RequestInit["body"],
  chunked = false,
) {
  return fetch(`${server.url}/api/interviews/${sessionId}/answers?question_order=${order}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": type },
    body,
    ...(chunked ? { duplex: "half" } : {}),
  } as RequestInit);
}

/** A file as a stream of odd-sized pieces, sent with chunked transfer encoding (no Content-Length). */
function piecewise(bytes: Buffer): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      const size = 4093 + (at % 7919);
      controller.enqueue(new Uint8Array(bytes.subarray(at, at + size)));
      at += size;
    },
  });
}

describe("recordings of any length the question allows", () => {
  it.each([
    ["half a second and one sample", RATE / 2 + 1, 0],
    ["33.08 s, a sample count that is not a multiple of 16 (the RangeError of the issue)", 529_281, 30],
    ["the longest allowed, to the odd sample", (LIMIT + 30) * RATE - 7, 90],
  ])(
    "%s is transcribed and scored",
    async (_, samples, minWords) => {
      const { token, sessionId, order } = await sessionWithLimit();
      const saved = await upload(server, token, sessionId, order, await speechWav(samples), "audio/wav");
      expect(saved.status).toBe(202);
      const row = await expectOutcome(saved.body.id as string, minWords);
      if (samples > RATE) expect(row.scoring_status).toBe("scored");
      expect(row.response_duration_seconds).toBe(Math.round(samples / RATE));
    },
    240_000,
  );

  it("one sample past the limit is refused with 413 and nothing is kept", async () => {
    const { token, sessionId, order } = await sessionWithLimit();
    const saved = await upload(
      server,
      token,
      sessionId,
      order,
      await speechWav((LIMIT + 30) * RATE + 1600),
      "audio/wav",
    );
    expect(saved.status).toBe(413);
    expect(saved.body).toMatchObject({ code: "audio_too_long" });
    const { rows } = await db.pool.query(
      "select count(*)::int as n from public.interview_responses where interview_session_id = $1",
      [sessionId],
    );
    expect(rows[0].n).toBe(0);
  });
});

describe("recordings in every common encoding", () => {
  const SECONDS = 7.3;
  // [label, file name, ffmpeg arguments, content type, how it is sent]
  const cases: [string, string, string[], string, "multipart" | "raw" | "stream"][] = [
    ["WAV 8 kHz mono", "a.wav", ["-ar", "8000", "-ac", "1"], "audio/wav", "multipart"],
    ["WAV 16 kHz stereo", "b.wav", ["-ar", "16000", "-ac", "2"], "audio/wav", "raw"],
    ["WAV 44.1 kHz stereo", "c.wav", ["-ar", "44100", "-ac", "2"], "audio/x-wav", "stream"],
    [
      "WAV 48 kHz mono, 24-bit",
      "d.wav",
      ["-ar", "48000", "-ac", "1", "-c:a", "pcm_s24le"],
      "audio/wav",
      "multipart",
    ],
    ["MP3 44.1 kHz stereo", "e.mp3", ["-ar", "44100", "-ac", "2", "-b:a", "128k"], "audio/mpeg", "raw"],
    ["M4A (AAC) 48 kHz", "f.m4a", ["-ar", "48000", "-c:a", "aac", "-b:a", "96k"], "audio/mp4", "multipart"],
    ["AAC in ADTS", "g.aac", ["-ar", "44100", "-c:a", "aac", "-f", "adts"], "audio/aac", "stream"],
    [
      "WebM/Opus 48 kHz, as a browser records",
      "h.webm",
      ["-ar", "48000", "-c:a", "libopus", "-b:a", "32k"],
      "audio/webm;codecs=opus",
      "multipart",
    ],
    ["Ogg/Opus", "i.ogg", ["-c:a", "libopus", "-b:a", "24k"], "audio/ogg", "raw"],
    ["Ogg/Vorbis 22.05 kHz", "j.ogg", ["-ar", "22050", "-c:a", "libvorbis"], "audio/ogg", "multipart"],
    ["FLAC 16 kHz", "k.flac", ["-ar", "16000"], "audio/flac", "stream"],
  ];

  it.each(cases)(
    "%s is decoded, transcribed and scored",
    async (_, name, args, type, how) => {
      const { token, sessionId, order } = await sessionWithLimit();
      const file = await encoded(await speechWav(Math.round(SECONDS * RATE) + 3), name, args);
      let status: number;
      let body: Record<string, unknown>;
      if (how === "multipart") {
        ({ status, body } = await upload(server, token, sessionId, order, file, type));
      } else {
        const bytes = await readFile(file);
        const response = await rawPost(
          token,
          sessionId,
          order,
          type,
          how === "raw" ? bytes : piecewise(bytes),
          how === "stream",
        );
        status = response.status;
        body = (await response.json()) as Record<string, unknown>;
      }
      expect(status, JSON.stringify(body)).toBe(202);
      const row = await expectOutcome(body.id as string, 8);
      expect(row.scoring_status).toBe("scored");
      expect(Math.abs(Number(row.response_duration_seconds) - SECONDS)).toBeLessThanOrEqual(1);
    },
    120_000,
  );
});

describe("a streamed answer of an arbitrary length", () => {
  it("with uneven chunks and an odd sample count is stored whole and scored", async () => {
    const { token, sessionId, order } = await sessionWithLimit();
    const pcm = await speechSamples(33 * RATE + 1281);
    const url = `${server.url.replace("http", "ws")}/api/interviews/${sessionId}/answers/${order}/stream?access_token=${token}`;
    const client = await connect(url);
    await client.next("ready");
    let seq = 0;
    for (let at = 0; at < pcm.length; seq++) {
      const size = 1000 + ((seq * 797) % 3000);
      client.socket.send(frame(seq, pcm.subarray(at, Math.min(at + size, pcm.length))));
      at += size;
    }
    client.socket.send(JSON.stringify({ type: "end" }));
    const scored = (await client.next("scored", 180_000)).response as Record<string, unknown>;
    client.socket.close();
    expect(scored).toMatchObject({ scoring_status: "scored", response_duration_seconds: 33 });
    expect(String(scored.transcribed_text).split(" ").length).toBeGreaterThan(30);
  }, 240_000);
});
