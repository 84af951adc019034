/**
 * Uploaded answers in, 16 kHz mono 16-bit PCM out. ffprobe identifies the file from its bytes (never its
 * name) and measures it before anything is decoded, so a file of the wrong kind or length is refused in
 * milliseconds; ffmpeg then decodes at most `maxSeconds` of it. Both run without a shell, with a time
 * limit and the caller's AbortSignal.
 */
import { spawn } from "node:child_process";
import { mkdtemp, open, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { timerMs } from "../numbers.ts";
import { analyzeFrames, type FrameAnalysis, type SpeechDetection } from "./silence.ts";
import type { DecodedAudio } from "./types.ts";
import { SAMPLE_RATE } from "./types.ts";

export { detectSpeech, type SpeechDetection } from "./silence.ts";

/** Stable codes; the status is what an HTTP route answering with the error should use. */
export const AUDIO_ERRORS = {
  audio_empty: { status: 422, message: "The recording is empty." },
  audio_corrupt: {
    status: 422,
    message: "The recording could not be read; it may be damaged or incomplete.",
  },
  audio_unsupported: { status: 415, message: "That kind of audio file is not accepted." },
  audio_too_long: { status: 413, message: "The recording is longer than allowed." },
  audio_timeout: { status: 504, message: "Reading the recording took too long." },
  audio_decoder_unavailable: { status: 503, message: "Audio decoding is not available on this server." },
} as const satisfies Record<string, { status: number; message: string }>;

export type AudioErrorCode = keyof typeof AUDIO_ERRORS;

export class AudioError extends Error {
  readonly code: AudioErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(code: AudioErrorCode, message?: string, details?: Record<string, unknown>, cause?: unknown) {
    super(message ?? AUDIO_ERRORS[code].message, cause === undefined ? undefined : { cause });
    this.name = "AudioError";
    this.code = code;
    this.status = AUDIO_ERRORS[code].status;
    this.details = details ?? {};
  }
}

export interface AudioProbe {
  /** Our name for the container: wav, mp3, m4a, webm, ogg, flac, aac, or ffprobe's own name for others. */
  format: string;
  /** ffprobe's format_name split on commas (a container family such as "mov,mp4,m4a,3gp,3g2,mj2"). */
  formatNames: string[];
  codec: string;
  /** null when the container does not say (a live-recorded webm, for one). */
  durationSeconds: number | null;
  channels: number;
  sampleRate: number;
  sizeBytes: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Per tool run; default 30 s for ffprobe, 120 s for ffmpeg. */
  timeoutMs?: number;
}

export interface DecodeOptions extends RunOptions {
  maxSeconds: number;
  originalMime: string;
  /** Container names accepted (ours, as in AudioProbe.format, or any of ffprobe's); all when absent. */
  allowedFormats?: readonly string[];
  /** Where the temporary directory holding the WAV is made; the OS temp dir by default. */
  tempRoot?: string;
}

export interface DecodeResult extends DecodedAudio {
  probe: AudioProbe;
  /** The file ended early (cut-off upload); what could be decoded is returned. */
  truncated: boolean;
  /** Where the speech is; `hasSpeech: false` for a silent recording, which is a result, not an error. */
  speech: SpeechDetection;
  /** The frame levels behind `speech`, for the speech metrics to reuse. */
  frames: FrameAnalysis;
  /** Removes the temporary directory holding wavPath; safe to call twice. */
  cleanup(): Promise<void>;
}

const FFPROBE = "ffprobe";
const FFMPEG = "ffmpeg";
/** A cut-off file with less than this decodable is not worth analysing. */
const MIN_TRUNCATED_SECONDS = 0.5;
/** Decoded audio this much shorter than the container promised means the file was cut off. */
const TRUNCATION_TOLERANCE_SECONDS = 0.3;
const TRUNCATION_TOLERANCE_RATIO = 0.03;

/** ffprobe's format names mapped to ours; the first name ffprobe lists decides. */
const FORMAT_ALIASES: Record<string, string> = {
  wav: "wav",
  mp3: "mp3",
  mov: "m4a",
  mp4: "m4a",
  m4a: "m4a",
  matroska: "webm",
  webm: "webm",
  ogg: "ogg",
  flac: "flac",
  aac: "aac",
};

interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a tool without a shell; a timeout or the caller's abort kills it outright. */
function runTool(command: string, args: string[], options: RunOptions, defaultTimeoutMs: number) {
  const timeout = AbortSignal.timeout(timerMs(options.timeoutMs ?? defaultTimeoutMs));
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  return new Promise<ToolResult>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], signal, killSignal: "SIGKILL" });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    // ffmpeg can print a line per bad frame of a damaged file; only the start is worth keeping.
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      if (stderr.length < 8192) stderr += chunk;
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") {
        reject(new AudioError("audio_decoder_unavailable", `${command} is not installed`, {}, error));
      } else if (error.name === "AbortError" && timeout.aborted && !options.signal?.aborted) {
        reject(new AudioError("audio_timeout", undefined, { tool: command }, error));
      } else if (error.name === "AbortError" && options.signal?.aborted) {
        reject(options.signal.reason ?? error);
      } else {
        reject(error);
      }
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let available: Promise<boolean> | undefined;

/** Whether ffmpeg and ffprobe can be run here; checked once per process. */
export function ffmpegAvailable(): Promise<boolean> {
  available ??= Promise.all([
    runTool(FFMPEG, ["-version"], {}, 10_000),
    runTool(FFPROBE, ["-version"], {}, 10_000),
  ]).then(
    (results) => results.every((r) => r.code === 0),
    () => false,
  );
  return available;
}

function canonicalFormat(names: string[]): string {
  const first = names[0] ?? "unknown";
  return FORMAT_ALIASES[first] ?? first;
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0]?.slice(0, 300) ?? "";
}

function positiveNumber(value: unknown): number | null {
  const n = typeof value === "string" ? Number.parseFloat(value) : typeof value === "number" ? value : NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}

interface FfprobeJson {
  format?: { format_name?: string; duration?: string };
  streams?: {
    codec_type?: string;
    codec_name?: string;
    channels?: number;
    sample_rate?: string;
    duration?: string;
  }[];
}

/** Identifies and measures an audio file from its content; throws AudioError. */
export async function probeAudio(path: string, options: RunOptions = {}): Promise<AudioProbe> {
  // A missing file is the caller's mistake, not the user's: its ENOENT propagates as is.
  const info = await stat(path);
  if (info.size === 0) throw new AudioError("audio_empty", undefined, { sizeBytes: 0 });
  const args = ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path];
  const result = await runTool(FFPROBE, args, options, 30_000);
  let parsed: FfprobeJson = {};
  try {
    parsed = JSON.parse(result.stdout || "{}") as FfprobeJson;
  } catch {
    // A tool that wrote something other than JSON read nothing useful: handled as unreadable below.
  }
  if (result.code !== 0 || !parsed.format?.format_name) {
    throw new AudioError("audio_corrupt", undefined, { reason: firstLine(result.stderr) });
  }
  const formatNames = parsed.format.format_name.split(",");
  const format = canonicalFormat(formatNames);
  const audio = parsed.streams?.find((s) => s.codec_type === "audio");
  if (!audio) {
    throw new AudioError("audio_unsupported", "The file holds no audio.", {
      format,
      reason: "no_audio_stream",
    });
  }
  return {
    format,
    formatNames,
    codec: audio.codec_name ?? "unknown",
    durationSeconds: positiveNumber(parsed.format.duration) ?? positiveNumber(audio.duration),
    channels: audio.channels ?? 0,
    sampleRate: positiveNumber(audio.sample_rate) ?? 0,
    sizeBytes: info.size,
  };
}

function formatAllowed(probe: AudioProbe, allowed: readonly string[] | undefined): boolean {
  if (!allowed) return true;
  const wanted = new Set(allowed.map((f) => f.toLowerCase()));
  return wanted.has(probe.format) || probe.formatNames.some((n) => wanted.has(n));
}

/** Makes a temporary directory and a function that removes it (safe to call more than once). */
export async function makeTempDir(root = tmpdir(), prefix = "rehearse-audio-") {
  const dir = await mkdtemp(join(root, prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs `work` with a temporary directory that is removed afterwards, whether it succeeded or not. */
export async function withTempDir<T>(work: (dir: string) => Promise<T>, root?: string): Promise<T> {
  const { dir, cleanup } = await makeTempDir(root);
  try {
    return await work(dir);
  } finally {
    await cleanup();
  }
}

/**
 * Whether a WAV file's header promises more sample bytes than the file holds. ffprobe measures a WAV by
 * its size, so a cut-off WAV looks complete to it; only the header tells. Streaming writers leave the size
 * 0 or 0xFFFFFFFF ("unknown"), which is not truncation.
 */
async function wavHeaderTruncated(path: string, sizeBytes: number): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(Math.min(sizeBytes, 65536));
    await handle.read(head, 0, head.length, 0);
    const chunk = findChunk(head, "data");
    if (!chunk || chunk.declaredSize === 0 || chunk.declaredSize === 0xffffffff) return false;
    return chunk.offset + chunk.declaredSize > sizeBytes;
  } finally {
    await handle.close();
  }
}

function decodeArgs(input: string, output: string, maxSeconds: number): string[] {
  return [
    "-nostdin",
    "-v",
    "error",
    "-i",
    input,
    "-map",
    "0:a:0",
    // A hard stop just past the limit: a file whose container lied about its length is still never
    // decoded in full.
    "-t",
    String(maxSeconds + 1),
    "-ac",
    "1",
    "-ar",
    String(SAMPLE_RATE),
    "-c:a",
    "pcm_s16le",
    "-map_metadata",
    "-1",
    "-fflags",
    "+bitexact",
    "-flags:a",
    "+bitexact",
    "-f",
    "wav",
    "-y",
    output,
  ];
}

async function readDecodedWav(path: string): Promise<Int16Array | null> {
  const bytes = await readFile(path).catch(() => null);
  if (!bytes || bytes.length < 44) return null;
  try {
    return readWavPcm(bytes).pcm;
  } catch {
    return null;
  }
}

function speechOf(pcm: Int16Array): { speech: SpeechDetection; frames: FrameAnalysis } {
  const frames = analyzeFrames(pcm, SAMPLE_RATE);
  return { speech: frames.detection, frames };
}

/**
 * Probes, checks and decodes an upload to 16 kHz mono s16le. Throws AudioError (audio_empty,
 * audio_corrupt, audio_unsupported, audio_too_long, audio_timeout, audio_decoder_unavailable). The WAV
 * lives in a temporary directory that the caller removes with `cleanup()`.
 */
export async function decodeAudio(path: string, options: DecodeOptions): Promise<DecodeResult> {
  const probe = await probeAudio(path, options);
  if (!formatAllowed(probe, options.allowedFormats)) {
    throw new AudioError("audio_unsupported", undefined, {
      format: probe.format,
      allowed: options.allowedFormats,
    });
  }
  if (probe.durationSeconds !== null && probe.durationSeconds > options.maxSeconds) {
    throw new AudioError("audio_too_long", undefined, {
      durationSeconds: probe.durationSeconds,
      maxSeconds: options.maxSeconds,
    });
  }
  const { dir, cleanup } = await makeTempDir(options.tempRoot);
  try {
    const wavPath = join(dir, "decoded.wav");
    const result = await runTool(FFMPEG, decodeArgs(path, wavPath, options.maxSeconds), options, 120_000);
    const pcm = await readDecodedWav(wavPath);
    const decodedSeconds = pcm ? pcm.length / SAMPLE_RATE : 0;
    if (decodedSeconds > options.maxSeconds + 0.25) {
      throw new AudioError("audio_too_long", undefined, {
        durationSeconds: null,
        maxSeconds: options.maxSeconds,
      });
    }
    const promised = probe.durationSeconds;
    const shortOfPromise =
      promised !== null &&
      promised - decodedSeconds >
        Math.max(TRUNCATION_TOLERANCE_SECONDS, promised * TRUNCATION_TOLERANCE_RATIO);
    const truncated =
      result.code !== 0 ||
      shortOfPromise ||
      (probe.format === "wav" && (await wavHeaderTruncated(path, probe.sizeBytes)));
    if (!pcm || (truncated && decodedSeconds < MIN_TRUNCATED_SECONDS)) {
      throw new AudioError("audio_corrupt", undefined, {
        truncated,
        decodedSeconds,
        reason: firstLine(result.stderr),
      });
    }
    if (pcm.length === 0) throw new AudioError("audio_empty", undefined, { decodedSeconds: 0 });
    return {
      originalPath: path,
      originalMime: options.originalMime,
      wavPath,
      pcm,
      sampleRate: SAMPLE_RATE,
      durationSeconds: decodedSeconds,
      probe,
      truncated,
      ...speechOf(pcm),
      cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** A canonical 44-byte-header WAV of mono 16-bit PCM. */
export function encodeWav(pcm: Int16Array, sampleRate = SAMPLE_RATE): Buffer {
  const dataBytes = pcm.length * 2;
  const out = Buffer.alloc(44 + dataBytes);
  out.write("RIFF", 0, "ascii");
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write("WAVE", 8, "ascii");
  out.write("fmt ", 12, "ascii");
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 2, 28); // byte rate
  out.writeUInt16LE(2, 32); // block align
  out.writeUInt16LE(16, 34); // bits per sample
  out.write("data", 36, "ascii");
  out.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < pcm.length; i++) out.writeInt16LE(pcm[i] as number, 44 + i * 2);
  return out;
}

interface Chunk {
  offset: number;
  declaredSize: number;
}

/** The first RIFF chunk with this id after the 12-byte RIFF/WAVE header; offset is where its data starts. */
function findChunk(buffer: Buffer, id: string): Chunk | null {
  if (
    buffer.length < 12 ||
    buffer.toString("ascii", 0, 4) !== "RIFF" ||
    buffer.toString("ascii", 8, 12) !== "WAVE"
  ) {
    return null;
  }
  let at = 12;
  while (at + 8 <= buffer.length) {
    const chunkId = buffer.toString("ascii", at, at + 4);
    const declaredSize = buffer.readUInt32LE(at + 4);
    if (chunkId === id) return { offset: at + 8, declaredSize };
    // Chunks are padded to an even length.
    at += 8 + declaredSize + (declaredSize % 2);
  }
  return null;
}

export interface WavPcm {
  /** Samples as stored: interleaved when channels > 1. */
  pcm: Int16Array;
  sampleRate: number;
  channels: number;
}

/**
 * Reads 16-bit PCM from a WAV buffer (any header layout, extra chunks skipped). A data size of 0 or
 * 0xFFFFFFFF (streaming writers) or larger than the buffer reads to the end of what is there.
 */
export function readWavPcm(buffer: Buffer): WavPcm {
  const fmt = findChunk(buffer, "fmt ");
  const data = findChunk(buffer, "data");
  if (!fmt || !data || fmt.offset + 16 > buffer.length) throw new Error("not a WAV file");
  const formatTag = buffer.readUInt16LE(fmt.offset);
  const channels = buffer.readUInt16LE(fmt.offset + 2);
  const sampleRate = buffer.readUInt32LE(fmt.offset + 4);
  const bitsPerSample = buffer.readUInt16LE(fmt.offset + 14);
  // 1 is PCM; 0xFFFE (extensible) carries PCM too when the bit depth is 16.
  if ((formatTag !== 1 && formatTag !== 0xfffe) || bitsPerSample !== 16) {
    throw new Error(`unsupported WAV encoding (format ${formatTag}, ${bitsPerSample} bits)`);
  }
  const available = buffer.length - data.offset;
  const declared =
    data.declaredSize === 0 || data.declaredSize === 0xffffffff ? available : data.declaredSize;
  const bytes = Math.min(declared, available) & ~1;
  const pcm = new Int16Array(bytes / 2);
  for (let i = 0; i < pcm.length; i++) pcm[i] = buffer.readInt16LE(data.offset + i * 2);
  return { pcm, sampleRate, channels: Math.max(1, channels) };
}
