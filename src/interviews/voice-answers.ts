import { createWriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { logAiCall } from "../ai/log.ts";
import type { Caller } from "../auth/service.ts";
import type { Pool } from "../db/pool.ts";
import { many, one } from "../db/query.ts";
import { asService, asUser } from "../db/scopes.ts";
import { AppError } from "../errors.ts";
import type { EventBus } from "../events/bus.ts";
import type { JobRunner } from "../jobs/runner.ts";
import type { Logger } from "../logger.ts";
import { analyzeSpeech } from "../speech/analytics/index.ts";
import {
  AudioError,
  type DecodeResult,
  decodeAudio,
  encodeWav,
  probeAudio,
  withTempDir,
} from "../speech/decode.ts";
import { withFillerEvidence } from "../speech/filler-evidence.ts";
import { AUDIO_FORMATS } from "../speech/formats.ts";
import { analyzeFrames } from "../speech/silence.ts";
import { transcriptionDeadline } from "../speech/stt/index.ts";
import type { DecodedAudio, SpeechToText, Transcript } from "../speech/types.ts";
import { SAMPLE_RATE } from "../speech/types.ts";
import type { ObjectStore } from "../storage/objects.ts";
import { setting } from "../system/settings.ts";
import { refreshCompletedSession } from "./completion.ts";
import { interviewNotFound } from "./lifecycle.ts";
import type { InterviewService } from "./service.ts";
import {
  type AskedQuestionRow,
  askedQuestion,
  attachAudio,
  countAnswered,
  deleteResponse,
  firstAttempt,
  markAwaitingTranscript,
  markForReprocessing,
  markScoringFailed,
  ownSession,
  type ResponseRow,
  responseById,
  responseForProcessing,
  storeTranscript,
  storeTypedTranscript,
} from "./session-queries.ts";
import { speechAnswerJob } from "./speech-job.ts";

type User = Extract<Caller, { kind: "user" }>;

const BUCKET = "interview-audio";
/** A recording may run this much past the question's time limit (the candidate finishing a sentence). */
export const GRACE_SECONDS = 30;
const EXTENSIONS: Record<string, string> = {
  "audio/wav": "wav",
  "audio/x-wav": "wav",
  "audio/wave": "wav",
  "audio/mpeg": "mp3",
  "audio/mp3": "mp3",
  "audio/mp4": "m4a",
  "audio/m4a": "m4a",
  "audio/x-m4a": "m4a",
  "audio/aac": "aac",
  "audio/x-aac": "aac",
  "audio/webm": "webm",
  "video/webm": "webm",
  "audio/ogg": "ogg",
  "audio/opus": "ogg",
  "application/ogg": "ogg",
  "audio/flac": "flac",
  "audio/x-flac": "flac",
};

export interface VoiceDependencies {
  pool: Pool;
  log: Logger;
  store: ObjectStore;
  events: EventBus | undefined;
  /** Where recordings are queued for processing (this process may or may not work the queue). */
  jobs: JobRunner;
  stt: SpeechToText | undefined;
  /** Tried on the same audio when `stt` fails: PocketSphinx, when it is installed and not `stt` itself. */
  sttFallback?: SpeechToText | undefined;
  /** Run beside a recognizer that drops "um" and "uh" (whisper), for its hesitations (filler-evidence.ts). */
  fillerEvidence?: SpeechToText | undefined;
  /** Why there is no speech-to-text, for the user, when `stt` is undefined. */
  sttMissing: string;
  interviews: InterviewService;
}

/** Spoken answers: the recording stored, checked, transcribed, measured, then scored like a typed one. */
export class VoiceAnswers {
  constructor(private readonly deps: VoiceDependencies) {}

  /**
   * An uploaded recording: the answer is claimed first (one per question), the file stored in the audio
   * bucket and probed; a file that is not usable audio or runs too long is removed with the claim, so
   * nothing half-written remains. Recognition and scoring then run in the background.
   */
  async upload(
    caller: User,
    sessionId: string,
    order: number,
    source: { body: NodeJS.ReadableStream; contentType: string | undefined },
  ): Promise<ResponseRow> {
    const ext = await this.acceptedExtension(caller, source.contentType);
    const { response, question } = await this.deps.interviews.claimAnswer(caller, sessionId, order, {
      text: null,
      durationSeconds: null,
    });
    const name = `${caller.user.id}/${sessionId}/${order}.${ext}`;
    let stored = false;
    try {
      await this.deps.store.upload(caller, {
        bucketId: BUCKET,
        name,
        body: source.body as never,
        contentType: source.contentType,
        cacheControl: "private, max-age=0",
        upsert: false,
      });
      stored = true;
      const probe = await this.probeStored(name);
      const limit = question.time_limit_seconds + GRACE_SECONDS;
      // A container that does not state its length is measured when it is decoded, against the same limit.
      if (probe.durationSeconds !== null && probe.durationSeconds > limit)
        throw new AppError(
          "audio_too_long",
          `The recording lasts ${Math.round(probe.durationSeconds)} s; this question allows ${question.time_limit_seconds} s (plus ${GRACE_SECONDS} s).`,
          { duration_seconds: probe.durationSeconds, limit_seconds: limit },
        );
      const attached = await asService(this.deps.pool, (tx) =>
        one(tx, attachAudio, [
          response.id,
          `${BUCKET}/${name}`,
          probe.durationSeconds === null ? null : Math.round(probe.durationSeconds),
        ]),
      );
      await this.schedule(response.id);
      return attached ?? response;
    } catch (error) {
      await this.unclaim(response);
      if (stored) await this.deps.store.remove(caller, BUCKET, [name]).catch(() => undefined);
      throw error instanceof AudioError ? audioError(error) : error;
    }
  }

  /** Queues recognition and scoring; whichever process works the queue picks it up. */
  private async schedule(responseId: string): Promise<void> {
    await this.deps.jobs.send(speechAnswerJob, { responseId }, responseId);
  }

  /**
   * Transcribes, measures and scores a stored recording. Idempotent: an answer already scored, or one waiting
   * for a typed transcript, is left alone.
   */
  async process(
    responseId: string,
    precomputed?: {
      transcript?: Transcript | undefined;
      evidence?: Transcript | undefined;
      audio: DecodedAudio;
    },
  ): Promise<void> {
    const { pool } = this.deps;
    const response = await asService(pool, (tx) => one(tx, responseForProcessing, [responseId]));
    // Only an answer still waiting for its recording to be processed: not one scored, failed, typed or
    // waiting for a typed transcript, and not in a cancelled interview.
    if (response?.scoring_status !== "pending" || !response.audio_file_path) return;
    const raw = response.gemini_analysis_raw as {
      awaiting_transcript?: boolean;
      transcript?: { provider?: string };
    } | null;
    if (
      raw?.awaiting_transcript ||
      raw?.transcript?.provider === "typed" ||
      response.session_status === "cancelled"
    )
      return;
    const question = await asService(pool, (tx) =>
      one(tx, askedQuestion, [response.interview_session_id, response.question_order]),
    );
    if (!question) return;
    if (precomputed) {
      const { audio, transcript, evidence } = precomputed;
      await this.measureAndScore(response, question, audio, transcript, undefined, evidence);
      return;
    }
    // The stored recording, decoded in a directory of its own that goes when the work is done.
    await withTempDir(async (work) => {
      let decoded: DecodeResult;
      try {
        decoded = await this.decodeStored(response, work, question.time_limit_seconds);
      } catch (error) {
        if (!(error instanceof AudioError)) throw error;
        await this.fail(response, error.message, { reason: error.code });
        return;
      }
      await this.measureAndScore(response, question, decoded, undefined, decoded.frames);
    });
  }

  /** Speech check, transcript (unless given), speech metrics, then the score. */
  private async measureAndScore(
    response: ResponseRow & { session_status: string },
    question: AskedQuestionRow,
    audio: DecodedAudio,
    given: Transcript | undefined,
    frames = analyzeFrames(audio.pcm),
    evidence?: Transcript,
  ): Promise<void> {
    if (!frames.detection.hasSpeech) {
      const message = "No speech was detected in the recording. Check the microphone and answer again.";
      await this.fail(response, message, { reason: "no_speech" });
      return;
    }
    const transcript = given ?? (await this.transcribe(response.user_id, audio, evidence));
    if (!transcript) {
      await this.awaitTranscript(response);
      return;
    }
    const metrics = analyzeSpeech({ transcript, pcm: audio.pcm, sampleRate: SAMPLE_RATE, frames });
    const withText = await asService(this.deps.pool, (tx) =>
      one(tx, storeTranscript, [
        response.id,
        transcript.text,
        Math.round(audio.durationSeconds),
        { transcript: { provider: transcript.provider, words: transcript.words.length } },
      ]),
    );
    if (!withText) return;
    if (transcript.text.trim() === "") {
      const message = "No words could be recognized in the recording. Answer again, or type your answer.";
      await this.fail(response, message, { reason: "no_words" });
      return;
    }
    const scored = await this.deps.interviews.score(response.user_id, withText, question, {
      transcript,
      metrics,
    });
    await this.refreshIfCompleted(scored, response.session_status);
  }

  /** Takes back an answer whose recording was refused: the row goes, and the session's count with it. */
  private async unclaim(response: ResponseRow): Promise<void> {
    await asService(this.deps.pool, async (tx) => {
      await many(tx, deleteResponse, [response.id]);
      await many(tx, countAnswered, [response.interview_session_id]);
    });
  }

  /**
   * After the last failed try: the answer is marked failed with why, in plain words. The recording stays
   * in the audio bucket, so the answer can be processed again (`reprocess`) without recording it again.
   */
  async giveUp(responseId: string, error?: unknown): Promise<void> {
    const response = await asService(this.deps.pool, (tx) => one(tx, responseForProcessing, [responseId]));
    if (response?.scoring_status !== "pending") return;
    const { message, reason } = processingFailure(error);
    await this.fail(response, `${message} ${KEPT}`, { reason, error: errorText(error) });
  }

  /**
   * Processes a failed answer again from what was kept: its recording is transcribed and scored again in
   * the background, or, for a typed answer whose scoring failed, its text is scored now. Works during the
   * interview and after it (the report is then written again with the new score).
   */
  async reprocess(caller: User, sessionId: string, order: number): Promise<ResponseRow> {
    const { response, session } = await asUser(this.deps.pool, caller.claims, async (tx) => ({
      session: await one(tx, ownSession, [sessionId]),
      response: await one(tx, firstAttempt, [sessionId, order]),
    }));
    if (!session) throw interviewNotFound();
    if (!response) throw new AppError("question_not_answered", `Question ${order} has no answer to process.`);
    if (session.status === "cancelled")
      throw new AppError("session_not_active", undefined, { status: "cancelled" });
    if (response.scoring_status !== "failed")
      throw new AppError("not_failed", undefined, { scoring_status: response.scoring_status });
    const retried = await asService(this.deps.pool, (tx) => one(tx, markForReprocessing, [response.id]));
    if (!retried) throw new AppError("not_failed", undefined, { scoring_status: "pending" });
    if (retried.audio_file_path) {
      await this.schedule(retried.id);
      return retried;
    }
    const question = await asService(this.deps.pool, (tx) => one(tx, askedQuestion, [sessionId, order]));
    if (!question) throw new AppError("question_not_asked");
    const scored = await this.deps.interviews.score(caller.user.id, retried, question);
    await this.refreshIfCompleted(scored, session.status);
    return scored;
  }

  /** An answer of a completed interview scored late: the session's report is written again to include it. */
  private async refreshIfCompleted(response: ResponseRow, sessionStatus: string): Promise<void> {
    if (sessionStatus !== "completed" || response.scoring_status !== "scored") return;
    await refreshCompletedSession(this.deps.pool, response.interview_session_id, response.user_id);
    await this.deps.events
      ?.publish(response.user_id, {
        type: "report.ready",
        data: { session_id: response.interview_session_id },
      })
      .catch(() => undefined);
  }

  /** Whether an answer can be spoken now; an answer already scored is returned instead. */
  async streamable(
    caller: User,
    sessionId: string,
    order: number,
  ): Promise<{ timeLimitSeconds: number } | { done: ResponseRow }> {
    return asUser(this.deps.pool, caller.claims, async (tx) => {
      const session = await one(tx, ownSession, [sessionId]);
      if (!session) throw interviewNotFound();
      const existing = await one(tx, firstAttempt, [sessionId, order]);
      if (existing?.scoring_status === "scored") return { done: existing };
      if (session.status !== "in_progress")
        throw new AppError("session_not_active", undefined, { status: session.status });
      const question = await one(tx, askedQuestion, [sessionId, order]);
      if (!question)
        throw new AppError("question_not_asked", `Question ${order} has not been asked in this interview.`);
      if (existing && existing.scoring_status !== "failed")
        throw new AppError("already_answered", `Question ${order} has already been answered.`);
      return { timeLimitSeconds: question.time_limit_seconds };
    });
  }

  /**
   * A streamed answer has ended: the audio becomes a WAV in the audio bucket, the answer is claimed, and it is
   * measured and scored now, with the transcript built while the candidate spoke when the final recognizer
   * made it; otherwise (live captions from PocketSphinx, final transcript from whisper) the whole recording
   * goes to the final recognizer, with the live transcript as filler evidence. A queued job is the safety net
   * should this process stop halfway.
   */
  async finishStream(
    caller: User,
    sessionId: string,
    order: number,
    pcm: Int16Array,
    live: { transcript: Transcript; final: boolean } | undefined,
  ): Promise<ResponseRow> {
    const final = live?.final ? live.transcript : undefined;
    const durationSeconds = pcm.length / SAMPLE_RATE;
    let claimed: { response: ResponseRow };
    try {
      claimed = await this.deps.interviews.claimAnswer(caller, sessionId, order, {
        text: null,
        durationSeconds: Math.round(durationSeconds),
      });
    } catch (error) {
      const done = await this.streamable(caller, sessionId, order).catch(() => undefined);
      if (done && "done" in done) return done.done;
      throw error;
    }
    const { response } = claimed;
    const name = `${caller.user.id}/${sessionId}/${order}.wav`;
    const wav = encodeWav(pcm, SAMPLE_RATE);
    try {
      await this.deps.store.upload(caller, {
        bucketId: BUCKET,
        name,
        body: Readable.from([wav]),
        contentType: "audio/wav",
        cacheControl: "private, max-age=0",
        upsert: false,
      });
      await asService(this.deps.pool, (tx) =>
        one(tx, attachAudio, [response.id, `${BUCKET}/${name}`, Math.round(durationSeconds)]),
      );
    } catch (error) {
      await this.unclaim(response);
      throw error;
    }
    // The safety net, should this process stop before the answer is scored.
    await this.deps.jobs.send(speechAnswerJob, { responseId: response.id }, response.id, {
      startAfterSeconds: 60,
    });
    const audio = (wavPath: string): DecodedAudio => ({
      originalPath: wavPath,
      originalMime: "audio/wav",
      wavPath,
      pcm,
      sampleRate: SAMPLE_RATE,
      durationSeconds,
    });
    if (final) {
      // Transcribed while spoken: the samples are all that is left to measure.
      await this.process(response.id, { transcript: final, audio: audio("") });
    } else {
      // The whole recording goes to the recognizer, which reads it from a file.
      await withTempDir(async (work) => {
        const wavPath = path.join(work, "answer.wav");
        await writeFile(wavPath, wav);
        await this.process(response.id, { audio: audio(wavPath), evidence: live?.transcript });
      });
    }
    return (await asService(this.deps.pool, (tx) => one(tx, responseById, [response.id]))) ?? response;
  }

  /** With no speech-to-text the recording is kept and the candidate is asked to type what they said. */
  private async awaitTranscript(response: ResponseRow): Promise<void> {
    const message = `${this.deps.sttMissing} Type what you said to have this answer scored.`;
    await asService(this.deps.pool, (tx) => many(tx, markAwaitingTranscript, [response.id, message]));
    await this.deps.events
      ?.publish(response.user_id, {
        type: "answer.needs_transcript",
        data: { session_id: response.interview_session_id, question_order: response.question_order, message },
      })
      .catch(() => undefined);
  }

  /** With STT_PROVIDER=none (or a failed recognizer), the candidate types what they said. */
  async submitTranscript(caller: User, sessionId: string, order: number, text: string): Promise<ResponseRow> {
    const { response, session } = await asUser(this.deps.pool, caller.claims, async (tx) => ({
      session: await one(tx, ownSession, [sessionId]),
      response: await one(tx, firstAttempt, [sessionId, order]),
    }));
    if (!session || !response) throw new AppError("not_found", `Question ${order} has no recorded answer.`);
    if (session.status !== "in_progress")
      throw new AppError("session_not_active", undefined, { status: session.status });
    const question = await asService(this.deps.pool, (tx) => one(tx, askedQuestion, [sessionId, order]));
    if (!question) throw new AppError("question_not_asked");
    // Only an answer waiting for its transcript (or one whose recording failed) takes a typed one: never one
    // the recognizer is working on or has scored.
    const updated = await asService(this.deps.pool, (tx) =>
      one(tx, storeTypedTranscript, [response.id, text, { transcript: { provider: "typed" } }]),
    );
    if (!updated)
      throw new AppError("already_answered", "This answer is being transcribed or already has a transcript.");
    return this.deps.interviews.score(caller.user.id, updated, question);
  }

  /**
   * The configured recognizer, and when it fails (a model that will not load, a server that is down), the
   * fallback (PocketSphinx) on the same audio: a recording is not lost to a recognizer's failure. Every try
   * is a row in gemini_api_logs.
   */
  private async transcribe(
    userId: string,
    audio: DecodedAudio,
    evidence: Transcript | undefined,
  ): Promise<Transcript | undefined> {
    const { stt, sttFallback, fillerEvidence } = this.deps;
    if (!stt) return undefined;
    // PocketSphinx listens for hesitations beside a recognizer that drops them, on the other core.
    const listener =
      !evidence && fillerEvidence && fillerEvidence.name !== stt.name ? fillerEvidence : undefined;
    const heard = listener
      ? this.transcribeWith(listener, userId, audio, { purpose: "filler_evidence" }).catch(() => undefined)
      : Promise.resolve(evidence);
    try {
      const transcript = await this.transcribeWith(stt, userId, audio, {});
      return withFillerEvidence(transcript, await heard);
    } catch (error) {
      if (!sttFallback || sttFallback.name === stt.name) throw error;
      this.deps.log.warn(
        { err: error, provider: stt.name, fallback: sttFallback.name },
        "speech-to-text failed; the fallback recognizer transcribes the recording",
      );
      // The listener was the fallback recognizer: what it heard is the transcript.
      const already = listener?.name === sttFallback.name ? await heard : undefined;
      return already ?? this.transcribeWith(sttFallback, userId, audio, { fallback_from: stt.name });
    }
  }

  private async transcribeWith(
    stt: SpeechToText,
    userId: string,
    audio: DecodedAudio,
    why: { fallback_from?: string; purpose?: string },
  ): Promise<Transcript> {
    const started = performance.now();
    const log = (response: Record<string, unknown> | null, error: string | null) =>
      logAiCall(this.deps.pool, {
        userId,
        endpoint: stt.endpoint,
        requestType: "transcription",
        request: { seconds: Math.round(audio.durationSeconds), ...why },
        response,
        tokens: null,
        milliseconds: performance.now() - started,
        status: error === null ? "success" : "error",
        error,
      });
    try {
      const transcript = await stt.transcribe(audio, transcriptionDeadline(audio.durationSeconds));
      await log({ words: transcript.words.length, language: transcript.language }, null);
      return transcript;
    } catch (error) {
      await log(null, errorText(error));
      throw new TranscriptionError(stt.name, audio.durationSeconds, error);
    }
  }

  private async fail(response: ResponseRow, message: string, raw: Record<string, unknown>): Promise<void> {
    await asService(this.deps.pool, (tx) => many(tx, markScoringFailed, [response.id, message, raw]));
    await this.deps.events
      ?.publish(response.user_id, {
        type: "answer.failed",
        data: { session_id: response.interview_session_id, question_order: response.question_order, message },
      })
      .catch(() => undefined);
  }

  private async acceptedExtension(caller: User, contentType: string | undefined): Promise<string> {
    const formats = await asUser(this.deps.pool, caller.claims, async (tx) => {
      const value = (await one(tx, setting, ["supported_audio_formats"]))?.setting_value;
      return Array.isArray(value) ? value.map(String) : [...AUDIO_FORMATS];
    });
    const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    const ext = EXTENSIONS[type];
    if (!ext || !formats.includes(ext))
      throw new AppError(
        "audio_unsupported",
        `Recordings must be ${formats.join(", ")} (got ${type || "no content type"}).`,
        { supported_audio_formats: formats },
      );
    return ext;
  }

  private probeStored(name: string) {
    return withTempDir(async (work) => {
      const file = path.join(work, "audio");
      const row = await this.deps.store.findAsService(BUCKET, name);
      await pipeline(this.deps.store.read(row), createWriteStream(file));
      return probeAudio(file);
    });
  }

  private async decodeStored(
    response: ResponseRow,
    work: string,
    limitSeconds: number,
  ): Promise<DecodeResult> {
    const name = (response.audio_file_path ?? "").replace(/^interview-audio\//, "");
    const file = path.join(work, path.basename(name));
    const row = await this.deps.store.findAsService(BUCKET, name);
    await pipeline(this.deps.store.read(row), createWriteStream(file));
    return decodeAudio(file, {
      maxSeconds: limitSeconds + GRACE_SECONDS,
      originalMime: String(row.metadata?.mimetype ?? "audio/wav"),
      tempRoot: work,
    });
  }
}

/** What a failed answer's message ends with: nothing is lost, and what the candidate can do. */
const KEPT =
  "Your recording is kept: choose “Process again” on the report to try once more, or type what you said.";

/** The recognizer failed or ran out of time on a recording. */
export class TranscriptionError extends Error {
  override name = "TranscriptionError";
  constructor(
    readonly provider: string,
    readonly durationSeconds: number,
    cause: unknown,
  ) {
    super(`${provider}: ${errorText(cause)}`, { cause });
  }
}

function errorText(error: unknown): string {
  if (error === undefined) return "";
  return ((error as Error)?.message ?? String(error)).split("\n")[0]?.slice(0, 300) ?? "";
}

/** Why processing failed, in the candidate's words, and a stable reason code for the log and the API. */
export function processingFailure(error: unknown): { message: string; reason: string } {
  if (error instanceof TranscriptionError) {
    const cause = error.cause as Error | undefined;
    if (cause?.name === "TimeoutError" || cause?.name === "AbortError")
      return {
        reason: "transcription_timeout",
        message: `Transcribing this ${Math.round(error.durationSeconds)}-second recording took longer than allowed (${error.provider}).`,
      };
    return {
      reason: "transcription_failed",
      message: `The speech recognizer (${error.provider}) could not transcribe this recording: ${errorText(cause)}.`,
    };
  }
  const code = (error as { code?: string } | undefined)?.code;
  if (code === "ECONNREFUSED" || code === "57P01" || code === "08006" || code === "08001")
    return {
      reason: "database_unavailable",
      message: "The database could not be reached while this recording was processed.",
    };
  return {
    reason: "processing_failed",
    message: `This recording could not be processed because of an error on our side${error === undefined ? "" : ` (${errorText(error)})`}.`,
  };
}

function audioError(error: AudioError): AppError {
  return new AppError(error.code, error.message, error.details);
}
