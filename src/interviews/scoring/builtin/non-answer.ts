import table from "./non-answers.json" with { type: "json" };
import type { Analysis } from "./text.ts";

const PHRASES = new Set(table.phrases);
const YES_NO = new Set(table.yes_no);
const FILLERS = new Set(["um", "uh", "er", "erm", "hmm", "ah", "oh", "well", "so"]);
/** A question that a bare "yes" or "no" can answer starts with an auxiliary ("Is…", "Can you…", "Did…"). */
const CLOSED_QUESTION =
  /^\s*(is|are|was|were|do|does|did|can|could|should|would|will|has|have|had|may|might|must)\b/i;

/**
 * An answer that says nothing: no word at all, or only words of refusal ("not answered", "I don't know",
 * "pass"), or a bare "no" to a question that is not a yes/no question. A short answer with content ("main
 * function", "as many as you want") is an answer, however short.
 */
export function isNonAnswer(answer: Analysis, question: string): boolean {
  const words = answer.tokens
    .filter((t) => t.kind === "word" || t.kind === "number")
    .map((t) => t.normal.replace(/[^a-z0-9]+/g, " ").trim())
    .filter((w) => w !== "" && !FILLERS.has(w));
  if (words.length === 0) return true;
  const text = words.join(" ").replace(/\s+/g, " ");
  if (PHRASES.has(text)) return true;
  return words.every((w) => YES_NO.has(w)) && !CLOSED_QUESTION.test(question);
}
