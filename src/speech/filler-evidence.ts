/**
 * Whisper leaves out "um" and "uh" unless its prompt shows them, and even then not always; PocketSphinx
 * keeps them as dictionary words. When both heard an answer, a hesitation PocketSphinx heard where Whisper
 * has no word at all is put back into Whisper's transcript, so the filler count stays right while every other
 * word comes from the better recognizer. Only non-lexical hesitations (um, uh, er, ah, hmm) are taken:
 * "like" or "you know" are words Whisper keeps, and PocketSphinx's guesses at them are less reliable.
 */
import { isNonLexicalFiller } from "./analytics/context.ts";
import type { Transcript, TranscriptWord } from "./types.ts";

/** How much of a hesitation's time may overlap a primary word before it counts as already transcribed. */
const MAX_OVERLAP = 0.3;

function overlap(a: TranscriptWord, b: TranscriptWord): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** `primary` with the hesitations only `evidence` heard, in time order; the same transcript when none. */
export function withFillerEvidence(primary: Transcript, evidence: Transcript | undefined): Transcript {
  if (!evidence || evidence.provider === primary.provider) return primary;
  const added = evidence.words.filter((filler) => {
    if (!isNonLexicalFiller(filler.word.toLowerCase())) return false;
    const length = Math.max(filler.end - filler.start, 0.01);
    return primary.words.every((word) => overlap(word, filler) <= MAX_OVERLAP * length);
  });
  if (added.length === 0) return primary;
  const fillers = added.map((w) => ({ ...w, word: w.word.toLowerCase() }));
  const words = [...primary.words, ...fillers].sort((a, b) => a.start - b.start);
  return {
    ...primary,
    words,
    text: textWith(primary, fillers),
    provider: `${primary.provider}+${evidence.provider} fillers`,
  };
}

/**
 * The primary text with the fillers in place. Its punctuation matters to the filler and hedge rules, so when
 * its tokens match its words one to one the fillers go between them; otherwise the words are joined.
 */
function textWith(primary: Transcript, fillers: TranscriptWord[]): string {
  const tokens = primary.text.split(/\s+/).filter(Boolean);
  if (tokens.length !== primary.words.length)
    return [...primary.words, ...fillers]
      .sort((a, b) => a.start - b.start)
      .map((w) => w.word)
      .join(" ");
  const out: string[] = [];
  let next = 0;
  primary.words.forEach((word, i) => {
    while (next < fillers.length && (fillers[next] as TranscriptWord).start < word.start)
      out.push((fillers[next++] as TranscriptWord).word);
    out.push(tokens[i] as string);
  });
  while (next < fillers.length) out.push((fillers[next++] as TranscriptWord).word);
  return out.join(" ");
}
