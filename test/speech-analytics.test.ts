import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paceScore, scoreConfidence, volumeScore } from "../src/speech/analytics/confidence.ts";
import { analyzeSpeech } from "../src/speech/analytics/index.ts";
import type { LoudnessReport } from "../src/speech/analytics/loudness.ts";
import type { Pause } from "../src/speech/analytics/pauses.ts";
import { decodeAudio } from "../src/speech/decode.ts";
import type { SpeechMetrics, Transcript, TranscriptWord } from "../src/speech/types.ts";
import { concat, durationOf, gain, pad, removeAudioDir, silence, synthesize } from "./helpers/audio.ts";

interface Script {
  /** Words, with "[0.6]" for a 0.6 s pause between two of them. */
  script: string;
  start?: number;
  wordSeconds?: number;
  /** Keep punctuation on the timed words (false: Whisper style, punctuation only in the text). */
  punctuatedWords?: boolean;
  /** Drop all punctuation from text and words (PocketSphinx style). */
  unpunctuated?: boolean;
}

/** A transcript whose every word time is known: each word lasts wordSeconds, words touch unless paused. */
function timed({
  script,
  start = 0,
  wordSeconds = 0.3,
  punctuatedWords = true,
  unpunctuated = false,
}: Script) {
  const words: TranscriptWord[] = [];
  const text: string[] = [];
  let at = start;
  for (const piece of script.split(/\s+/).filter(Boolean)) {
    const pause = piece.match(/^\[(\d+(?:\.\d+)?)\]$/);
    if (pause) {
      at += Number(pause[1]);
      continue;
    }
    const written = unpunctuated ? piece.replace(/[.,?!;:]/g, "").toLowerCase() : piece;
    text.push(written);
    const word = punctuatedWords ? written : written.replace(/[.,?!;:]/g, "");
    words.push({ word, start: round3(at), end: round3(at + wordSeconds), confidence: 0.9 });
    at += wordSeconds;
  }
  const transcript: Transcript = {
    text: text.join(" "),
    words,
    duration: at + 1,
    language: "en",
    provider: "test",
    processing_ms: 0,
  };
  return transcript;
}

function textOnly(text: string, duration = 0): Transcript {
  return { text, words: [], duration, language: "en", provider: "test", processing_ms: 0 };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function details(metrics: SpeechMetrics) {
  return metrics.details as {
    pace: { wpm: number | null; articulation_wpm: number | null; words: number; source: string };
    speaking_seconds: number;
    pauses: {
      count: number;
      long: number;
      mid_sentence: number;
      longest_seconds: number;
      source: string;
      list: Pause[];
    };
    fillers: { count: number; per_100_words: number; items: { word: string; at: number | null }[] };
    hedges: { count: number; per_100_words: number; items: { phrase: string; at: number | null }[] };
    loudness: LoudnessReport | null;
    explanation: string[];
    confidence: Record<string, { score: number | null; weight: number; value: number | null }>;
    speech_detected: boolean;
  };
}

/** n plain words (no fillers, no hedges) for pace tests. */
function plainWords(n: number): string {
  const vocabulary = [
    "we",
    "built",
    "the",
    "billing",
    "service",
    "and",
    "measured",
    "every",
    "release",
    "carefully",
  ];
  return Array.from({ length: n }, (_, i) => vocabulary[i % vocabulary.length]).join(" ");
}

afterAll(() => removeAudioDir());

describe("pace from word timings", () => {
  it("is words per minute from the first word's start to the last word's end", () => {
    // 40 words of 0.4 s, starting 3 s in, in a 60 s recording: 40 / 16 s = 150 wpm exactly.
    const metrics = analyzeSpeech({
      transcript: timed({ script: plainWords(40), start: 3, wordSeconds: 0.4 }),
      pcm: null,
    });
    expect(metrics.speech_pace).toBe(150);
    expect(details(metrics).speaking_seconds).toBe(16);
    expect(details(metrics).pace.source).toBe("words");
  });

  it("counts the pauses inside the answer but reports articulation rate without them", () => {
    // 30 words × 0.3 s = 9 s of words, plus pauses of 0.5 and 2.5 s: 12 s → 150 wpm; 30 / 9 s → 200 wpm.
    const script = `${plainWords(10)} [0.5] ${plainWords(10)} [2.5] ${plainWords(10)}`;
    const metrics = analyzeSpeech({ transcript: timed({ script }), pcm: null });
    expect(metrics.speech_pace).toBe(150);
    expect(details(metrics).pace.articulation_wpm).toBe(200);
  });

  it("hits 120, 160 and 220 wpm exactly for words of 0.5, 0.375 and 0.2727 s", () => {
    for (const [wpm, seconds] of [
      [120, 0.5],
      [160, 0.375],
      [220, 60 / 220],
    ] as const) {
      const metrics = analyzeSpeech({
        transcript: timed({ script: plainWords(55), wordSeconds: seconds }),
        pcm: null,
      });
      expect(Math.abs((metrics.speech_pace ?? 0) - wpm)).toBeLessThan(0.02);
    }
  });

  it("does not count um and uh as words", () => {
    const metrics = analyzeSpeech({
      transcript: timed({ script: `${plainWords(20)} um uh um ${plainWords(20)}`, wordSeconds: 0.4 }),
      pcm: null,
    });
    // 40 words over 43 × 0.4 s = 17.2 s.
    expect(details(metrics).pace.words).toBe(40);
    expect(metrics.speech_pace).toBe(Math.round((40 / 17.2) * 60 * 100) / 100);
    expect(metrics.filler_words_count).toBe(3);
  });

  it("has no pace for too little speech", () => {
    const metrics = analyzeSpeech({ transcript: timed({ script: "yes" }), pcm: null });
    expect(metrics.speech_pace).toBeNull();
    expect(metrics.confidence_level).toBeNull();
  });
});

describe("pauses from word timings", () => {
  it("counts gaps of 250 ms or more, flags 2 s or more as long, and finds the longest", () => {
    const script =
      "We moved [0.2] the jobs [0.25] to a queue, [0.6] and then [2] the team [2.5] stopped paging.";
    const { pauses } = details(analyzeSpeech({ transcript: timed({ script }), pcm: null }));
    expect(pauses.count).toBe(4);
    expect(pauses.long).toBe(2);
    expect(pauses.longest_seconds).toBe(2.5);
    expect(pauses.list.map((p) => p.after)).toEqual(["jobs", "queue", "then", "team"]);
  });

  it("tells sentence and clause breaks from pauses in the middle of a sentence", () => {
    const script =
      "I led the [0.8] migration. [1.0] We had three weeks, [0.5] and the [0.7] old system [0.4] because it was slow.";
    const { pauses } = details(analyzeSpeech({ transcript: timed({ script }), pcm: null }));
    expect(pauses.list.map((p) => [p.after, p.kind])).toEqual([
      ["the", "mid_sentence"],
      ["migration", "sentence"],
      ["weeks", "clause"],
      ["the", "mid_sentence"],
      ["system", "clause"], // before "because": a clause boundary
    ]);
    expect(pauses.mid_sentence).toBe(2);
  });

  it("borrows the text's punctuation when the timed words have none (Whisper's word list)", () => {
    const script = "I led the [0.8] migration. [1.0] We had three weeks, [0.5] and we shipped.";
    const punctuated = details(analyzeSpeech({ transcript: timed({ script }), pcm: null })).pauses.list;
    const whisper = details(
      analyzeSpeech({ transcript: timed({ script, punctuatedWords: false }), pcm: null }),
    ).pauses.list;
    expect(whisper.map((p) => p.kind)).toEqual(["mid_sentence", "sentence", "clause"]);
    expect(whisper).toEqual(punctuated);
  });

  it("without any punctuation, calls a pause a boundary only before a new clause after a complete phrase", () => {
    const script =
      "i led the [0.8] migration [1.0] we had three weeks [0.5] and we moved to [0.6] kafka [0.5] then it worked";
    const { pauses } = details(
      analyzeSpeech({ transcript: timed({ script, unpunctuated: true }), pcm: null }),
    );
    expect(pauses.list.map((p) => [p.after, p.kind])).toEqual([
      ["the", "mid_sentence"], // an article cannot end a phrase
      ["migration", "clause"], // "we" opens a clause
      ["weeks", "clause"], // "and" opens one
      ["to", "mid_sentence"], // nor can a preposition
      ["kafka", "clause"], // "then"
    ]);
  });
});

describe("pauses and pace from the signal", () => {
  const parts = ["I worked on the payments team", "for three years.", "Then I moved to search."];
  let pcm: Int16Array;
  let partSeconds: number[];

  beforeAll(async () => {
    const audio = await Promise.all(parts.map((p) => synthesize(p, { trim: true })));
    partSeconds = await Promise.all(audio.map(durationOf));
    const [a, b, c] = audio as [string, string, string];
    const joined = await concat([
      await silence(1),
      a,
      await silence(0.5),
      b,
      await silence(2.5),
      c,
      await silence(1.5),
    ]);
    const decoded = await decodeAudio(joined, { maxSeconds: 60, originalMime: "audio/wav" });
    pcm = decoded.pcm;
    await decoded.cleanup();
  });

  it("finds the inserted 0.5 s and 2.5 s silences where they were put", () => {
    const metrics = analyzeSpeech({ transcript: textOnly(parts.join(" ")), pcm });
    const { pauses } = details(metrics);
    expect(pauses.source).toBe("energy");
    expect(pauses.count).toBe(2);
    expect(pauses.long).toBe(1);
    const [first, second] = pauses.list as [Pause, Pause];
    const [a = 0, b = 0] = partSeconds;
    expect(Math.abs(first.start - (1 + a))).toBeLessThan(0.05);
    expect(Math.abs(first.duration - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(second.start - (1 + a + 0.5 + b))).toBeLessThan(0.05);
    expect(Math.abs(second.duration - 2.5)).toBeLessThan(0.05);
    // Words are placed by estimate: "team | for" is mid-sentence, "years. | Then" is a sentence break.
    expect([first.kind, second.kind]).toEqual(["mid_sentence", "sentence"]);
  });

  it("measures pace over the speech only, within 1% of the known figure", () => {
    const metrics = analyzeSpeech({ transcript: textOnly(parts.join(" ")), pcm });
    const span = partSeconds.reduce((s, x) => s + x, 0) + 0.5 + 2.5;
    const known = (14 / span) * 60;
    expect(details(metrics).pace.source).toBe("energy");
    expect(Math.abs((metrics.speech_pace ?? 0) - known) / known).toBeLessThan(0.01);
  });

  it("adds a silence the word timings hide inside a stretched word", () => {
    // Timings from the known part lengths, but the recognizer stretched "team" over the 0.5 s silence.
    const [a = 0, b = 0, c = 0] = partSeconds;
    const spread = (text: string, from: number, seconds: number) =>
      text.split(" ").map((word, k, all) => ({
        word,
        start: from + (k * seconds) / all.length,
        end: from + ((k + 1) * seconds) / all.length,
        confidence: null,
      }));
    const words = [
      ...spread(parts[0] as string, 1, a),
      ...spread(parts[1] as string, 1 + a + 0.5, b),
      ...spread(parts[2] as string, 1 + a + 0.5 + b + 2.5, c),
    ];
    const team = words[5] as TranscriptWord;
    team.end = (words[6] as TranscriptWord).start;
    const metrics = analyzeSpeech({ transcript: { ...textOnly(parts.join(" ")), words }, pcm });
    const { pauses } = details(metrics);
    expect(pauses.source).toBe("words");
    expect(pauses.list.map((p) => [p.after, p.source, p.kind])).toEqual([
      ["team", "energy", "mid_sentence"],
      ["years", "words", "sentence"],
    ]);
  });

  it("matches the true rate of espeak-ng speech at three speeds, leading and trailing silence excluded", async () => {
    const text =
      "In my last role I led a small team that rebuilt the billing service and we cut the error rate in half over six months";
    const words = text.split(" ").length;
    const measured: number[] = [];
    for (const speed of [120, 160, 220]) {
      const trimmed = await synthesize(text, { wpm: speed, trim: true });
      const truth = (words / (await durationOf(trimmed))) * 60;
      const decoded = await decodeAudio(await pad(trimmed, 1, 1.5), {
        maxSeconds: 60,
        originalMime: "audio/wav",
      });
      const metrics = analyzeSpeech({ transcript: textOnly(text), pcm: decoded.pcm });
      await decoded.cleanup();
      const pace = metrics.speech_pace ?? 0;
      expect(Math.abs(pace - truth) / truth).toBeLessThan(0.02);
      measured.push(pace);
    }
    expect(measured[0]).toBeLessThan(measured[1] ?? 0);
    expect(measured[1]).toBeLessThan(measured[2] ?? 0);
  });
});

describe("loudness", () => {
  const sentences = [
    "In my last role I led a small team that rebuilt the billing service.",
    "We cut the error rate in half over six months and kept every customer.",
    "Then we moved the reporting pipeline onto the same platform.",
  ];
  let parts: string[];

  beforeAll(async () => {
    parts = await Promise.all(sentences.map((s) => synthesize(s, { trim: true })));
  });

  async function measure(path: string) {
    const decoded = await decodeAudio(await pad(path, 0.5, 0.5), {
      maxSeconds: 60,
      originalMime: "audio/wav",
    });
    await decoded.cleanup();
    return details(analyzeSpeech({ transcript: textOnly(sentences.join(" ")), pcm: decoded.pcm }));
  }

  it("finds steady speech steady and speech that fades by 10 and 20 dB unsteady", async () => {
    const [a, b, c] = parts as [string, string, string];
    const steady = await measure(await concat([a, b, c]));
    const fading = await measure(await concat([a, await gain(b, -10), await gain(c, -20)]));
    expect(steady.loudness?.variation_db).toBeLessThan(3);
    expect(fading.loudness?.variation_db).toBeGreaterThan(5);
    expect(steady.loudness?.mean_dbfs).toBeGreaterThan(-25);
    expect(steady.loudness?.clipping_ratio).toBe(0);
    expect(steady.explanation).toContain("Your volume was clear and steady.");
    expect(fading.explanation.some((s) => s.startsWith("Your volume moved by about"))).toBe(true);
    expect(steady.confidence.volume?.score).toBeGreaterThan(fading.confidence.volume?.score ?? 1);
  });

  it("notices a quiet recording and a clipped one", async () => {
    const joined = await concat(parts);
    const quiet = await measure(await gain(joined, -30));
    const clipped = await measure(await gain(joined, 15));
    expect(quiet.loudness?.mean_dbfs).toBeLessThan(-40);
    expect(quiet.explanation).toContain(
      "Your recording was quiet; speak up or move closer to the microphone.",
    );
    expect(clipped.loudness?.clipping_ratio).toBeGreaterThan(0.01);
    expect(clipped.loudness?.peak_dbfs).toBe(0);
    expect(clipped.explanation.some((s) => s.includes("distorted"))).toBe(true);
  });
});

describe("silence", () => {
  it("gives no pace and no confidence for a silent answer, and says so", () => {
    const metrics = analyzeSpeech({ transcript: textOnly(""), pcm: new Int16Array(16000 * 3) });
    expect(metrics).toMatchObject({ speech_pace: null, filler_words_count: 0, confidence_level: null });
    expect(details(metrics).explanation).toEqual(["No speech was detected in this answer."]);
    expect(details(metrics).speech_detected).toBe(false);
  });

  it("ignores words a recognizer invented for silence", () => {
    const metrics = analyzeSpeech({
      transcript: timed({ script: "Thank you. Um, so." }),
      pcm: new Int16Array(16000 * 3),
    });
    expect(metrics).toMatchObject({ speech_pace: null, filler_words_count: 0, confidence_level: null });
  });
});

describe("confidence", () => {
  const steadyText =
    "In my last role I led the migration of our billing service to a new platform. I planned the work in three phases. " +
    "We moved the read path first and measured every release. The error rate fell by half and no customer noticed the change.";
  const nervousText =
    "So um basically I was like, you know, kind of leading the uh migration, I guess. Um, maybe we sort of moved, like, " +
    "the read path first, I think maybe. Uh, I mean, it probably worked, right? Um, I'm not sure, basically, uh, it was like really fast.";

  /**
   * Timings that give exactly `wpm` (um and uh take time but are not words), with a 2.5 s pause after each
   * of the first `longPauses` sentences.
   */
  function atPace(text: string, wpm: number, longPauses = 0): Transcript {
    const sentences = text.split(/(?<=[.?])\s+/);
    const script = sentences.map((s, k) => (k < longPauses ? `${s} [2.5]` : s)).join(" ");
    const tokens = text.split(/\s+/);
    const words = tokens.filter((t) => !/^(um|uh)\W*$/i.test(t)).length;
    const span = (words / wpm) * 60;
    return timed({ script, wordSeconds: (span - 2.5 * longPauses) / tokens.length });
  }

  it("rates a steady 150 wpm answer without fillers well above a 230 wpm filler-heavy hedging one", () => {
    const steady = analyzeSpeech({ transcript: atPace(steadyText, 150), pcm: null });
    const nervous = analyzeSpeech({ transcript: atPace(nervousText, 230, 2), pcm: null });
    expect(steady.confidence_level).toBe(10);
    expect(nervous.speech_pace).toBeCloseTo(230, 0);
    expect(nervous.confidence_level ?? 10).toBeLessThan(2);
    expect(details(nervous).fillers.count).toBeGreaterThanOrEqual(15);
    expect(details(nervous).hedges.count).toBeGreaterThanOrEqual(6);
  });

  it("orders the same way on real speech: espeak-ng steady and slow versus fast and hesitant", async () => {
    const steadyAudio = await decodeAudio(
      await pad(await synthesize(steadyText, { wpm: 110, trim: true }), 0.5, 0.5),
      {
        maxSeconds: 120,
        originalMime: "audio/wav",
      },
    );
    const nervousAudio = await decodeAudio(
      await pad(await synthesize(nervousText, { wpm: 260, trim: true }), 0.5, 0.5),
      {
        maxSeconds: 120,
        originalMime: "audio/wav",
      },
    );
    await steadyAudio.cleanup();
    await nervousAudio.cleanup();
    const steady = analyzeSpeech({ transcript: textOnly(steadyText), pcm: steadyAudio.pcm });
    const nervous = analyzeSpeech({ transcript: textOnly(nervousText), pcm: nervousAudio.pcm });
    expect(steady.speech_pace).toBeGreaterThan(110);
    expect(steady.speech_pace).toBeLessThan(170);
    expect(nervous.speech_pace).toBeGreaterThan(200);
    expect((steady.confidence_level ?? 0) - (nervous.confidence_level ?? 0)).toBeGreaterThan(4);
  });

  it("follows the documented formula: every component at one half gives 5", () => {
    const result = scoreConfidence({
      wpm: 200, // 30 above the band, falloff 60: 0.5
      words: 200,
      speakingSeconds: 60,
      fillers: 11, // 5.5 per 100 words: 1 − (5.5 − 1) / 9 = 0.5
      hedges: 6.5, // 3.25 per 100 words: 1 − (3.25 − 0.5) / 5.5 = 0.5
      longPauses: 2, // 2 per minute: 1 − 2 / 4 = 0.5
      loudness: null, // not measured: its weight is shared by the others
    });
    expect(result.level).toBe(5);
    expect(result.components.volume.score).toBeNull();
    expect(Object.values(result.components).map((c) => c.weight)).toEqual([0.25, 0.25, 0.15, 0.15, 0.2]);
  });

  it("grades pace inside and outside the 110–170 band", () => {
    expect([80, 110, 140, 170, 200, 230, 260].map(paceScore)).toEqual([0.5, 1, 1, 1, 0.5, 0, 0]);
  });

  it("grades volume from level, steadiness and clipping", () => {
    const base: LoudnessReport = {
      mean_dbfs: -20,
      frame_variation_db: 7,
      variation_db: 2,
      peak_dbfs: -3,
      clipping_ratio: 0,
      speech_frames: 500,
    };
    expect(volumeScore(base).score).toBe(1);
    expect(volumeScore({ ...base, mean_dbfs: -50 }).score).toBeCloseTo(0.65, 5);
    expect(volumeScore({ ...base, variation_db: 10 }).score).toBeCloseTo(0.6, 5);
    expect(volumeScore({ ...base, clipping_ratio: 0.05 }).score).toBeCloseTo(0.75, 5);
  });
});

describe("explanation and shape", () => {
  it("explains the pace in plain words", () => {
    // 91 words at 60/182 s each: 182 wpm.
    const metrics = analyzeSpeech({
      transcript: timed({ script: plainWords(91), wordSeconds: 60 / 182 }),
      pcm: null,
    });
    expect(details(metrics).explanation[0]).toBe(
      "Your pace was 182 words per minute — a little fast; aim for 130–160.",
    );
    const slow = analyzeSpeech({
      transcript: timed({ script: plainWords(50), wordSeconds: 0.6 }),
      pcm: null,
    });
    expect(details(slow).explanation[0]).toBe(
      "Your pace was 100 words per minute — a little slow; aim for 130–160.",
    );
  });

  it("names the fillers, hedges and long pauses it counted", () => {
    const script = "Um, I led the team, you know, [2.2] and I guess we like shipped it early.";
    const d = details(analyzeSpeech({ transcript: timed({ script }), pcm: null }));
    expect(d.fillers.items).toEqual([
      { word: "um", at: 0 },
      { word: "you know", at: 1.5 },
      { word: "like", at: 5.5 },
    ]);
    expect(d.hedges.items).toEqual([{ phrase: "I guess", at: 4.6 }]);
    expect(d.explanation).toContain(
      'You used 3 filler words (21.4 per 100 words): "um" (1), "you know" (1), "like" (1). Try a short silent pause instead; it sounds more confident.',
    );
    expect(d.explanation.some((s) => s.startsWith("You paused for 2 seconds or more once"))).toBe(true);
    expect(
      d.explanation.some((s) => s.startsWith('You hedged once (7.1 per 100 words): "I guess" (1).')),
    ).toBe(true);
  });

  it("returns the SpeechMetrics fields with two decimals and the documented details", () => {
    const metrics = analyzeSpeech({
      transcript: timed({ script: plainWords(37), wordSeconds: 0.33 }),
      pcm: null,
    });
    expect(metrics.speech_pace).toBe(Math.round((37 / (37 * 0.33)) * 60 * 100) / 100);
    const level = metrics.confidence_level ?? 0;
    expect(Math.round(level * 100) / 100).toBe(level);
    expect(Object.keys(metrics.details)).toEqual(
      expect.arrayContaining([
        "pace",
        "pauses",
        "fillers",
        "hedges",
        "loudness",
        "speaking_seconds",
        "explanation",
        "confidence",
      ]),
    );
    expect(Object.keys(details(metrics).confidence)).toEqual([
      "pace",
      "fillers",
      "long_pauses",
      "hedges",
      "volume",
    ]);
  });
});
