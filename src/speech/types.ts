/** The one rate all audio is analysed at: 16 kHz, what speech recognizers expect. */
export const SAMPLE_RATE = 16_000;

/** One recognized word with its timing (seconds from the start of the audio) and the recognizer's confidence. */
export interface TranscriptWord {
  word: string;
  start: number;
  end: number;
  /** 0–1; null when the provider gives none. */
  confidence: number | null;
}

/** What every speech-to-text provider returns, whatever its wire format. */
export interface Transcript {
  text: string;
  words: TranscriptWord[];
  /** Seconds of audio transcribed. */
  duration: number;
  language: string;
  /** e.g. "pocketsphinx", "openai:whisper-1", "gemini:gemini-2.5-flash". */
  provider: string;
  processing_ms: number;
}

/** Audio ready for recognition: the original upload and its 16 kHz mono 16-bit PCM decoding. */
export interface DecodedAudio {
  /** The original file (any accepted format), for providers that take it as is. */
  originalPath: string;
  originalMime: string;
  /** 16 kHz, mono, signed 16-bit little-endian WAV of the same audio. */
  wavPath: string;
  /** The same samples in memory. */
  pcm: Int16Array;
  sampleRate: typeof SAMPLE_RATE;
  durationSeconds: number;
}

export interface SpeechToText {
  /** "pocketsphinx" | "openai" | "gemini". */
  readonly name: string;
  /** For gemini_api_logs.api_endpoint. */
  readonly endpoint: string;
  transcribe(audio: DecodedAudio, signal: AbortSignal): Promise<Transcript>;
  /**
   * Optional: transcribe raw PCM (16 kHz mono) of one segment, for streaming; word times are relative to the
   * segment and the caller offsets them.
   */
  transcribePcm?(pcm: Int16Array, signal: AbortSignal): Promise<Transcript>;
}

/** Speech metrics stored on the response (speech_pace, filler_words_count, confidence_level) plus details. */
export interface SpeechMetrics {
  speech_pace: number | null;
  filler_words_count: number;
  confidence_level: number | null;
  details: Record<string, unknown>;
}
