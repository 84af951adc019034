import { appendFile, mkdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Caller } from "../auth/service.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { Segmenter } from "../speech/segmenter.ts";
import type { SpeechToText, Transcript, TranscriptWord } from "../speech/types.ts";
import { SAMPLE_RATE } from "../speech/types.ts";
import type { ResponseRow } from "./session-queries.ts";
import { GRACE_SECONDS, type VoiceAnswers } from "./voice-answers.ts";

type User = Extract<Caller, { kind: "user" }>;
const RATE = SAMPLE_RATE;

export interface StreamDependencies {
  voice: VoiceAnswers;
  /** The recognizer of live captions (PocketSphinx, or the final recognizer itself). */
  stt: SpeechToText | undefined;
  /** Whether `stt` is also the final recognizer, so the captions are the answer's transcript. */
  captionsAreFinal: boolean;
  /** Where received audio is kept until the answer is stored, so a dropped connection loses nothing. */
  directory: string;
  log: Logger;
}

interface Piece {
  start: number;
  transcript: Transcript;
}

/** One answer being spoken: the audio so far, its utterances, and their transcripts as they come. */
export class AnswerStream {
  readonly key: string;
  nextSeq = 0;
  private chunks: Int16Array[] = [];
  private samples = 0;
  private readonly segmenter = new Segmenter();
  private pieces: Piece[] = [];
  private transcribing: Promise<void> = Promise.resolve();
  private appending: Promise<void> = Promise.resolve();
  /** An utterance failed to transcribe: the whole recording is transcribed at the end instead. */
  private pieceFailed = false;
  private finished: Promise<ResponseRow> | undefined;
  onPartial: ((text: string) => void) | undefined;

  constructor(
    private readonly deps: StreamDependencies,
    readonly userId: string,
    readonly sessionId: string,
    readonly order: number,
    readonly maxSamples: number,
  ) {
    this.key = `${sessionId}-${order}`;
  }

  private get file(): string {
    return path.join(this.deps.directory, `${this.key}.pcm`);
  }

  /**
   * Appends one chunk; chunks arrive in order, a repeated one (after a reconnect) is acknowledged again.
   * Appends run one at a time, whichever socket they came from, so no chunk is stored twice.
   */
  append(seq: number, pcm: Int16Array): Promise<void> {
    const run = this.appending.then(() => this.appendNow(seq, pcm));
    this.appending = run.catch(() => undefined);
    return run;
  }

  private async appendNow(seq: number, pcm: Int16Array): Promise<void> {
    if (this.finished) throw new AppError("already_answered", "This answer has already ended.");
    if (seq < this.nextSeq) return;
    if (seq > this.nextSeq)
      throw new AppError(
        "bad_request",
        `Chunk ${seq} arrived before chunk ${this.nextSeq}; resend from ${this.nextSeq}.`,
        {
          next_seq: this.nextSeq,
        },
      );
    if (this.samples + pcm.length > this.maxSamples)
      throw new AppError("audio_too_long", "The answer is longer than this question allows.", {
        limit_seconds: this.maxSamples / RATE,
      });
    await appendFile(this.file, Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength));
    this.take(pcm);
    this.nextSeq = seq + 1;
    // What was acknowledged: a restart restores exactly this much, whatever was written after it.
    await writeFile(
      `${this.file}.json`,
      JSON.stringify({ next_seq: this.nextSeq, bytes: this.samples * 2, user_id: this.userId }),
    );
  }

  /** Replays audio kept on disk by an earlier process, after a restart. */
  async restore(): Promise<void> {
    const state = await readFile(`${this.file}.json`, "utf8").then(
      (text) => JSON.parse(text) as { next_seq: number; bytes: number; user_id: string },
      () => undefined,
    );
    if (!state || state.user_id !== this.userId) return;
    const bytes = await readFile(this.file).catch(() => Buffer.alloc(0));
    const kept = Math.min(bytes.byteLength, state.bytes) & ~1;
    await truncate(this.file, kept);
    const copy = new Uint8Array(kept);
    copy.set(bytes.subarray(0, kept));
    this.take(new Int16Array(copy.buffer));
    this.nextSeq = state.next_seq;
  }

  private take(pcm: Int16Array): void {
    this.chunks.push(pcm);
    this.samples += pcm.length;
    for (const segment of this.segmenter.push(pcm)) this.transcribe(segment.start, segment.end);
  }

  private transcribe(start: number, end: number): void {
    const stt = this.deps.stt;
    if (!stt?.transcribePcm) return;
    const audio = this.slice(start, end);
    this.transcribing = this.transcribing.then(async () => {
      try {
        const transcript = await stt.transcribePcm?.(audio, AbortSignal.timeout(120_000));
        if (!transcript) return;
        this.pieces.push({ start, transcript });
        this.onPartial?.(this.assemble().text);
      } catch (error) {
        this.pieceFailed = true;
        this.deps.log.warn({ err: error, stream: this.key }, "transcribing an utterance failed");
      }
    });
  }

  /** The candidate stopped: transcribe only the tail, then store, measure and score the answer. Once. */
  end(caller: User): Promise<ResponseRow> {
    this.finished ??= this.finish(caller);
    return this.finished;
  }

  private async finish(caller: User): Promise<ResponseRow> {
    const tail = this.segmenter.finish(this.samples);
    if (tail) this.transcribe(tail.start, tail.end);
    await this.transcribing;
    const pcm = this.slice(0, this.samples);
    const live =
      this.deps.stt?.transcribePcm && !this.pieceFailed
        ? { transcript: this.assemble(), final: this.deps.captionsAreFinal }
        : undefined;
    const response = await this.deps.voice.finishStream(caller, this.sessionId, this.order, pcm, live);
    await this.discard();
    return response;
  }

  async discard(): Promise<void> {
    await rm(this.file, { force: true });
    await rm(`${this.file}.json`, { force: true });
  }

  private assemble(): Transcript {
    // Utterances are transcribed one after another, so the pieces are already in order.
    const pieces = this.pieces;
    const words: TranscriptWord[] = pieces.flatMap((p) =>
      p.transcript.words.map((w) => ({ ...w, start: w.start + p.start / RATE, end: w.end + p.start / RATE })),
    );
    return {
      text: pieces
        .map((p) => p.transcript.text.trim())
        .filter(Boolean)
        .join(" "),
      words,
      duration: this.samples / RATE,
      language: pieces[0]?.transcript.language ?? "en",
      provider: pieces[0]?.transcript.provider ?? this.deps.stt?.name ?? "none",
      processing_ms: pieces.reduce((sum, p) => sum + p.transcript.processing_ms, 0),
    };
  }

  private slice(start: number, end: number): Int16Array {
    const out = new Int16Array(end - start);
    let offset = 0;
    for (const chunk of this.chunks) {
      const from = Math.max(start - offset, 0);
      const to = Math.min(end - offset, chunk.length);
      if (to > from) out.set(chunk.subarray(from, to), offset + from - start);
      offset += chunk.length;
      if (offset >= end) break;
    }
    return out;
  }
}

/** The open answer streams of this process, one per session and question. */
export class AnswerStreams {
  private readonly open = new Map<string, AnswerStream>();

  constructor(private readonly deps: StreamDependencies) {}

  /**
   * The stream for this answer: the one already open (a reconnect resumes it), one restored from disk, or a
   * new one. The answer must be askable now; an answer already scored is returned instead.
   */
  async attach(
    caller: User,
    sessionId: string,
    order: number,
  ): Promise<AnswerStream | { done: ResponseRow }> {
    const check = await this.deps.voice.streamable(caller, sessionId, order);
    if ("done" in check) return check;
    const key = `${sessionId}-${order}`;
    const existing = this.open.get(key);
    if (existing && existing.userId === caller.user.id) return existing;
    await mkdir(this.deps.directory, { recursive: true });
    const maxSamples = (check.timeLimitSeconds + GRACE_SECONDS) * RATE;
    const stream = new AnswerStream(this.deps, caller.user.id, sessionId, order, maxSamples);
    await stream.restore();
    this.open.set(key, stream);
    return stream;
  }

  async end(caller: User, stream: AnswerStream): Promise<ResponseRow> {
    try {
      return await stream.end(caller);
    } finally {
      this.forget(stream);
    }
  }

  /** Drops a stream nobody came back for, with its audio, unless a newer one took its place. */
  async abandon(stream: AnswerStream): Promise<void> {
    if (this.open.get(stream.key) !== stream) return;
    this.forget(stream);
    await stream.discard();
  }

  private forget(stream: AnswerStream): void {
    if (this.open.get(stream.key) === stream) this.open.delete(stream.key);
  }
}
