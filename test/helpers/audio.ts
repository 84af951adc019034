/**
 * Real audio made at test time with espeak-ng, sox and ffmpeg (no binary fixtures in the repository).
 * Every file lands in one temporary directory per test process, removed by `removeAudioDir()` (call it
 * in afterAll) or, failing that, when the process exits. Files are 22 050 Hz mono 16-bit WAV (espeak-ng's
 * own rate) unless converted, so any of them can be concatenated with sox.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export const ESPEAK_RATE = 22050;

let dir: string | undefined;
let counter = 0;

/** The directory this process's audio files are written to (made on first use). */
export function audioDir(): string {
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), "rehearse-test-audio-"));
    const made = dir;
    process.once("exit", () => rmSync(made, { recursive: true, force: true }));
  }
  return dir;
}

export function removeAudioDir(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}

/** A fresh path in the audio directory; `name` keeps the extension a test wants (e.g. "upload.wav"). */
export function audioPath(name = "audio.wav"): string {
  counter += 1;
  return join(audioDir(), `${counter}-${name}`);
}

async function sox(args: string[]): Promise<void> {
  await run("sox", args);
}

export interface SynthesizeOptions {
  /** espeak-ng's -s: its nominal speed; real words per minute differ with word length. Default 160. */
  wpm?: number;
  /** espeak-ng's -g: extra gap between words, in 10 ms units at the default speed. */
  wordGap?: number;
  /** Amplitude 0–200 (espeak-ng's -a; default 100). */
  amplitude?: number;
  /** Cut espeak-ng's own leading and trailing silence, so that padding added later is known exactly. */
  trim?: boolean;
}

/** Speech for `text` as a WAV path. */
export async function synthesize(text: string, options: SynthesizeOptions = {}): Promise<string> {
  const raw = audioPath("speech.wav");
  const args = ["-s", String(options.wpm ?? 160), "-a", String(options.amplitude ?? 100), "-z", "-w", raw];
  if (options.wordGap !== undefined) args.push("-g", String(options.wordGap));
  await run("espeak-ng", [...args, text]);
  if (!options.trim) return raw;
  const trimmed = audioPath("speech-trimmed.wav");
  // sox's silence effect trims from the start; reversing twice trims the end too.
  await sox([
    raw,
    trimmed,
    "silence",
    "1",
    "0.005",
    "0.1%",
    "reverse",
    "silence",
    "1",
    "0.005",
    "0.1%",
    "reverse",
  ]);
  return trimmed;
}

/** Digital silence of the given length. */
export async function silence(seconds: number, rate = ESPEAK_RATE): Promise<string> {
  const out = audioPath("silence.wav");
  await sox(["-n", "-r", String(rate), "-c", "1", "-b", "16", out, "trim", "0", String(seconds)]);
  return out;
}

/** The files one after another (same rate and channels, as every file made here is). */
export async function concat(paths: string[]): Promise<string> {
  const out = audioPath("concat.wav");
  await sox([...paths, out]);
  return out;
}

/** Silence added before and after. */
export async function pad(path: string, before: number, after: number): Promise<string> {
  const out = audioPath("padded.wav");
  await sox([path, out, "pad", String(before), String(after)]);
  return out;
}

/** Louder or softer by `db`; past full scale sox clips the samples, as a hot microphone would. */
export async function gain(path: string, db: number): Promise<string> {
  const out = audioPath("gain.wav");
  await sox(["-V1", path, out, "vol", `${db}dB`]);
  return out;
}

export type AudioFormat = "mp3" | "m4a" | "ogg" | "webm" | "flac";

const CODEC: Record<AudioFormat, string[]> = {
  mp3: ["-c:a", "libmp3lame", "-b:a", "64k"],
  m4a: ["-c:a", "aac", "-b:a", "64k"],
  ogg: ["-c:a", "libvorbis"],
  webm: ["-c:a", "libopus"],
  flac: ["-c:a", "flac"],
};

/** The same audio encoded by ffmpeg in another container; `name` overrides the file name (and extension). */
export async function toFormat(path: string, format: AudioFormat, name?: string): Promise<string> {
  const out = audioPath(name ?? `converted.${format}`);
  const container = format === "m4a" ? ["-f", "ipod"] : ["-f", format];
  await run("ffmpeg", ["-nostdin", "-v", "error", "-y", "-i", path, ...CODEC[format], ...container, out]);
  return out;
}

/** Duration in seconds as sox reads it. */
export async function durationOf(path: string): Promise<number> {
  const { stdout } = await run("soxi", ["-D", path]);
  return Number.parseFloat(stdout);
}

/** The first `bytes` bytes of a file, as a cut-off upload would be. */
export async function truncated(path: string, bytes: number, name = "truncated.wav"): Promise<string> {
  const out = audioPath(name);
  await writeFile(out, (await readFile(path)).subarray(0, bytes));
  return out;
}

/** A file of the given bytes (or text) under the given name. */
export async function fileWith(content: Buffer | string, name: string): Promise<string> {
  const out = audioPath(name);
  await writeFile(out, content);
  return out;
}

export function randomFile(bytes: number, name = "random.wav"): Promise<string> {
  return fileWith(randomBytes(bytes), name);
}
