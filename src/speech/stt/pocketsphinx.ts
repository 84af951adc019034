/**
 * Offline speech-to-text with CMU PocketSphinx (Debian's pocketsphinx 0.8+5prealpha and its en-us model).
 * Each utterance runs pocketsphinx_batch once, without a shell, on a temporary 44-byte-header WAV: batch
 * mode decodes the whole recording with batch CMN and all three search passes, which measured far better
 * than pocketsphinx_continuous (docs/decisions/0012-speech-to-text.md has the numbers).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { timerMs } from "../../numbers.ts";
import { encodeWav } from "../decode.ts";
import type { DecodedAudio, SpeechToText, TranscriptWord } from "../types.ts";
import { SAMPLE_RATE } from "../types.ts";
import { Slots } from "./slots.ts";
import { type NonLexicalSound, orderedWords, probability, type SttTranscript } from "./transcript.ts";

export const POCKETSPHINX_BINARY = "pocketsphinx_batch";
export const POCKETSPHINX_MODEL_DIR = "/usr/share/pocketsphinx/model/en-us";
/** PocketSphinx's frame rate (-frate): frame numbers in its output are hundredths of a second. */
const FRAMES_PER_SECOND = 100;
/** Enough of stderr for the backtrace of hours of speech; the configuration dump before it can go. */
const MAX_STDERR = 4 * 1024 * 1024;

/**
 * PocketSphinx's own search weights, and only the two settings that correctness needs. Choosing weights
 * (-fwdflatlw, -bestpathlw, -lw, -wip) on some speakers lost to stock on the others, in leave-one-group-out
 * cross-validation over the 130 real recordings here (23.8% vs 22.9% WER; ADR 0012, reproduced by
 * `npx tsx scripts/speech/tune-pocketsphinx.ts`); the -fwdflatlw 7 -bestpathlw 7 shipped before had been
 * chosen on the five LibriVox sentences it was scored on, and made 12 errors to stock's 4 on JFK.
 */
export const POCKETSPHINX_FLAGS: readonly string[] = [
  // The energy VAD drops silent frames before decoding, which shifts every later word time by the silence
  // removed; batch decoding does not need it. Measured cost: 3 more errors in 1,396 words.
  "-remove_silence",
  "no",
  // No -dither: it stopped the decoder "hearing" a word in digital silence (exact zeros), but cost 4
  // errors in 1,396 words on real speech (ADR 0012). Audio with no sample above ±1 is not decoded at all
  // (below), and the answer pipeline checks for speech before any recognizer runs.
];

/** Always added: each word's first and last frame and its lattice posterior probability, printed to the log. */
const BACKTRACE = ["-backtrace", "yes"];

export interface PocketsphinxPaths {
  /** The pocketsphinx_batch executable; looked up on PATH when absent. */
  binary?: string;
  /** A directory holding en-us/ (acoustic model), en-us.lm.bin and cmudict-en-us.dict. */
  modelDir?: string;
}

export interface PocketsphinxOptions extends PocketsphinxPaths {
  /** A limit of its own on each run, on top of the caller's AbortSignal. */
  timeoutMs?: number;
  /** Where each run's temporary directory is made; the OS temp dir by default. */
  tempRoot?: string;
  /** Search flags in place of POCKETSPHINX_FLAGS (the benchmark compares stock settings with them). */
  flags?: readonly string[];
  /** Decoders allowed to run at once (each takes a core); the rest wait. Default: the number of cores. */
  concurrency?: number;
}

interface ModelFiles {
  hmm: string;
  lm: string;
  dict: string;
}

function modelFiles(modelDir = POCKETSPHINX_MODEL_DIR): ModelFiles {
  return {
    hmm: join(modelDir, "en-us"),
    lm: join(modelDir, "en-us.lm.bin"),
    dict: join(modelDir, "cmudict-en-us.dict"),
  };
}

/** The executable's path: as given, or the first match on PATH; undefined when there is none. */
export function findPocketsphinx(binary: string = POCKETSPHINX_BINARY): string | undefined {
  const candidates = binary.includes("/")
    ? [binary]
    : (process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin")
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, binary));
  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  });
}

/** Whether pocketsphinx_batch and the en-us model (Debian: pocketsphinx, pocketsphinx-en-us) are here. */
export function isPocketsphinxInstalled(paths: PocketsphinxPaths = {}): boolean {
  if (!findPocketsphinx(paths.binary)) return false;
  const { hmm, lm, dict } = modelFiles(paths.modelDir);
  try {
    return statSync(join(hmm, "mdef")).isFile() && statSync(lm).isFile() && statSync(dict).isFile();
  } catch {
    return false;
  }
}

/** One line of PocketSphinx's backtrace: a word (or filler) with its frames and posterior probability. */
export interface BacktraceSegment {
  token: string;
  startFrame: number;
  endFrame: number;
  posterior: number;
}

// Not anchored at the start: PocketSphinx cuts its log line of a long hypothesis at a fixed length, with no
// newline, so the header of the backtrace that follows ends up at the end of that line.
const BACKTRACE_HEADER = /word\s+start\s+end\s+pprob\s+ascr\s+lscr\s+lback\s*$/;
const BACKTRACE_LINE = /^(\S+)\s+(-?\d+)\s+(-?\d+)\s+(\d+(?:\.\d+)?)\s+-?\d+\s+-?\d+\s+-?\d+\s*$/;

/**
 * The segments of the last backtrace in a pocketsphinx_batch log (-backtrace yes), or undefined when the
 * log has none. INFO lines that the search interleaves with it are skipped.
 */
export function parseBacktrace(log: string): BacktraceSegment[] | undefined {
  const lines = log.split("\n");
  let header = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (BACKTRACE_HEADER.test(lines[i] ?? "")) {
      header = i;
      break;
    }
  }
  if (header < 0) return undefined;
  const segments: BacktraceSegment[] = [];
  for (const line of lines.slice(header + 1)) {
    if (line.startsWith("INFO:")) continue;
    const match = BACKTRACE_LINE.exec(line);
    if (!match) break;
    const [, token, start, end, posterior] = match;
    segments.push({
      token: token as string,
      startFrame: Number(start),
      endFrame: Number(end),
      posterior: Number(posterior),
    });
    if (token === "</s>") break;
  }
  return segments;
}

/** <s>, </s>, <sil>: silence and utterance bounds. */
const SILENCE = /^<.*>$/;
/** [NOISE], [SPEECH], ++BREATH++: the noise dictionary's non-words. */
const NON_LEXICAL = /^(\[.*\]|\+\+.*\+\+)$/;

/** Words (alternative-pronunciation marks such as "the(2)" removed) and non-lexical sounds, in seconds. */
export function segmentsToWords(segments: readonly BacktraceSegment[]): {
  words: TranscriptWord[];
  nonLexical: NonLexicalSound[];
} {
  const words: TranscriptWord[] = [];
  const nonLexical: NonLexicalSound[] = [];
  for (const s of segments) {
    const start = s.startFrame / FRAMES_PER_SECOND;
    // The last frame is inclusive: a word on frames 20–36 ends where frame 37 begins.
    const end = (s.endFrame + 1) / FRAMES_PER_SECOND;
    if (SILENCE.test(s.token)) continue;
    if (NON_LEXICAL.test(s.token)) {
      nonLexical.push({ token: s.token, start, end });
      continue;
    }
    const word = s.token.replace(/\(\d+\)$/, "");
    words.push({ word, start, end, confidence: probability(s.posterior) });
  }
  return { words, nonLexical };
}

/** pocketsphinx_batch failed (not an abort): its exit code and the error lines of its log. */
export class PocketsphinxError extends Error {
  override name = "PocketsphinxError";
}

export class PocketsphinxStt implements SpeechToText {
  readonly name = "pocketsphinx";
  readonly endpoint = "pocketsphinx:batch/en-us";
  private readonly slots: Slots;

  constructor(private readonly options: PocketsphinxOptions = {}) {
    this.slots = new Slots(Math.max(1, options.concurrency ?? availableParallelism()));
  }

  transcribe(audio: DecodedAudio, signal: AbortSignal): Promise<SttTranscript> {
    return this.recognize(audio.pcm, audio.durationSeconds, signal);
  }

  /** The same decoder on one segment; times are relative to the segment's first sample. */
  transcribePcm(pcm: Int16Array, signal: AbortSignal): Promise<SttTranscript> {
    return this.recognize(pcm, pcm.length / SAMPLE_RATE, signal);
  }

  private async recognize(pcm: Int16Array, duration: number, signal: AbortSignal): Promise<SttTranscript> {
    const started = performance.now();
    const limit = this.options.timeoutMs
      ? AbortSignal.any([signal, AbortSignal.timeout(timerMs(this.options.timeoutMs))])
      : signal;
    const result = (words: TranscriptWord[], nonLexical: NonLexicalSound[]): SttTranscript => ({
      text: words.map((w) => w.word).join(" "),
      words: orderedWords(words, duration),
      duration,
      language: "en",
      provider: this.name,
      processing_ms: Math.round(performance.now() - started),
      non_lexical: nonLexical,
    });
    // Under one frame there is nothing to decode, and PocketSphinx would only complain; in digital silence
    // it would "hear" a word.
    if (pcm.length < SAMPLE_RATE / FRAMES_PER_SECOND || pcm.every((sample) => Math.abs(sample) <= 1)) {
      limit.throwIfAborted();
      return result([], []);
    }
    const release = await this.slots.acquire(limit);
    let dir: string | undefined;
    try {
      dir = await mkdtemp(join(this.options.tempRoot ?? tmpdir(), "rehearse-pocketsphinx-"));
      await writeFile(join(dir, "utterance.wav"), encodeWav(pcm, SAMPLE_RATE));
      await writeFile(join(dir, "utterances.ctl"), "utterance\n");
      const log = await this.run(dir, limit);
      const segments = parseBacktrace(log);
      if (!segments) {
        // A few frames of audio leave no path through the lattice; that is "nothing heard", not a failure.
        if (/Couldn't find <s> in first frame/.test(log)) return result([], []);
        throw new PocketsphinxError(`pocketsphinx_batch printed no result: ${errorLines(log)}`);
      }
      const { words, nonLexical } = segmentsToWords(segments);
      return result(words, nonLexical);
    } finally {
      release();
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  }

  /** Runs the decoder over the one-utterance control file in `dir`; resolves with its log (stderr). */
  private run(dir: string, signal: AbortSignal): Promise<string> {
    const binary = findPocketsphinx(this.options.binary);
    if (!binary) {
      return Promise.reject(
        new PocketsphinxError(`${this.options.binary ?? POCKETSPHINX_BINARY} is not installed`),
      );
    }
    const { hmm, lm, dict } = modelFiles(this.options.modelDir);
    const args = [
      ...["-hmm", hmm, "-lm", lm, "-dict", dict],
      ...["-cepdir", dir, "-ctl", join(dir, "utterances.ctl"), "-cepext", ".wav"],
      ...["-adcin", "yes", "-adchdr", "44", "-samprate", String(SAMPLE_RATE)],
      ...(this.options.flags ?? POCKETSPHINX_FLAGS),
      ...BACKTRACE,
    ];
    return new Promise<string>((resolve, reject) => {
      let child: ChildProcess;
      try {
        // SIGKILL: the decoder holds nothing worth a clean shutdown, and an abort must free the core now.
        child = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe"], signal, killSignal: "SIGKILL" });
      } catch (error) {
        reject(error);
        return;
      }
      let log = "";
      let failure: unknown;
      child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
        // The backtrace comes last: when the log runs long, its start is what goes.
        log += chunk;
        if (log.length > 2 * MAX_STDERR) log = log.slice(-MAX_STDERR);
      });
      child.on("error", (error) => {
        failure = signal.aborted ? signal.reason : error;
        // A process that never started emits no "close".
        if (child.pid === undefined) reject(failure);
      });
      // "close" comes after the process has exited and its stderr is drained: only then is the temporary
      // directory safe to remove.
      child.on("close", (code, killedBy) => {
        if (failure !== undefined || signal.aborted) reject(failure ?? signal.reason);
        else if (code !== 0)
          reject(
            new PocketsphinxError(
              `pocketsphinx_batch exited with ${code ?? killedBy}: ${errorLines(log) || "no error message"}`,
            ),
          );
        else resolve(log);
      });
    });
  }
}

function errorLines(log: string): string {
  return log
    .split("\n")
    .filter((line) => /^(ERROR|FATAL)/.test(line))
    .slice(0, 3)
    .join("; ")
    .slice(0, 500);
}
