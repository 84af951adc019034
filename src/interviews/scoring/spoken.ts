import { hardToUnderstand, possiblySaid, withPossiblySaid } from "../../speech/recognition-doubt.ts";
import type { SpeechMetrics, Transcript } from "../../speech/types.ts";
import { scoreBuiltin } from "./builtin.ts";
import { type ScoringDependencies, scoreAnswer } from "./score.ts";
import type { ScoringInput, ScoringResult } from "./types.ts";

export interface VoiceEvidence {
  transcript: Transcript;
  metrics: SpeechMetrics;
}

/**
 * Scores a spoken answer so recognition errors are not blamed on the candidate: a missing key term that
 * the recognizer heard as something similar, without confidence, is credited and reported as "possibly
 * said"; a hard-to-understand recording is said so; confidence is the delivery's composite.
 */
export async function scoreSpoken(
  deps: ScoringDependencies,
  input: ScoringInput,
  voice: VoiceEvidence,
  userId: string | null,
): Promise<ScoringResult> {
  const first = scoreBuiltin(input);
  const doubts = possiblySaid(first.missing_keywords, voice.transcript.words);
  const answer = doubts.length > 0 ? withPossiblySaid(voice.transcript, doubts) : input.answer;
  // With nothing to credit the input is unchanged, and so is its built-in score.
  const result = await scoreAnswer(
    deps,
    { ...input, answer },
    userId,
    doubts.length === 0 ? first : undefined,
  );
  const doubted = new Set(doubts.map((d) => d.keyword));
  const clarity = hardToUnderstand(voice.transcript);
  const notes: string[] = [];
  if (doubts.length > 0)
    notes.push(
      `The recognizer was unsure about ${doubts.map((d) => `"${d.heard}"`).join(", ")}; we counted ${[...doubted].join(", ")} as possibly said rather than missing.`,
    );
  if (clarity.hard)
    notes.push(
      "The recording was hard to understand, so some words may have been misheard — a quieter room or a closer microphone helps.",
    );
  return {
    ...result,
    keywords_mentioned: result.keywords_mentioned.filter((k) => !doubted.has(k)),
    missing_keywords: result.missing_keywords.filter((k) => !doubted.has(k)),
    ai_feedback: [result.ai_feedback, ...notes].join(" "),
    confidence_level: voice.metrics.confidence_level ?? result.confidence_level,
    raw: {
      ...result.raw,
      possibly_said: doubts,
      recognition: { provider: voice.transcript.provider, ...clarity },
      speech: voice.metrics.details,
      answer_confidence_from_text: result.confidence_level,
    },
  };
}
