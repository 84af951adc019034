import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withFillerEvidence } from "../src/speech/filler-evidence.ts";
import type { Transcript } from "../src/speech/types.ts";
import { testConfig } from "./helpers/app.ts";
import { concat, durationOf, removeAudioDir, silence, synthesize } from "./helpers/audio.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";
import { openAiVerbose, startTranscriptionServer, type TranscriptionServer } from "./helpers/stt-servers.ts";
import { ask, askedSession, settled, upload } from "./helpers/voice.ts";

// Whisper-style recognizers drop "um" and "uh"; PocketSphinx, run beside them, hears hesitations, and those
// it hears where the primary transcript has no word go back in. A recording with four known fillers, spoken
// piece by piece so each word's time is known, and a Whisper-compatible server on loopback that transcribes
// it as Whisper does, without them.

const db = useTestDatabase();
let whisper: TranscriptionServer;
let server: TestServer;

const PIECES = ["So", "um", "I think", "uh", "we should ship it on Monday", "um", "the tests", "uh", "pass"];
const FILLERS = new Set(["um", "uh"]);
let recording: string;
let primary: { word: string; start: number; end: number }[];
let fillerSpans: { start: number; end: number }[];

beforeAll(async () => {
  whisper = await startTranscriptionServer();
  server = await startTestServer(
    db.pool,
    {
      auth: { ...testConfig().auth, autoconfirm: true },
      stt: { provider: "openai", apiKey: "test", baseUrl: `${whisper.url}/v1`, model: "whisper-1" },
    },
    { runJobs: true },
  );
  const gap = await silence(0.25);
  const parts: string[] = [];
  primary = [];
  fillerSpans = [];
  let at = 0;
  for (const piece of PIECES) {
    const spoken = await synthesize(piece, { trim: true, wpm: 140 });
    const seconds = await durationOf(spoken);
    if (FILLERS.has(piece)) fillerSpans.push({ start: at, end: at + seconds });
    else {
      const words = piece.split(" ");
      for (const [i, word] of words.entries())
        primary.push({
          word,
          start: at + (seconds * i) / words.length,
          end: at + (seconds * (i + 1)) / words.length,
        });
    }
    parts.push(spoken, gap);
    at += seconds + 0.25;
  }
  recording = await concat(parts);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await whisper?.close();
  removeAudioDir();
});

describe("filler evidence from PocketSphinx", () => {
  it("puts back the hesitations a Whisper-style transcript left out, and only those", async () => {
    whisper.script({ body: openAiVerbose(primary.map((w) => w.word).join(" "), primary) });
    const { token, userId, sessionId } = await askedSession(db.pool, server, 1);
    const order = await ask(server, token, sessionId);
    const saved = await upload(server, token, sessionId, order, recording, "audio/wav");
    const row = await settled(db.pool, saved.body.id as string);
    expect(row.scoring_status).toBe("scored");
    // PocketSphinx hears some of the four (synthetic hesitations are hard for it), never more than were said,
    // and each where one was said.
    const words = String(row.transcribed_text).split(" ");
    const added = words.filter((w) => !primary.some((p) => p.word === w));
    expect(added.length).toBeGreaterThanOrEqual(1);
    expect(added.length).toBeLessThanOrEqual(4);
    for (const filler of added) expect(filler).toMatch(/^(u+m+|u+h+|a+h+|e+r+|h+m+|m+)$/);
    // Whisper alone gave none; the count now holds at least the hesitations put back.
    expect(row.filler_words_count).toBeGreaterThanOrEqual(added.length);
    expect(row.gemini_analysis_raw.recognition.provider).toMatch(/openai:whisper-1\+pocketsphinx fillers/);
    // The evidence run is logged like every recognizer call.
    const logs = await db.pool.query(
      "select api_endpoint, request_payload from public.gemini_api_logs where user_id = $1 and request_type = 'transcription'",
      [userId],
    );
    expect(logs.rows.some((r) => r.request_payload.purpose === "filler_evidence")).toBe(true);
  }, 120_000);

  it("adds a hesitation only where the primary transcript has no word", () => {
    const base: Transcript = {
      text: "we should, ship it",
      words: [
        { word: "we", start: 0, end: 0.3, confidence: null },
        { word: "should", start: 0.3, end: 0.6, confidence: null },
        { word: "ship", start: 1.2, end: 1.5, confidence: null },
        { word: "it", start: 1.5, end: 1.7, confidence: null },
      ],
      duration: 2,
      language: "en",
      provider: "whisper:base.en",
      processing_ms: 1,
    };
    const heard: Transcript = {
      ...base,
      text: "we should uh ship um",
      provider: "pocketsphinx",
      words: [
        { word: "we", start: 0, end: 0.3, confidence: 0.9 },
        { word: "should", start: 0.3, end: 0.6, confidence: 0.9 },
        { word: "uh", start: 0.7, end: 1.0, confidence: 0.4 },
        // Inside "ship it": already transcribed (as a word), not a filler to add.
        { word: "um", start: 1.3, end: 1.6, confidence: 0.2 },
      ],
    };
    const merged = withFillerEvidence(base, heard);
    expect(merged.words.map((w) => w.word)).toEqual(["we", "should", "uh", "ship", "it"]);
    expect(merged.text).toBe("we should, uh ship it");
    expect(withFillerEvidence(base, undefined)).toBe(base);
    expect(withFillerEvidence(heard, heard)).toBe(heard);
  });
});
