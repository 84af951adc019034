import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AudioError,
  type AudioErrorCode,
  decodeAudio,
  detectSpeech,
  encodeWav,
  ffmpegAvailable,
  probeAudio,
  readWavPcm,
  withTempDir,
} from "../src/speech/decode.ts";
import {
  audioPath,
  concat,
  durationOf,
  fileWith,
  pad,
  randomFile,
  removeAudioDir,
  silence,
  synthesize,
  toFormat,
  truncated,
} from "./helpers/audio.ts";

const run = promisify(execFile);
const TEXT = "In my last role I led a small team that rebuilt the billing service for our largest customers.";
const ALLOWED = ["wav", "mp3", "m4a"];

let speechWav: string;
let speechSeconds: number;
let mp3: string;
let m4a: string;

async function rejection(promise: Promise<unknown>): Promise<AudioError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AudioError);
  return error as AudioError;
}

async function expectCode(promise: Promise<unknown>, code: AudioErrorCode): Promise<AudioError> {
  const error = await rejection(promise);
  expect(error.code).toBe(code);
  return error;
}

const decode = (path: string, maxSeconds = 300, allowedFormats?: string[]) =>
  decodeAudio(path, {
    maxSeconds,
    originalMime: "audio/test",
    ...(allowedFormats ? { allowedFormats } : {}),
  });

beforeAll(async () => {
  speechWav = await synthesize(TEXT, { wpm: 160 });
  speechSeconds = await durationOf(speechWav);
  mp3 = await toFormat(speechWav, "mp3");
  m4a = await toFormat(speechWav, "m4a");
});

afterAll(() => removeAudioDir());

describe("ffmpeg", () => {
  it("is available here", async () => {
    expect(await ffmpegAvailable()).toBe(true);
  });
});

describe("probeAudio", () => {
  it("identifies wav, mp3 and m4a from their content", async () => {
    const wav = await probeAudio(speechWav);
    expect(wav).toMatchObject({ format: "wav", codec: "pcm_s16le", channels: 1, sampleRate: 22050 });
    expect(wav.durationSeconds).toBeCloseTo(speechSeconds, 2);
    expect(await probeAudio(mp3)).toMatchObject({ format: "mp3", codec: "mp3" });
    const aac = await probeAudio(m4a);
    expect(aac).toMatchObject({ format: "m4a", codec: "aac" });
    expect(aac.formatNames).toContain("mp4");
  });

  it("goes by the bytes, not the name: mp3 bytes named .wav are mp3, m4a bytes named .mp3 are m4a", async () => {
    const disguisedMp3 = await fileWith(await readFile(mp3), "upload.wav");
    const disguisedM4a = await fileWith(await readFile(m4a), "upload.mp3");
    expect((await probeAudio(disguisedMp3)).format).toBe("mp3");
    expect((await probeAudio(disguisedM4a)).format).toBe("m4a");
    // …and the allowed list is checked against the real format.
    await expectCode(decode(disguisedMp3, 300, ["wav"]), "audio_unsupported");
    const decoded = await decode(disguisedMp3, 300, ALLOWED);
    expect(decoded.probe.format).toBe("mp3");
    await decoded.cleanup();
  });

  it("reports an unknown duration as null (a webm written to a pipe)", async () => {
    const piped = audioPath("piped.webm");
    const source = await silence(2);
    await run("sh", [
      "-c",
      'ffmpeg -nostdin -v error -i "$1" -c:a libopus -f webm - > "$2"',
      "sh",
      source,
      piped,
    ]);
    expect(await probeAudio(piped)).toMatchObject({ format: "webm", durationSeconds: null });
  });
});

describe("decodeAudio", () => {
  it("decodes wav, mp3 and m4a to 16 kHz mono PCM of the same length", async () => {
    for (const path of [speechWav, mp3, m4a]) {
      const result = await decode(path, 300, ALLOWED);
      expect(result.sampleRate).toBe(16000);
      expect(result.truncated).toBe(false);
      expect(result.originalPath).toBe(path);
      expect(result.originalMime).toBe("audio/test");
      // mp3 and AAC add encoder padding of a few tens of milliseconds.
      expect(Math.abs(result.durationSeconds - speechSeconds)).toBeLessThan(0.1);
      expect(result.pcm.length).toBe(Math.round(result.durationSeconds * 16000));
      const onDisk = readWavPcm(await readFile(result.wavPath));
      expect(onDisk).toMatchObject({ sampleRate: 16000, channels: 1 });
      expect(onDisk.pcm).toEqual(result.pcm);
      expect(result.speech.hasSpeech).toBe(true);
      await result.cleanup();
      expect(existsSync(result.wavPath)).toBe(false);
      await result.cleanup(); // twice is fine
    }
  });

  it("decodes ogg, webm and flac when no allowed list is given", async () => {
    for (const format of ["ogg", "webm", "flac"] as const) {
      const result = await decode(await toFormat(speechWav, format));
      expect(result.probe.format).toBe(format);
      expect(Math.abs(result.durationSeconds - speechSeconds)).toBeLessThan(0.1);
      await result.cleanup();
    }
  });

  it("refuses a format outside the allowed list, by its real container", async () => {
    const webm = await toFormat(speechWav, "webm", "answer.m4a");
    const error = await expectCode(decode(webm, 300, ALLOWED), "audio_unsupported");
    expect(error.details).toMatchObject({ format: "webm" });
    expect(error.status).toBe(415);
  });

  it("refuses a zero-length file as audio_empty", async () => {
    const empty = await fileWith(Buffer.alloc(0), "empty.wav");
    await expectCode(probeAudio(empty), "audio_empty");
    await expectCode(decode(empty), "audio_empty");
  });

  it("refuses a WAV with a header and no samples as audio_empty", async () => {
    await expectCode(decode(await fileWith(encodeWav(new Int16Array(0)), "header-only.wav")), "audio_empty");
  });

  it("refuses random bytes named .wav and text named .mp3 as audio_corrupt", async () => {
    await expectCode(decode(await randomFile(20_000, "noise.wav")), "audio_corrupt");
    const text = await fileWith(
      "Dear hiring manager, please find my answer attached.\n".repeat(20),
      "answer.mp3",
    );
    const error = await expectCode(decode(text), "audio_corrupt");
    expect(error.status).toBe(422);
  });

  it("refuses the first 1000 bytes of a wav or an mp3 (too little to decode) as audio_corrupt", async () => {
    for (const [path, name] of [
      [speechWav, "cut.wav"],
      [mp3, "cut.mp3"],
    ] as const) {
      const error = await expectCode(decode(await truncated(path, 1000, name)), "audio_corrupt");
      expect(error.details).toMatchObject({ truncated: true });
    }
  });

  it("decodes what is there of a cut-off wav or mp3 and says it was truncated", async () => {
    for (const path of [speechWav, mp3]) {
      const { size } = await stat(path);
      const cut = await truncated(path, Math.floor(size * 0.6), `cut60${path.slice(-4)}`);
      const result = await decode(cut);
      expect(result.truncated).toBe(true);
      expect(result.durationSeconds).toBeGreaterThan(speechSeconds * 0.5);
      expect(result.durationSeconds).toBeLessThan(speechSeconds * 0.7);
      await result.cleanup();
    }
  });

  it("refuses a cut-off m4a (its index is at the end) as audio_corrupt", async () => {
    const { size } = await stat(m4a);
    await expectCode(decode(await truncated(m4a, Math.floor(size * 0.6), "cut.m4a")), "audio_corrupt");
  });

  it("refuses a 10-minute file against a 5-minute limit from the probe, quickly and without decoding", async () => {
    const long = await silence(600, 16000);
    const tempRoot = await mkdtemp(join(tmpdir(), "rehearse-decode-root-"));
    try {
      const started = performance.now();
      const error = await expectCode(
        decodeAudio(long, { maxSeconds: 300, originalMime: "audio/wav", tempRoot }),
        "audio_too_long",
      );
      const elapsed = performance.now() - started;
      expect(elapsed).toBeLessThan(1500);
      expect(error.details).toMatchObject({ durationSeconds: 600, maxSeconds: 300 });
      expect(error.status).toBe(413);
      // No temporary directory was ever made: ffmpeg never ran.
      expect(await readdir(tempRoot)).toEqual([]);
    } finally {
      await rm(tempRoot, { recursive: true, force: true });
    }
  });

  it("stops decoding just past the limit when the container does not give its length", async () => {
    const piped = audioPath("long-piped.webm");
    const source = await silence(20);
    await run("sh", [
      "-c",
      'ffmpeg -nostdin -v error -i "$1" -c:a libopus -f webm - > "$2"',
      "sh",
      source,
      piped,
    ]);
    const tempRoot = await mkdtemp(join(tmpdir(), "rehearse-decode-root-"));
    try {
      const error = await expectCode(
        decodeAudio(piped, { maxSeconds: 5, originalMime: "audio/webm", tempRoot }),
        "audio_too_long",
      );
      expect(error.details).toMatchObject({ durationSeconds: null, maxSeconds: 5 });
      expect(await readdir(tempRoot)).toEqual([]); // cleaned up after the refusal
    } finally {
      await rm(tempRoot, { recursive: true, force: true });
    }
  });

  it("returns a silent recording as a result with hasSpeech false, not an error", async () => {
    const quiet = audioPath("silent.wav");
    await run("sox", ["-n", "-r", "16000", "-c", "1", "-b", "16", quiet, "trim", "0", "3"]);
    const result = await decode(quiet);
    expect(result.durationSeconds).toBeCloseTo(3, 2);
    expect(result.speech).toMatchObject({ hasSpeech: false, speechSeconds: 0, segments: [] });
    expect(result.speech.leadingSilence).toBeCloseTo(3, 2);
    await result.cleanup();
  });

  it("honours the caller's AbortSignal and its own time limit", async () => {
    const controller = new AbortController();
    controller.abort(new Error("client went away"));
    await expect(
      decodeAudio(speechWav, { maxSeconds: 300, originalMime: "audio/wav", signal: controller.signal }),
    ).rejects.toThrow("client went away");
    await expectCode(
      decodeAudio(speechWav, { maxSeconds: 300, originalMime: "audio/wav", timeoutMs: 1 }),
      "audio_timeout",
    );
  });
});

describe("detectSpeech", () => {
  it("finds speech between known leading and trailing silences", async () => {
    const trimmed = await synthesize(TEXT, { trim: true });
    const spoken = await durationOf(trimmed);
    const result = await decode(await pad(trimmed, 1.2, 2));
    const { speech } = result;
    expect(speech.hasSpeech).toBe(true);
    expect(speech.leadingSilence).toBeCloseTo(1.2, 1);
    expect(Math.abs(speech.trailingSilence - 2)).toBeLessThan(0.05);
    expect(
      Math.abs(speech.durationSeconds - speech.leadingSilence - speech.trailingSilence - spoken),
    ).toBeLessThan(0.06);
    await result.cleanup();
  });

  it("adapts to background noise: steady hiss alone is not speech, speech over it is", async () => {
    const hiss = audioPath("hiss.wav");
    await run("sox", [
      "-n",
      "-r",
      "22050",
      "-c",
      "1",
      "-b",
      "16",
      hiss,
      "synth",
      "4",
      "whitenoise",
      "vol",
      "0.03",
    ]);
    const hissOnly = await decode(hiss);
    expect(hissOnly.speech.hasSpeech).toBe(false);
    const voice = await pad(
      await synthesize("We shipped the new search in three weeks.", { trim: true }),
      1,
      0.5,
    );
    const voiceSeconds = await durationOf(voice);
    const mixed = audioPath("speech-over-hiss.wav");
    await run("sox", ["-m", voice, hiss, mixed, "trim", "0", String(voiceSeconds)]);
    const overHiss = await decode(mixed);
    expect(overHiss.speech.hasSpeech).toBe(true);
    expect(overHiss.speech.noiseFloorDb).toBeGreaterThan(-50);
    expect(Math.abs(overHiss.speech.leadingSilence - 1)).toBeLessThan(0.1);
    await hissOnly.cleanup();
    await overHiss.cleanup();
  });

  it("works on raw PCM and treats digital silence and a single click as no speech", () => {
    expect(detectSpeech(new Int16Array(16000 * 2)).hasSpeech).toBe(false);
    const click = new Int16Array(16000 * 2);
    click.fill(20000, 16000, 16000 + 160); // 10 ms
    expect(detectSpeech(click).hasSpeech).toBe(false);
    expect(detectSpeech(new Int16Array(0))).toMatchObject({ hasSpeech: false, durationSeconds: 0 });
  });

  it("finds inserted silences of 0.5 s and 2.5 s as gaps between segments", async () => {
    const a = await synthesize("I worked on the payments team", { trim: true });
    const b = await synthesize("for three years", { trim: true });
    const c = await synthesize("and then I moved to search", { trim: true });
    const joined = await concat([await silence(0.5), a, await silence(0.5), b, await silence(2.5), c]);
    const result = await decode(joined);
    const { segments } = result.speech;
    expect(segments).toHaveLength(3);
    const gaps = [1, 2].map((k) => (segments[k]?.start ?? 0) - (segments[k - 1]?.end ?? 0));
    expect(Math.abs((gaps[0] ?? 0) - 0.5)).toBeLessThan(0.05);
    expect(Math.abs((gaps[1] ?? 0) - 2.5)).toBeLessThan(0.05);
    await result.cleanup();
  });
});

describe("encodeWav and readWavPcm", () => {
  it("round-trip samples, extremes included, with a 44-byte header", () => {
    const pcm = Int16Array.from([
      0,
      1,
      -1,
      32767,
      -32768,
      1234,
      -4321,
      ...Array.from({ length: 1000 }, (_, i) => i * 31),
    ]);
    const wav = encodeWav(pcm, 16000);
    expect(wav.length).toBe(44 + pcm.length * 2);
    expect(wav.toString("ascii", 0, 4)).toBe("RIFF");
    expect(wav.readUInt32LE(4)).toBe(36 + pcm.length * 2);
    expect(wav.readUInt32LE(24)).toBe(16000);
    expect(wav.readUInt32LE(40)).toBe(pcm.length * 2);
    const back = readWavPcm(wav);
    expect(back).toMatchObject({ sampleRate: 16000, channels: 1 });
    expect(back.pcm).toEqual(pcm);
    expect(readWavPcm(encodeWav(pcm, 8000)).sampleRate).toBe(8000);
  });

  it("reads WAVs that ffmpeg and sox wrote, stereo ones, and streaming ones of unknown size", async () => {
    const espeak = readWavPcm(await readFile(speechWav));
    expect(espeak.sampleRate).toBe(22050);
    expect(espeak.pcm.length).toBe(Math.round(speechSeconds * 22050));
    const stereo = audioPath("stereo.wav");
    await run("sox", ["-n", "-r", "16000", "-c", "2", "-b", "16", stereo, "synth", "0.5", "sine", "440"]);
    expect(readWavPcm(await readFile(stereo))).toMatchObject({ channels: 2, sampleRate: 16000 });
    expect(readWavPcm(await readFile(stereo)).pcm.length).toBe(16000);
    const streaming = encodeWav(Int16Array.from([5, 6, 7]));
    streaming.writeUInt32LE(0xffffffff, 40);
    expect(Array.from(readWavPcm(streaming).pcm)).toEqual([5, 6, 7]);
    const cut = encodeWav(Int16Array.from([5, 6, 7, 8])).subarray(0, 44 + 5);
    expect(Array.from(readWavPcm(cut).pcm)).toEqual([5, 6]);
    expect(() => readWavPcm(Buffer.from("not a wav at all, just text"))).toThrow("not a WAV file");
  });

  it("removes a temporary directory after use, even on failure", async () => {
    let seen = "";
    await expect(
      withTempDir(async (dir) => {
        seen = dir;
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(seen).not.toBe("");
    expect(existsSync(seen)).toBe(false);
  });
});
