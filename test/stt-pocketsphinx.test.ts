import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DecodeResult, decodeAudio } from "../src/speech/decode.ts";
import {
  isPocketsphinxInstalled,
  PocketsphinxStt,
  parseBacktrace,
  segmentsToWords,
} from "../src/speech/stt/pocketsphinx.ts";
import type { SttTranscript } from "../src/speech/stt/transcript.ts";
import { combineErrorRates, wordErrorRate } from "../src/speech/wer.ts";
import { cliEnv, runCli } from "./helpers/cli.ts";
import { testdataRecordings } from "./helpers/speech-testdata.ts";

// Real PocketSphinx on the real recordings of Debian's pocketsphinx-testdata: LibriVox read English and
// short commands, with their reference transcripts.

const run = promisify(execFile);

interface Utterance {
  id: string;
  reference: string;
  audio: DecodeResult;
}

let dir: string;
const librivox: Utterance[] = [];
const commands: Utterance[] = [];
let goforward: Utterance;
const results = new Map<string, SttTranscript>();
const stt = new PocketsphinxStt();

const decode = (path: string, mime = "audio/wav") =>
  decodeAudio(path, { maxSeconds: 600, originalMime: mime });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rehearse-stt-pocketsphinx-"));
  for (const recording of await testdataRecordings(dir)) {
    const utterance = { id: recording.id, reference: recording.reference, audio: recording.audio };
    if (recording.set === "commands") commands.push(utterance);
    else librivox.push(utterance);
    if (recording.id === "goforward") goforward = utterance;
  }
  await Promise.all(
    [...librivox, ...commands].map(async (u) =>
      results.set(u.id, await stt.transcribe(u.audio, AbortSignal.timeout(120_000))),
    ),
  );
}, 300_000);

afterAll(async () => {
  await Promise.all([...librivox, ...commands].map((u) => u.audio.cleanup()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

const rate = (set: Utterance[]) =>
  combineErrorRates(set.map((u) => wordErrorRate(u.reference, results.get(u.id)?.text ?? "")));

/** The pocketsphinx_batch processes that are children of this test process, from /proc. */
function decoderChildren(): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        // "pid (comm) state ppid …"; comm is cut to 15 characters.
        const match = /^\d+ \((.*)\) \S (\d+)/.exec(stat);
        return match?.[1] === "pocketsphinx_ba" && Number(match[2]) === process.pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe("PocketSphinx speech-to-text", () => {
  it("is installed here, and not when the model is missing", () => {
    expect(isPocketsphinxInstalled()).toBe(true);
    expect(isPocketsphinxInstalled({ modelDir: "/nonexistent" })).toBe(false);
    expect(isPocketsphinxInstalled({ binary: "/nonexistent/pocketsphinx_batch" })).toBe(false);
  });

  it("transcribes LibriVox read English under 28% WER, and short commands under 10%", () => {
    // A floor against regressions, not a measure of quality: the shipped flags are stock search weights
    // (19/71 = 26.8% here, the same as stock; pocketsphinx_continuous: 36.6%); commands 1/25. The 19.7% the
    // tuned flags once read here was chosen on these same sentences (ADR 0012).
    const read = rate(librivox);
    expect(read.words).toBe(71);
    expect(read.wer).toBeLessThanOrEqual(0.28);
    expect(rate(commands).wer).toBeLessThanOrEqual(0.1);
    expect(results.get("goforward")?.text).toBe("go forward ten meters");
  });

  it("gives words in time order, inside the audio, with confidences between 0 and 1", () => {
    for (const u of [...librivox, ...commands]) {
      const t = results.get(u.id) as SttTranscript;
      expect(t).toMatchObject({
        provider: "pocketsphinx",
        language: "en",
        duration: u.audio.durationSeconds,
      });
      expect(t.processing_ms).toBeGreaterThan(0);
      expect(t.words.length).toBeGreaterThan(0);
      expect(t.text).toBe(t.words.map((w) => w.word).join(" "));
      let previousEnd = 0;
      for (const w of t.words) {
        expect(w.word).toMatch(/^[a-z'.]+$/);
        expect(w.start).toBeGreaterThanOrEqual(previousEnd);
        expect(w.end).toBeGreaterThan(w.start);
        expect(w.end).toBeLessThanOrEqual(t.duration);
        expect(w.confidence).toBeGreaterThanOrEqual(0);
        expect(w.confidence).toBeLessThanOrEqual(1);
        previousEnd = w.end;
      }
    }
  });

  it("keeps word times true to the recording when it starts with silence", async () => {
    const padded = join(dir, "padded.wav");
    await run("sox", [goforward.audio.wavPath, padded, "pad", "2", "0"]);
    const audio = await decode(padded);
    try {
      const t = await stt.transcribe(audio, AbortSignal.timeout(60_000));
      const plain = results.get("goforward") as SttTranscript;
      expect(t.text).toBe("go forward ten meters");
      expect(t.words[0]?.start).toBeCloseTo((plain.words[0]?.start ?? 0) + 2, 1);
    } finally {
      await audio.cleanup();
    }
  });

  it("gives the same words from transcribePcm as from transcribe on the same audio", async () => {
    const u = librivox[1] as Utterance;
    const fromPcm = await stt.transcribePcm(u.audio.pcm, AbortSignal.timeout(60_000));
    const fromFile = results.get(u.id) as SttTranscript;
    expect(fromPcm.words).toEqual(fromFile.words);
    expect(fromPcm.duration).toBeCloseTo(fromFile.duration, 3);
  });

  it("transcribes a minute-long answer whole", { timeout: 120_000 }, async () => {
    // Over about 1,000 characters PocketSphinx cuts its log line of the hypothesis, and the backtrace
    // header lands on the end of that line: a long answer must still be read.
    const three = [...librivox, ...librivox, ...librivox];
    const t = await stt.transcribePcm(concat(three.map((u) => u.audio.pcm)), AbortSignal.timeout(120_000));
    expect(t.text.length).toBeGreaterThan(1000);
    expect(t.duration).toBeGreaterThan(70);
    // Measured 24.9% (20% sentence by sentence): the sentences are joined without the pause a speaker leaves, which costs a few words.
    expect(wordErrorRate(three.map((u) => u.reference).join(" "), t.text).wer).toBeLessThanOrEqual(0.3);
    expect(t.words.at(-1)?.end).toBeGreaterThan(t.duration - 1);
  });

  it("hears nothing in silence or in a few samples", async () => {
    const silence = await stt.transcribePcm(new Int16Array(16000), AbortSignal.timeout(60_000));
    expect(silence).toMatchObject({ text: "", words: [] });
    const tiny = await stt.transcribePcm(new Int16Array(10), AbortSignal.timeout(60_000));
    expect(tiny).toMatchObject({ text: "", words: [], duration: 10 / 16000 });
  });

  it("kills the decoder and removes its files when the caller aborts", async () => {
    const tempRoot = await mkdtemp(join(tmpdir(), "rehearse-stt-abort-"));
    try {
      // About 100 s of speech: seconds of decoding, so the abort lands mid-run.
      const long = concat([...librivox, ...librivox, ...librivox, ...librivox].map((u) => u.audio.pcm));
      const controller = new AbortController();
      const started = Date.now();
      const pending = new PocketsphinxStt({ tempRoot }).transcribePcm(long, controller.signal);
      while (decoderChildren().length === 0 && Date.now() - started < 5_000) await sleep(20);
      expect(decoderChildren()).toHaveLength(1);
      expect(await readdir(tempRoot)).toHaveLength(1);
      await sleep(300);
      controller.abort(new Error("the candidate left"));
      await expect(pending).rejects.toThrow("the candidate left");
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(decoderChildren()).toEqual([]);
      expect(await readdir(tempRoot)).toEqual([]);
    } finally {
      await rm(tempRoot, { recursive: true, force: true });
    }
  });

  it("refuses to start on an already-aborted signal", async () => {
    const u = librivox[1] as Utterance;
    await expect(stt.transcribe(u.audio, AbortSignal.abort(new Error("gone")))).rejects.toThrow("gone");
  });

  it("reports a decoder failure with PocketSphinx's error lines", async () => {
    const broken = new PocketsphinxStt({ modelDir: dir });
    await expect(
      broken.transcribePcm(librivox[1]?.audio.pcm ?? new Int16Array(), AbortSignal.timeout(60_000)),
    ).rejects.toThrow(/pocketsphinx_batch/);
  });
});

describe("rehearse transcribe", () => {
  it("prints the text, or with --json the whole transcript", { timeout: 60_000 }, async () => {
    const env = cliEnv({ STT_PROVIDER: "pocketsphinx" });
    const plain = await runCli(["transcribe", goforward.audio.originalPath], env);
    expect(plain).toMatchObject({ code: 0, stdout: "go forward ten meters\n" });
    const json = await runCli(["transcribe", goforward.audio.originalPath, "--json"], env);
    expect(JSON.parse(json.stdout)).toMatchObject({
      text: "go forward ten meters",
      provider: "pocketsphinx",
    });
    const missing = await runCli(["transcribe", join(dir, "missing.wav")], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/rehearse: .*missing\.wav: ENOENT/);
  });
});

describe("word error rate", () => {
  it("ignores case and punctuation, and spells common abbreviations out", () => {
    expect(wordErrorRate("Hello, World!", "hello world").wer).toBe(0);
    expect(wordErrorRate("and mister john dashwood", "And Mr. John Dashwood").wer).toBe(0);
    expect(wordErrorRate("it's well-known", "it’s well known").wer).toBe(0);
  });

  it("counts substitutions, deletions and insertions along a cheapest alignment", () => {
    expect(wordErrorRate("a b c d", "a x c d e")).toEqual({
      wer: 0.5,
      substitutions: 1,
      deletions: 0,
      insertions: 1,
      words: 4,
    });
    expect(
      wordErrorRate("he was not an ill disposed young man", "he was not until exposed young man"),
    ).toMatchObject({
      substitutions: 2,
      deletions: 1,
      insertions: 0,
    });
    expect(wordErrorRate("", "").wer).toBe(0);
    expect(wordErrorRate("", "noise").wer).toBe(1);
    expect(wordErrorRate("one two", "").deletions).toBe(2);
  });

  it("sums utterances into one corpus rate", () => {
    const total = combineErrorRates([wordErrorRate("a b c d", "a b c d"), wordErrorRate("a b", "a")]);
    expect(total).toMatchObject({ wer: 1 / 6, deletions: 1, words: 6 });
  });
});

describe("PocketSphinx backtrace parsing", () => {
  const log = [
    "INFO: pocketsphinx.c(1168): go forward (-7095)",
    "word                 start end   pprob ascr       lscr       lback",
    "INFO: ngram_search.c(1025): bestpath 0.00 CPU 0.000 xRT",
    "<s>                  0     24    1.000 -308224    0          1  ",
    "<sil>                25    45    0.706 -137216    -524288    1  ",
    "go                   46    63    0.997 -268288    -404       1  ",
    "[NOISE]              64    80    0.512 -100000    -524288    1  ",
    "forward(2)           81    116   0.996 -824320    -383       2  ",
    "++BREATH++           117   130   0.400 -1000      -524288    1  ",
    "</s>                 131   140   1.000 -1650688   -124       2  ",
    "INFO: batch.c(760): utterance: 1.41 seconds speech",
  ].join("\n");

  it("takes words and their posteriors, keeps silence out and noises apart", () => {
    const segments = parseBacktrace(log);
    expect(segments).toHaveLength(7);
    const { words, nonLexical } = segmentsToWords(segments ?? []);
    expect(words).toEqual([
      { word: "go", start: 0.46, end: 0.64, confidence: 0.997 },
      { word: "forward", start: 0.81, end: 1.17, confidence: 0.996 },
    ]);
    expect(nonLexical).toEqual([
      { token: "[NOISE]", start: 0.64, end: 0.81 },
      { token: "++BREATH++", start: 1.17, end: 1.31 },
    ]);
  });

  it("finds the header at the end of a cut-off hypothesis line", () => {
    const cut = `INFO: pocketsphinx.c(1168): ${"word ".repeat(200)}respectaword                 start end   pprob ascr       lscr       lback`;
    const segments = parseBacktrace(log.replace(/^.*\n.*lback\n/, `${cut}\n`));
    expect(segments?.map((s) => s.token)).toEqual([
      "<s>",
      "<sil>",
      "go",
      "[NOISE]",
      "forward(2)",
      "++BREATH++",
      "</s>",
    ]);
  });

  it("finds no backtrace in a log without one", () => {
    expect(parseBacktrace("ERROR: batch.c(389): Failed to open x.wav")).toBeUndefined();
  });
});

function concat(parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
