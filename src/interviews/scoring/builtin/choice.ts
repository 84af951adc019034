import type { ContentWord } from "./alignment.ts";

/**
 * A question that offers alternatives ("…a compilation error or a run-time error?", "by rows or by
 * columns?") has its answer in the question, so every answer shares its words; what matters is which
 * alternative it picks. When the reference picks one, an answer that names only the other contradicts it
 * — the one thing word overlap cannot see.
 */
export interface Alternatives {
  /** Content words (lemmas) of the alternative the reference picks, and of the one it does not. */
  chosen: Set<string>;
  rejected: Set<string>;
}

const CHOICE = /([\w\s-]+?)\s+or\s+([\w\s-]+?)\s*\?\s*$/i;
/**
 * Offered as a choice: a closed question ("Is this X or Y?") or alternatives set off by a comma ("…, by
 * rows or by columns?"). "How can an array be addressed in pointer or offset notation?" asks for both.
 */
const CLOSED = /^\s*(is|are|was|were|do|does|did|can|could|should|would|will|has|have)\b/i;
/** Words of each side next to "or": "a compilation error" | "a run-time error". */
const SIDE_WORDS = 3;

const lemmasOf = (words: ContentWord[], text: string) => {
  const wanted = new Set(text.toLowerCase().match(/[a-z0-9]+/g) ?? []);
  return new Set(words.filter((w) => wanted.has(w.value.toLowerCase())).map((w) => w.lemma));
};

export function alternativesOf(
  question: string,
  questionWords: ContentWord[],
  reference: ContentWord[],
): Alternatives | null {
  const match = CHOICE.exec(question);
  if (!match) return null;
  const lastSentence = question.split(/[.!?]\s+/).at(-1) ?? question;
  const before = question.slice(0, match.index).trimEnd();
  if (!CLOSED.test(lastSentence) && !before.endsWith(",")) return null;
  const left = (match[1] ?? "").trim().split(/\s+/).slice(-SIDE_WORDS).join(" ");
  const right = (match[2] ?? "").trim().split(/\s+/).slice(0, SIDE_WORDS).join(" ");
  const a = lemmasOf(questionWords, left);
  const b = lemmasOf(questionWords, right);
  // Words on both sides ("error", "by") choose nothing.
  for (const w of [...a]) {
    if (!b.has(w)) continue;
    a.delete(w);
    b.delete(w);
  }
  if (a.size === 0 || b.size === 0) return null;
  const said = new Set(reference.map((w) => w.lemma));
  const picksA = [...a].some((w) => said.has(w));
  const picksB = [...b].some((w) => said.has(w));
  if (picksA === picksB) return null;
  return picksA ? { chosen: a, rejected: b } : { chosen: b, rejected: a };
}

/** 1 when the answer names only the alternative the reference rejects, else 0. */
export function contradictsChoice(answer: ContentWord[], alternatives: Alternatives | null): number {
  if (!alternatives) return 0;
  const said = new Set(answer.map((w) => w.lemma));
  const rejected = [...alternatives.rejected].some((w) => said.has(w));
  const chosen = [...alternatives.chosen].some((w) => said.has(w));
  return rejected && !chosen ? 1 : 0;
}
