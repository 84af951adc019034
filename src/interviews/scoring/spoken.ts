import { hardToUnderstand, possiblySaid } from "../../speech/recognition-doubt.ts";
import type { SpeechMetrics, Transcript } from "../../speech/types.ts";
import { scoreBuiltin } from "./builtin.ts";
import { type ScoringDependencies, scoreAnswer } from "./score.ts";
import type { ScoringInput, ScoringResult } from "./types.ts";

export interface VoiceEvidence {
  transcript: Transcript;
  metrics: SpeechMetrics;
}

/** Below this technical accuracy an answer is not "otherwise on topic", and nothing is excused. */
const ON_TOPIC = 3;

/** Whether the built-in scorer found the answer to be an answer to this question at all. */
function onTopic(result: ScoringResult): boolean {
  const signals = result.raw.signals as { gates?: Record<string, boolean> } | undefined;
  const gated = Object.values(signals?.gates ?? {}).some(Boolean);
  return !gated && result.technical_accuracy >= ON_TOPIC;
}

/**
 * Scores a spoken answer so recognition errors are not blamed on the candidate: in an answer that is
 * otherwise on topic, a missing key term that the recognizer heard as something similar, without
 * confidence, is credited as "possibly said" (half a keyword, never "covered"); a hard-to-understand
 * recording is said so; confidence is the delivery's composite.
 */
export async function scoreSpoken(
  deps: ScoringDependencies,
  input: ScoringInput,
  voice: VoiceEvidence,
  userId: string | null,
): Promise<ScoringResult> {
  const first = scoreBuiltin(input);
  // Missing or only unclear: any expected term the transcript does not clearly hold.
  const notSaid = (input.expectedKeywords ?? []).filter((k) => !first.keywords_mentioned.includes(k));
  const doubts = onTopic(first) ? possiblySaid(notSaid, voice.transcript.words) : [];
  // With nothing to credit the input is unchanged, and so is its built-in score.
  const result = await scoreAnswer(
    deps,
    { ...input, possiblySaid: doubts.map((d) => d.keyword) },
    userId,
    doubts.length === 0 ? first : undefined,
  );
  const doubted = new Set(doubts.map((d) => d.keyword));
  const clarity = hardToUnderstand(voice.transcript);
  const notes: string[] = [];
  // The built-in feedback says it itself; a model's review may not.
  if (doubts.length > 0 && !/possibly said/.test(result.ai_feedback))
    notes.push(
      `The recognizer was unsure about ${doubts.map((d) => `"${d.heard}"`).join(", ")}; ${[...doubted].join(", ")} may be in the recording and ${doubted.size === 1 ? "is" : "are"} counted as possibly said, not as covered.`,
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
