import { spawn } from "node:child_process";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DecodeResult, decodeAudio } from "../src/speech/decode.ts";
import type { SttTranscript } from "../src/speech/stt/transcript.ts";
import {
  inspectWhisperModel,
  runWhisperJob,
  segmentsToWords,
  type WhisperContext,
  WhisperError,
  WhisperModelError,
  type WhisperModule,
  WhisperStt,
  type WhisperTranscribeResult,
} from "../src/speech/stt/whisper.ts";
import { SAMPLE_RATE } from "../src/speech/types.ts";
import { TESTDATA } from "./helpers/speech-testdata.ts";
import { corruptCopy, tinyWhisperWords, writeTinyWhisperModel } from "./helpers/tiny-whisper-model.ts";

// whisper.cpp itself (the prebuilt binary of @fugood/whisper.node) on a tiny generated model in the real
// GGML format (test/helpers/tiny-whisper-model.ts), transcribing real recordings from Debian's
// pocketsphinx-testdata. The model's words are made up, but loading, decoding, token timestamps and
// everything this provider does with them are whisper.cpp's own.

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const NAME = "tiny-test";
const LIBRIVOX = ["0870", "0880", "0890", "0920", "0930"].map(
  (n) => `${TESTDATA}/librivox/sense_and_sensibility_01_austen_64kb-${n}.wav`,
);

let dir: string;
let modelPath: string;
let modelBytes: number;
let stt: WhisperStt;
const recordings: DecodeResult[] = [];
const results: SttTranscript[] = [];
/** The 2.99-second LibriVox sentence. */
let short: DecodeResult;

const signal = () => AbortSignal.timeout(60_000);
const strip = ({ processing_ms: _, ...t }: SttTranscript) => t;
const concat = (parts: Int16Array[]) => {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rehearse-stt-whisper-"));
  modelPath = join(dir, "ggml-tiny-test.bin");
  modelBytes = await writeTinyWhisperModel(modelPath);
  for (const path of LIBRIVOX)
    recordings.push(await decodeAudio(path, { maxSeconds: 600, originalMime: "audio/wav" }));
  short = recordings[1] as DecodeResult;
  stt = new WhisperStt({ modelPath, modelName: NAME, threads: 2 });
  for (const audio of recordings) results.push(await stt.transcribe(audio, signal()));
}, 120_000);

afterAll(async () => {
  await stt?.close();
  await Promise.all(recordings.map((r) => r.cleanup()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the tiny whisper model", () => {
  it("is a small GGML file that the checker reads as an English-only model", async () => {
    expect(modelBytes).toBeLessThan(6 * 1024 * 1024);
    const info = await inspectWhisperModel(modelPath);
    expect(info).toMatchObject({ bytes: modelBytes, nVocab: 51864, multilingual: false, nMels: 80 });
    // 7 encoder tensors + 15 per encoder layer, 4 decoder tensors + 24 per decoder layer.
    expect(info.tensors).toBe(7 + 15 + 4 + 24);
    expect((await readFile(modelPath)).subarray(0, 4).readUInt32LE(0)).toBe(0x67676d6c);
  });
});

describe("whisper.cpp speech-to-text", () => {
  it("names itself after the model", () => {
    expect(stt.name).toBe("whisper");
    expect(stt.endpoint).toBe(`whisper.cpp:${NAME}`);
  });

  it("transcribes real recordings into normalized transcripts", () => {
    const vocabulary = tinyWhisperWords();
    for (const [i, t] of results.entries()) {
      const audio = recordings[i] as DecodeResult;
      expect(t).toMatchObject({
        provider: `whisper:${NAME}`,
        language: "en",
        duration: audio.durationSeconds,
      });
      expect(t.processing_ms).toBeGreaterThan(0);
      // The model says a 9-word sentence, its words picked by the audio.
      expect(t.words).toHaveLength(9);
      expect(t.text).toBe(t.words.map((w) => w.word).join(" "));
      expect(t.text).not.toMatch(/[[\]()<>|_.]/);
      let previousEnd = 0;
      for (const w of t.words) {
        expect(vocabulary).toContain(w.word);
        expect(w.confidence).toBeNull();
        expect(w.start).toBeGreaterThanOrEqual(previousEnd);
        expect(w.end).toBeGreaterThanOrEqual(w.start);
        expect(w.end).toBeLessThanOrEqual(t.duration);
        previousEnd = w.end;
      }
      // A stem and its suffix token ("test" + "ed") are one word; "(coughs)" is three tokens, and a sound.
      expect(t.words[6]?.word).toMatch(/^(work|test|ship|launch)(ed|ing|s)$/);
      expect(t.non_lexical).toEqual([
        expect.objectContaining({ token: expect.stringMatching(/^\((laughs|coughs)\)$/) }),
      ]);
      const sound = t.non_lexical?.[0];
      expect(sound?.start).toBeGreaterThanOrEqual(t.words[6]?.end ?? Number.NaN);
      expect(sound?.end).toBeLessThanOrEqual(t.words[7]?.start ?? Number.NaN);
    }
  });

  it("times words from whisper.cpp's token timestamps", () => {
    // The model closes its segment with the <|2.00|> timestamp token: the words share 0–2 s by their
    // token-level times (voice length, then the signal's energy), not a word per equal slice.
    const t = results[1] as SttTranscript;
    const lengths = t.words.map((w) => w.end - w.start);
    expect(t.words.some((w) => w.end > w.start)).toBe(true);
    expect(new Set(t.words.map((w) => w.start)).size).toBe(t.words.length);
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeGreaterThan(0.05);
    expect(t.words[0]?.start).toBeLessThan(0.5);
    expect(t.words.at(-1)?.end).toBeGreaterThan(1.5);
    expect(t.words.at(-1)?.end).toBeLessThanOrEqual(2);
  });

  it("hears the audio: different recordings give different sentences", () => {
    expect(new Set(results.map((t) => t.text)).size).toBeGreaterThan(1);
  });

  it("is deterministic, and transcribePcm matches transcribe", async () => {
    const again = await stt.transcribe(short, signal());
    expect(strip(again)).toEqual(strip(results[1] as SttTranscript));
    const fromPcm = await stt.transcribePcm(short.pcm, signal());
    expect(fromPcm.words).toEqual(results[1]?.words);
    expect(fromPcm.duration).toBeCloseTo(short.durationSeconds, 3);
  });

  it("takes PCM that is a view into a larger buffer", async () => {
    const padded = new Int16Array(short.pcm.length + 1000);
    padded.set(short.pcm, 500);
    const view = padded.subarray(500, 500 + short.pcm.length);
    expect((await stt.transcribePcm(view, signal())).words).toEqual(results[1]?.words);
  });

  it("transcribes audio over 30 seconds window by window", async () => {
    const pcm = concat([...recordings, ...recordings].map((r) => r.pcm));
    const t = await stt.transcribePcm(pcm, signal());
    expect(t.duration).toBeGreaterThan(45);
    // One 9-word sentence per 30-second window, the second timed from 30 s.
    expect(t.words).toHaveLength(18);
    expect(t.words[8]?.end).toBeLessThanOrEqual(2);
    expect(t.words[9]?.start).toBeGreaterThanOrEqual(30);
    expect(t.words[17]?.end).toBeLessThanOrEqual(32);
  });

  it("runs concurrent calls one at a time, each with its own result", async () => {
    const [a, b, c] = await Promise.all([
      stt.transcribe(recordings[0] as DecodeResult, signal()),
      stt.transcribe(short, signal()),
      stt.transcribe(recordings[2] as DecodeResult, signal()),
    ]);
    expect(a?.words).toEqual(results[0]?.words);
    expect(b?.words).toEqual(results[1]?.words);
    expect(c?.words).toEqual(results[2]?.words);
  });

  it("gives nothing for under 100 ms of audio", async () => {
    const t = await stt.transcribePcm(new Int16Array(SAMPLE_RATE / 20), signal());
    expect(t).toMatchObject({ text: "", words: [], non_lexical: [] });
  });
});

describe("aborting", () => {
  it("rejects at once, with the signal's reason, when the signal has already aborted", async () => {
    const reason = new Error("the answer was withdrawn");
    const started = performance.now();
    await expect(stt.transcribe(short, AbortSignal.abort(reason))).rejects.toBe(reason);
    // A fresh instance: an aborted call does not load the model either.
    const fresh = new WhisperStt({ modelPath, modelName: NAME });
    await expect(fresh.transcribePcm(short.pcm, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it("rejects a running call promptly, and the next call still works", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    // Two 30-second windows: about half a second of work here.
    const long = concat([...recordings, ...recordings].map((r) => r.pcm));
    const running = stt.transcribePcm(long, controller.signal);
    const queued = stt.transcribe(short, signal());
    await new Promise((resolve) => setTimeout(resolve, 20));
    const aborted = performance.now();
    controller.abort(reason);
    await expect(running).rejects.toBe(reason);
    expect(performance.now() - aborted).toBeLessThan(150);
    expect((await queued).words).toEqual(results[1]?.words);
  });

  it("takes a call waiting for the model out of the queue", async () => {
    const controller = new AbortController();
    const reason = new Error("gone");
    const first = stt.transcribe(recordings[0] as DecodeResult, signal());
    const waiting = stt.transcribe(short, controller.signal);
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect((await first).words).toEqual(results[0]?.words);
  });
});

describe("model errors", () => {
  const hint = `bin/rehearse models pull whisper ${NAME}`;

  it("rejects a missing model with the file's name and how to get one, and retries on the next call", async () => {
    const path = join(dir, "later.bin");
    const later = new WhisperStt({ modelPath: path, modelName: NAME });
    const error = await later.transcribe(short, signal()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WhisperModelError);
    expect(error).toBeInstanceOf(WhisperError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain("does not exist");
    expect((error as Error).message).toContain(hint);
    // The failure is not cached: once the model is there, the same instance uses it.
    await copyFile(modelPath, path);
    expect((await later.transcribe(short, signal())).words).toEqual(results[1]?.words);
    await later.close();
  });

  it("rejects a file with a bad magic number", async () => {
    const path = join(dir, "bad-magic.bin");
    await corruptCopy(modelPath, path, { kind: "bad-magic" });
    const error = await new WhisperStt({ modelPath: path, modelName: NAME })
      .transcribe(short, signal())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WhisperModelError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toMatch(/GGUF|bad magic/);
    expect((error as Error).message).toContain(hint);
    // What a download that went wrong leaves behind.
    await writeFile(
      path,
      `<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body></body></html>\n`,
    );
    await expect(new WhisperStt({ modelPath: path, modelName: NAME }).load()).rejects.toThrow(/bad magic/);
  });

  it("rejects a model cut short anywhere, without crashing the process", async () => {
    const size = modelBytes;
    // The first tensor's header: n_dims, name length, type, two dimensions, then its name.
    const firstTensor = (await readFile(modelPath)).indexOf("encoder.positional_embedding") - 20;
    expect(firstTensor).toBeGreaterThan(64_376);
    // In the header, the mel filters, the vocabulary and right after it (whisper.cpp itself would load
    // those as a model without weights, then transcribe nothing, or hang), in a tensor header, in tensor
    // data, one byte short.
    const cuts = [
      0,
      3,
      30,
      20_000,
      64_380,
      firstTensor - 1000,
      firstTensor,
      firstTensor + 10,
      Math.floor(size / 2),
      size - 1,
    ];
    for (const bytes of cuts) {
      const path = join(dir, `truncated-${bytes}.bin`);
      await corruptCopy(modelPath, path, { kind: "truncated", bytes });
      const truncated = new WhisperStt({ modelPath: path, modelName: NAME });
      const error = await truncated.transcribe(short, signal()).catch((e: unknown) => e);
      expect(error, `cut at ${bytes} bytes`).toBeInstanceOf(WhisperModelError);
      expect((error as Error).message).toContain(path);
      expect((error as Error).message).toContain(hint);
    }
    expect((await stt.transcribe(short, signal())).words).toEqual(results[1]?.words);
  });

  it("passes on whisper.cpp's own reason when it refuses a well-formed file", async () => {
    // Same layout, one tensor renamed: only whisper.cpp's loader can tell.
    const path = join(dir, "renamed-tensor.bin");
    const bytes = await readFile(modelPath);
    const at = bytes.indexOf("decoder.ln.weight");
    expect(at).toBeGreaterThan(0);
    bytes.write("decoder.ln.wxxxxx", at, "latin1");
    await writeFile(path, bytes);
    const error = await new WhisperStt({ modelPath: path, modelName: NAME })
      .transcribe(short, signal())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WhisperModelError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain("unknown tensor 'decoder.ln.wxxxxx'");
    expect((error as Error).message).toContain(hint);
  });
});

describe("tokens to words", () => {
  it("merges tokens into words, drops special tokens and keeps annotations apart", () => {
    const seg = (text: string, t0: number, t1: number) => ({ text, t0, t1 });
    const { words, nonLexical } = segmentsToWords([
      seg("", 0, 0),
      seg("[_BEG_]", 0, 0),
      seg(" Well", 0, 300),
      seg(",", 300, 320),
      seg(" I", 320, 400),
      seg(" don", 400, 550),
      seg("'t", 550, 600),
      seg(" know", 600, 800),
      seg(" [", 900, 950),
      seg("BL", 950, 1000),
      seg("ANK", 1000, 1050),
      seg("_AUDIO", 1050, 1100),
      seg("]", 1100, 1500),
      seg("[_TT_75]", 1500, 1500),
      seg(" a", 1500, 1600),
      seg(" well", 1600, 1800),
      seg("-", 1800, 1850),
      seg("known", 1850, 2100),
      seg(" (", 2200, 2250),
      seg("upbeat", 2250, 2400),
      seg(" music", 2400, 2600),
      seg(")", 2600, 2700),
      seg(" thing", 2700, 2900),
      seg(".", 2900, 2950),
      seg("<|endoftext|>", 2950, 2950),
    ]);
    expect(words).toEqual([
      { word: "Well", start: 0, end: 0.32, confidence: null },
      { word: "I", start: 0.32, end: 0.4, confidence: null },
      { word: "don't", start: 0.4, end: 0.6, confidence: null },
      { word: "know", start: 0.6, end: 0.8, confidence: null },
      { word: "a", start: 1.5, end: 1.6, confidence: null },
      { word: "well-known", start: 1.6, end: 2.1, confidence: null },
      { word: "thing", start: 2.7, end: 2.95, confidence: null },
    ]);
    expect(nonLexical).toEqual([
      { token: "[BLANK_AUDIO]", start: 0.9, end: 1.5 },
      { token: "(upbeat music)", start: 2.2, end: 2.7 },
    ]);
  });

  it("keeps words in brackets that run on too long to be an annotation", () => {
    const texts = [" (", "and", " then", " we", " went", " home", " early", " today", ")"];
    const { words, nonLexical } = segmentsToWords(
      texts.map((text, i) => ({ text, t0: i * 100, t1: i * 100 + 100 })),
    );
    expect(nonLexical).toEqual([]);
    expect(words.map((w) => w.word)).toEqual(["and", "then", "we", "went", "home", "early", "today"]);
  });
});

describe("whisper.cpp failures", () => {
  it("fails a job that whisper.cpp gave up on, which the binding never settles", async () => {
    // A stand-in for the native module: whisper.cpp logs an error, and the job's promise never settles.
    let log: ((level: string, text: string) => void) | undefined;
    const toggles: boolean[] = [];
    const module: WhisperModule = {
      WhisperContext: Object.assign(function Context() {} as unknown as WhisperModule["WhisperContext"], {
        toggleNativeLog(enable: boolean, callback?: (level: string, text: string) => void) {
          toggles.push(enable);
          log = callback;
        },
      }),
    };
    const context = (promise: Promise<WhisperTranscribeResult>): WhisperContext => ({
      transcribeData: () => ({ stop: async () => {}, promise }),
      release: async () => {},
    });
    const started = performance.now();
    const failing = runWhisperJob(module, context(new Promise(() => {})), new Int16Array(16000), {});
    log?.("warn", "whisper_full_with_state: input is too short");
    log?.("error", "whisper_full_with_state: failed to encode");
    await expect(failing).rejects.toThrow(/whisper\.cpp failed: .*failed to encode/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    // Native logging was on for the job only.
    expect(toggles).toEqual([true, false]);

    // An error line followed by a result is no failure.
    const output: WhisperTranscribeResult = {
      result: " hi",
      segments: [{ text: " hi", t0: 0, t1: 500 }],
      isAborted: false,
    };
    let finish: (value: WhisperTranscribeResult) => void = () => {};
    const ok = runWhisperJob(
      module,
      context(
        new Promise((resolve) => {
          finish = resolve;
        }),
      ),
      new Int16Array(16000),
      {},
    );
    log?.("error", "whisper_full_with_state: something odd");
    setTimeout(() => finish(output), 100);
    await expect(ok).resolves.toEqual(output);
  });
});

describe("the native library", () => {
  it("prints nothing of its own and lets the process exit", async () => {
    const script = join(dir, "child.mts");
    await writeFile(
      script,
      [
        `import { readFileSync } from "node:fs";`,
        `import { WhisperStt } from ${JSON.stringify(join(ROOT, "src/speech/stt/whisper.ts"))};`,
        `const stt = new WhisperStt({ modelPath: ${JSON.stringify(modelPath)}, modelName: "tiny-test" });`,
        `const pcm = new Int16Array(${JSON.stringify(Array.from(short.pcm.subarray(0, 16000)))});`,
        `const t = await stt.transcribePcm(pcm, AbortSignal.timeout(30000));`,
        `const bad = new WhisperStt({ modelPath: ${JSON.stringify(`${modelPath}.missing`)}, modelName: "x" });`,
        `await bad.transcribePcm(pcm, AbortSignal.timeout(30000)).catch(() => {});`,
        `process.stdout.write(String(t.words.length));`,
      ].join("\n"),
    );
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    // Without close(): an idle WhisperStt must not hold the event loop open.
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      child.on("close", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(Number(stdout)).toBeGreaterThan(0);
  });

  it("accepts a prompt the model's vocabulary cannot spell", async () => {
    // The tiny model takes no notice of prompts (FILLER_PROMPT by default); this checks that an odd one
    // does not break the tokenizer.
    const prompted = new WhisperStt({ modelPath, modelName: NAME, prompt: "Uh, so… ünïcödé, 「quotes」." });
    try {
      const t = await prompted.transcribe(short, signal());
      expect(t.words).toHaveLength(9);
    } finally {
      await prompted.close();
    }
  });
});
