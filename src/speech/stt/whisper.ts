/**
 * Offline neural speech-to-text: whisper.cpp in-process through @fugood/whisper.node (its prebuilt CPU
 * binary), on a GGML model file (ggml-base.en.bin and the like).
 *
 * One model context per WhisperStt, loaded on first use and kept; whisper.cpp runs one transcription at a
 * time on a context, so calls queue here (an aborted caller leaves the queue). Word times come from
 * whisper.cpp's token-level timestamps: with `tokenTimestamps` and `maxLen: 1` every segment it returns is
 * a single token with its own t0/t1, and the tokens are merged back into words here.
 */

import { type FileHandle, open, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import type { DecodedAudio, SpeechToText, TranscriptWord } from "../types.ts";
import { SAMPLE_RATE } from "../types.ts";
import { FILLER_PROMPT } from "./openai.ts";
import { Slots } from "./slots.ts";
import { cleanWord, type NonLexicalSound, orderedWords, type SttTranscript } from "./transcript.ts";

export interface WhisperSttOptions {
  /** The GGML model file (e.g. DATA_DIR/models/ggml-base.en.bin). */
  modelPath: string;
  /** Its name, for the provider string and error messages: "base.en", "small.en"… */
  modelName: string;
  /** CPU threads per transcription; default min(4, cores), whisper.cpp's own default. */
  threads?: number;
  /**
   * The initial prompt, which Whisper takes as the text before the audio. Default FILLER_PROMPT: Whisper
   * leaves out "um" and "uh" unless the preceding text has them. An empty string sends none.
   */
  prompt?: string;
}

/** whisper.cpp could not run (the native module did not load, or a transcription failed). */
export class WhisperError extends Error {
  override name = "WhisperError";
}

/** The model file is missing, is not a whisper.cpp GGML model, or whisper.cpp refused to load it. */
export class WhisperModelError extends WhisperError {
  override name = "WhisperModelError";
}

/** How to get a model, for error messages. */
export function whisperModelHint(modelName: string): string {
  return `Download one with \`bin/rehearse models pull whisper ${modelName}\`.`;
}

// ---------------------------------------------------------------------------------------------------------
// The model file, checked before whisper.cpp sees it

const GGML_MAGIC = 0x67676d6c; // "ggml", little-endian
const GGUF_MAGIC = 0x46554747; // "GGUF"

/** ggml tensor types whisper models use: [elements per block, bytes per block] (ggml.c type_traits). */
const GGML_TYPES: Record<number, [number, number]> = {
  0: [1, 4], // f32
  1: [1, 2], // f16
  2: [32, 18], // q4_0
  3: [32, 20], // q4_1
  6: [32, 22], // q5_0
  7: [32, 24], // q5_1
  8: [32, 34], // q8_0
  9: [32, 36], // q8_1
  10: [256, 84], // q2_K
  11: [256, 110], // q3_K
  12: [256, 144], // q4_K
  13: [256, 176], // q5_K
  14: [256, 210], // q6_K
  15: [256, 292], // q8_K
  30: [1, 2], // bf16
};

export interface WhisperModelInfo {
  bytes: number;
  nVocab: number;
  nAudioState: number;
  nAudioLayer: number;
  nTextLayer: number;
  nMels: number;
  multilingual: boolean;
  tensors: number;
}

/** Reads little-endian integers from a file at increasing offsets, a window at a time. */
class FileReader {
  private window = Buffer.alloc(0);
  private windowStart = 0;

  constructor(
    private readonly file: FileHandle,
    readonly size: number,
  ) {}

  async bytes(position: number, length: number): Promise<Buffer> {
    if (position < this.windowStart || position + length > this.windowStart + this.window.length) {
      const size = Math.min(Math.max(length, 1 << 16), this.size - position);
      const buffer = Buffer.alloc(Math.max(size, 0));
      const { bytesRead } = await this.file.read(buffer, 0, buffer.length, position);
      this.window = buffer.subarray(0, bytesRead);
      this.windowStart = position;
    }
    const offset = position - this.windowStart;
    return this.window.subarray(offset, offset + length);
  }

  async int32s(position: number, count: number): Promise<number[] | undefined> {
    if (position + 4 * count > this.size) return undefined;
    const b = await this.bytes(position, 4 * count);
    return Array.from({ length: count }, (_, i) => b.readInt32LE(4 * i));
  }
}

/**
 * Walks a whisper.cpp GGML model file (the layout `whisper_model_load` reads) without loading its weights,
 * and throws WhisperModelError when it is missing, not GGML, or cut short. whisper.cpp itself reads past
 * the end of a truncated file without noticing: cut in or right after the vocabulary, it "loads" a model
 * with no weights (which it takes for a test model), then transcribes nothing, or never returns when the
 * vocabulary lacks " " (the job fails in a way the binding never reports).
 */
export async function inspectWhisperModel(path: string, modelName = "base.en"): Promise<WhisperModelInfo> {
  const hint = whisperModelHint(modelName);
  const broken = (why: string) =>
    new WhisperModelError(`Whisper model ${path} is not a usable whisper.cpp model: ${why}. ${hint}`);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new WhisperModelError(`Whisper model ${path} is not a file. ${hint}`);
    size = info.size;
  } catch (error) {
    if (error instanceof WhisperModelError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new WhisperModelError(
      code === "ENOENT"
        ? `Whisper model ${path} does not exist. ${hint}`
        : `Whisper model ${path} cannot be read (${code ?? String(error)}). ${hint}`,
    );
  }
  let file: FileHandle;
  try {
    file = await open(path, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new WhisperModelError(`Whisper model ${path} cannot be read (${code ?? String(error)}). ${hint}`);
  }
  try {
    const r = new FileReader(file, size);
    const header = await r.int32s(0, 12);
    if (!header) throw broken(`${size} bytes is too short for a model header`);
    const magic = (header[0] as number) >>> 0;
    if (magic === GGUF_MAGIC) throw broken("it is a GGUF file, and whisper.cpp needs the GGML .bin format");
    if (magic !== GGML_MAGIC) throw broken("bad magic (no GGML header)");
    const [nVocab, nAudioCtx, nAudioState, nAudioHead, nAudioLayer, nTextCtx, nTextState] = header.slice(
      1,
      8,
    ) as [number, number, number, number, number, number, number];
    const [nTextHead, nTextLayer, nMels, ftype] = header.slice(8, 12) as [number, number, number, number];
    const positive = [
      nAudioCtx,
      nAudioState,
      nAudioHead,
      nAudioLayer,
      nTextCtx,
      nTextState,
      nTextHead,
      nTextLayer,
    ];
    if (nVocab < 51864 || nVocab > 51866 || positive.some((v) => v <= 0 || v > 1 << 16) || ftype < 0)
      throw broken("implausible hyperparameters");
    if (nMels !== 80 && nMels !== 128) throw broken(`${nMels} mel bands (80 or 128 expected)`);
    if (nAudioState !== nTextState) throw broken("audio and text widths differ");

    let at = 48;
    const filters = await r.int32s(at, 2);
    if (!filters) throw broken("cut short in the mel filters");
    const [nMel, nFft] = filters as [number, number];
    if (nMel <= 0 || nFft <= 0 || nMel * nFft > 1 << 20) throw broken("implausible mel filter bank");
    at += 8 + 4 * nMel * nFft;

    const count = await r.int32s(at, 1);
    if (!count) throw broken("cut short before the vocabulary");
    const nTokens = count[0] as number;
    if (nTokens < 0 || nTokens > nVocab) throw broken(`implausible vocabulary size ${nTokens}`);
    at += 4;
    let hasSpace = false;
    for (let i = 0; i < nTokens; i++) {
      const length = await r.int32s(at, 1);
      if (!length) throw broken(`cut short in the vocabulary (token ${i} of ${nTokens})`);
      const n = length[0] as number;
      if (n < 0 || n > 1024) throw broken(`implausible length ${n} of token ${i}`);
      if (at + 4 + n > size) throw broken(`cut short in the vocabulary (token ${i} of ${nTokens})`);
      if (n === 1 && (await r.bytes(at + 4, 1))[0] === 0x20) hasSpace = true;
      at += 4 + n;
    }
    // whisper.cpp looks the " " token up unchecked on every transcription (suppress_blank).
    if (!hasSpace) throw broken('the vocabulary has no " " token');

    let tensors = 0;
    while (at < size) {
      const head = await r.int32s(at, 3);
      if (!head) throw broken(`cut short after ${tensors} tensors`);
      const [nDims, nameLength, type] = head as [number, number, number];
      if (nDims < 1 || nDims > 4 || nameLength < 1 || nameLength > 512)
        throw broken(`garbled header of tensor ${tensors + 1}`);
      const dims = await r.int32s(at + 12, nDims);
      if (!dims || at + 12 + 4 * nDims + nameLength > size)
        throw broken(`cut short after ${tensors} tensors`);
      const name = (await r.bytes(at + 12 + 4 * nDims, nameLength)).toString("latin1");
      const traits = GGML_TYPES[type];
      if (!traits) throw broken(`tensor ${name} has unknown type ${type}`);
      const elements = dims.reduce((product, d) => product * d, 1);
      if (dims.some((d) => d <= 0) || elements % traits[0] !== 0)
        throw broken(`tensor ${name} has bad dimensions`);
      at += 12 + 4 * nDims + nameLength + (elements / traits[0]) * traits[1];
      if (at > size) throw broken(`cut short in tensor ${name} (${size} of ${at} bytes)`);
      tensors += 1;
    }
    // With no tensors at all whisper.cpp assumes a test model and runs on uninitialized weights.
    if (tensors === 0) throw broken("it has no weights");
    return {
      bytes: size,
      nVocab,
      nAudioState,
      nAudioLayer,
      nTextLayer,
      nMels,
      multilingual: nVocab >= 51865,
      tensors,
    };
  } finally {
    await file.close();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Tokens to words

/**
 * whisper.cpp's names for special tokens ([_BEG_], [_TT_123], [_SOT_], [_LANG_en], [_extra_token_50300])
 * and OpenAI's (<|endoftext|>, <|0.00|>).
 */
const SPECIAL_TOKEN = /^\s*(\[_[A-Za-z_]*\d*\]|<\|[^|]*\|>)\s*$/;
/** Annotations of sounds that are not speech: "[BLANK_AUDIO]", "(coughs)", "[music]", "*laughs*". */
const NON_LEXICAL = /^(\[[^\]]*\]|\([^)]*\)|\*[^*]+\*)$/;
/** An annotation longer than this many words is taken for speech in brackets. */
const MAX_ANNOTATION_WORDS = 6;

export interface WhisperSegment {
  text: string;
  /** Milliseconds. */
  t0: number;
  t1: number;
}

interface Piece {
  text: string;
  start: number;
  end: number;
}

/**
 * Words and non-speech annotations from whisper.cpp's one-token segments (times in ms). A token that
 * starts with a space begins a word, any other continues the one before ("test" + "ed"); special tokens
 * go. Bracketed or parenthesised annotations, which Whisper writes for noise and silence, go to
 * `nonLexical` (times in seconds), as PocketSphinx's fillers do. Words are cleaned like every provider's.
 */
export function segmentsToWords(segments: readonly WhisperSegment[]): {
  words: TranscriptWord[];
  nonLexical: NonLexicalSound[];
} {
  const pieces: Piece[] = [];
  for (const segment of segments) {
    // A multi-byte character cut between two tokens arrives as replacement characters.
    const text = segment.text.replace(/\uFFFD/g, "");
    if (text.trim() === "" || SPECIAL_TOKEN.test(text)) {
      continue;
    }
    const start = segment.t0 / 1000;
    const end = Math.max(start, segment.t1 / 1000);
    const last = pieces[pieces.length - 1];
    if (last && !/^\s/.test(text)) {
      last.text += text;
      last.end = Math.max(last.end, end);
    } else {
      // A token holding several words (only when a segment has more than one token) is split evenly.
      const parts = text.trim().split(/\s+/);
      parts.forEach((part, i) => {
        pieces.push({
          text: part,
          start: start + ((end - start) * i) / parts.length,
          end: start + ((end - start) * (i + 1)) / parts.length,
        });
      });
    }
  }

  const words: TranscriptWord[] = [];
  const nonLexical: NonLexicalSound[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as Piece;
    const annotation = annotationEnd(pieces, i);
    if (annotation !== undefined) {
      const group = pieces.slice(i, annotation + 1);
      nonLexical.push({
        token: group
          .map((p) => p.text)
          .join(" ")
          .replace(/[.,!?;:]+$/, ""),
        start: piece.start,
        end: (group[group.length - 1] as Piece).end,
      });
      i = annotation;
      continue;
    }
    const word = cleanWord(piece.text);
    if (word) words.push({ word, start: piece.start, end: piece.end, confidence: null });
  }
  return { words, nonLexical };
}

/** Where the annotation starting at pieces[i] ends (an index), or undefined when none starts there. */
function annotationEnd(pieces: readonly Piece[], i: number): number | undefined {
  const first = pieces[i]?.text ?? "";
  if (!/^[[(*]/.test(first)) return undefined;
  let joined = "";
  for (let j = i; j < Math.min(pieces.length, i + MAX_ANNOTATION_WORDS); j++) {
    joined += (j > i ? " " : "") + (pieces[j] as Piece).text;
    // Trailing punctuation after the bracket ("(coughs).") belongs to no word.
    if (NON_LEXICAL.test(joined.replace(/[.,!?;:]+$/, ""))) return j;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// The native module, its logs and the queue

/**
 * The part of @fugood/whisper.node used here (its lib/binding.ts), declared here because the package ships
 * TypeScript sources in place of declarations, which do not compile under this project's settings.
 */
export interface WhisperTranscribeOptions {
  language?: string;
  translate?: boolean;
  maxThreads?: number;
  maxLen?: number;
  tokenTimestamps?: boolean;
  temperature?: number;
  temperatureInc?: number;
  bestOf?: number;
  prompt?: string;
}

export interface WhisperTranscribeResult {
  language?: string;
  result: string;
  segments: WhisperSegment[];
  isAborted: boolean;
}

export interface WhisperJob {
  /** Not used: see untilAborted. */
  stop: () => Promise<void>;
  promise: Promise<WhisperTranscribeResult>;
}

export interface WhisperContext {
  /** 16-bit PCM, 16 kHz mono, as an ArrayBuffer (src/common.cpp convertAudioBufferToFloat). */
  transcribeData(audio: ArrayBuffer, options?: WhisperTranscribeOptions): WhisperJob;
  release(): Promise<void>;
}

export interface WhisperModule {
  WhisperContext: {
    new (options: { filePath: string; useGpu?: boolean; useFlashAttn?: boolean }): WhisperContext;
    toggleNativeLog(enable: boolean, callback?: (level: string, text: string) => void): void;
  };
}

/**
 * The binding's prebuilt native module for this platform (@fugood/whisper.node's CPU build), required
 * directly: depending on the wrapper would pull its CUDA and Vulkan builds (250 MB) and name platform
 * packages the registry here does not serve, which breaks `npm ci` (docs/decisions/0014-whisper.md).
 */
const PACKAGE = `@fugood/node-whisper-${process.platform}-${process.arch}`;
let nativeModule: Promise<WhisperModule> | undefined;

/** The native module, loaded on first use; a failed load is tried again next time. */
function whisperModule(): Promise<WhisperModule> {
  nativeModule ??= Promise.resolve()
    .then(() => createRequire(import.meta.url)(PACKAGE) as WhisperModule)
    .catch((error: unknown) => {
      nativeModule = undefined;
      throw new WhisperError(`whisper.cpp (${PACKAGE}) could not be loaded: ${message(error)}`);
    });
  return nativeModule;
}

/**
 * whisper.cpp prints to stderr unless a log callback is set, and @fugood/whisper.node's callback holds the
 * event loop open for as long as it is set. So the callback is set only while native work runs (loads and
 * transcriptions, counted here, across all instances) and cleared when the last finishes. It keeps the last
 * lines for error messages and prints nothing; no log line carries audio.
 */
let nativeUsers = 0;
/** The latest warning and error lines, numbered from the first. */
const recentLog: { n: number; text: string }[] = [];
let logLines = 0;

/** Called on every error line (see runWhisperJob). */
const errorWatchers = new Set<() => void>();

function onNativeLog(level: string, text: string): void {
  if (level !== "error" && level !== "warn") return;
  recentLog.push({ n: logLines++, text: text.trim() });
  if (recentLog.length > 20) recentLog.shift();
  if (level === "error") for (const watch of errorWatchers) watch();
}

function nativeWorkStarted(module: WhisperModule): void {
  if (nativeUsers === 0) module.WhisperContext.toggleNativeLog(true, onNativeLog);
  nativeUsers += 1;
}

function nativeWorkEnded(module: WhisperModule): void {
  nativeUsers -= 1;
  if (nativeUsers === 0) module.WhisperContext.toggleNativeLog(false);
}

/**
 * The warning and error lines logged since `mark` (a value of `logLines`), as one string. Lines from native
 * code arrive on the event loop after the call that wrote them, hence the wait.
 */
async function logSince(mark: number): Promise<string> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return recentLog
    .filter((line) => line.n >= mark)
    .map((line) => line.text)
    .join("; ")
    .slice(0, 500);
}

// ---------------------------------------------------------------------------------------------------------

export class WhisperStt implements SpeechToText {
  readonly name = "whisper";
  readonly endpoint: string;
  private readonly provider: string;
  private readonly threads: number;
  private readonly prompt: string;
  private readonly queue = new Slots(1);
  /**
   * The loaded context. A failed load is not kept: the next call tries again, so that a model pulled
   * after start-up is picked up without a restart (a missing file fails fast, before any native code).
   */
  private context: WhisperContext | undefined;
  private closed = false;

  constructor(private readonly options: WhisperSttOptions) {
    this.endpoint = `whisper.cpp:${options.modelName}`;
    this.provider = `whisper:${options.modelName}`;
    this.threads = Math.max(1, Math.floor(options.threads ?? Math.min(4, availableParallelism())));
    this.prompt = options.prompt ?? FILLER_PROMPT;
  }

  transcribe(audio: DecodedAudio, signal: AbortSignal): Promise<SttTranscript> {
    return this.recognize(audio.pcm, audio.durationSeconds, signal);
  }

  /** The same on one segment of 16 kHz mono PCM; times are relative to its first sample. */
  transcribePcm(pcm: Int16Array, signal: AbortSignal): Promise<SttTranscript> {
    return this.recognize(pcm, pcm.length / SAMPLE_RATE, signal);
  }

  /** Loads the model now (it is otherwise loaded on the first transcription); rejects as that would. */
  async load(signal: AbortSignal = new AbortController().signal): Promise<void> {
    const release = await this.queue.acquire(signal);
    try {
      await this.loaded();
    } finally {
      release();
    }
  }

  /** Frees the model once the transcription running, if any, is done; later calls reject. */
  async close(): Promise<void> {
    this.closed = true;
    const release = await this.queue.acquire(new AbortController().signal);
    try {
      const context = this.context;
      this.context = undefined;
      if (context) await context.release();
    } finally {
      release();
    }
  }

  private async recognize(pcm: Int16Array, duration: number, signal: AbortSignal): Promise<SttTranscript> {
    const started = performance.now();
    const result = (words: TranscriptWord[], nonLexical: NonLexicalSound[]): SttTranscript => {
      const ordered = orderedWords(words, duration);
      const clamp = (t: number) => Math.min(Math.max(t, 0), duration);
      return {
        text: ordered.map((w) => w.word).join(" "),
        words: ordered,
        duration,
        language: "en",
        provider: this.provider,
        processing_ms: Math.round(performance.now() - started),
        non_lexical: nonLexical.map((s) => ({ token: s.token, start: clamp(s.start), end: clamp(s.end) })),
      };
    };
    signal.throwIfAborted();
    if (this.closed) throw new WhisperError("WhisperStt is closed");
    // whisper.cpp does not look at anything under 100 ms.
    if (pcm.length < SAMPLE_RATE / 10) return result([], []);

    const release = await this.queue.acquire(signal);
    let finished: Promise<unknown> | undefined;
    try {
      const context = await this.loaded();
      signal.throwIfAborted();
      const module = await whisperModule();
      const job = runWhisperJob(module, context, pcm, this.transcribeOptions());
      // The queue moves on when whisper.cpp is done with the job, not when an aborted caller gives up.
      finished = job.catch(() => {});
      const output = await untilAborted(job, signal);
      const { words, nonLexical } = segmentsToWords(output.segments);
      return result(words, nonLexical);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (error instanceof WhisperError) throw error;
      throw new WhisperError(`whisper.cpp failed on ${this.options.modelPath}: ${message(error)}`);
    } finally {
      if (finished) void finished.finally(release);
      else release();
    }
  }

  private transcribeOptions(): WhisperTranscribeOptions {
    return {
      language: "en",
      translate: false,
      maxThreads: this.threads,
      // One token per segment, each with its own times.
      tokenTimestamps: true,
      maxLen: 1,
      // Greedy at temperature 0 and no fallback to higher temperatures: the same audio gives the same
      // transcript (whisper.cpp's fallback sampling draws from a generator that is never reseeded).
      temperature: 0,
      temperatureInc: 0,
      bestOf: 1,
      ...(this.prompt ? { prompt: this.prompt } : {}),
    };
  }

  /** The context, loading it first if need be; only called while holding the queue. */
  private async loaded(): Promise<WhisperContext> {
    if (this.closed) throw new WhisperError("WhisperStt is closed");
    if (this.context) return this.context;
    const { modelPath, modelName } = this.options;
    await inspectWhisperModel(modelPath, modelName);
    const module = await whisperModule();
    nativeWorkStarted(module);
    const mark = logLines;
    try {
      // The constructor loads the whole model, synchronously.
      const context = new module.WhisperContext({ filePath: modelPath, useGpu: false, useFlashAttn: false });
      this.context = context;
      return context;
    } catch (error) {
      const log = await logSince(mark);
      const detail = log ? `: ${log}` : ` (${message(error)})`;
      throw new WhisperModelError(
        `whisper.cpp could not load the model ${modelPath}${detail}. ${whisperModelHint(modelName)}`,
      );
    } finally {
      nativeWorkEnded(module);
    }
  }
}

/** The samples as the ArrayBuffer transcribeData wants: 16-bit PCM (the binding converts to float itself). */
function pcmBuffer(pcm: Int16Array): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = pcm;
  if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) return buffer;
  return pcm.slice().buffer;
}

/** How long a job may go on after whisper.cpp logged an error before it is taken for failed. */
const FAILURE_GRACE_MS = 1000;

/**
 * One transcribeData job, settled when whisper.cpp is done with it. The binding never settles a job that
 * fails (WhisperTranscribeWorker reports errors through Napi::AsyncWorker::OnError, whose one-argument
 * callback its promise ignores), but whisper.cpp logs an error line before it gives up; a job with no
 * result soon after an error line is failed here. (The line may come from another context's job: two
 * models transcribing at once, and one failing, could fail the other after a second.) Exported for tests.
 */
export function runWhisperJob(
  module: WhisperModule,
  context: WhisperContext,
  pcm: Int16Array,
  options: WhisperTranscribeOptions,
): Promise<WhisperTranscribeResult> {
  nativeWorkStarted(module);
  const mark = logLines;
  return new Promise<WhisperTranscribeResult>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const onError = () => {
      timer ??= setTimeout(() => {
        void logSince(mark).then((log) => reject(new WhisperError(`whisper.cpp failed: ${log}`)));
      }, FAILURE_GRACE_MS);
    };
    errorWatchers.add(onError);
    const done = () => {
      clearTimeout(timer);
      errorWatchers.delete(onError);
    };
    let job: WhisperJob;
    try {
      job = context.transcribeData(pcmBuffer(pcm), options);
    } catch (error) {
      done();
      reject(new WhisperError(`whisper.cpp refused the audio: ${message(error)}`));
      return;
    }
    job.promise.then(
      (output) => {
        done();
        resolve(output);
      },
      (error: unknown) => {
        done();
        reject(new WhisperError(`whisper.cpp failed: ${message(error)}`));
      },
    );
  }).finally(() => nativeWorkEnded(module));
}

/**
 * The job's result, or the signal's reason as soon as it aborts. The job itself runs on: the binding's
 * stop() cannot interrupt whisper_full (it sets a flag read only before and after it), and a stopped job's
 * promise never settles, so the queue could not tell when the context is free again.
 */
function untilAborted(
  job: Promise<WhisperTranscribeResult>,
  signal: AbortSignal,
): Promise<WhisperTranscribeResult> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    job.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
