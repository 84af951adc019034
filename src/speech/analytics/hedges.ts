/**
 * Hedges: words that soften a claim until it says little ("I guess", "maybe", "kind of"). Counted once per
 * phrase: "I think maybe" is one hedge, not two.
 */
import { Context } from "./context.ts";
import type { SpokenToken } from "./tokens.ts";

export interface HedgeHit {
  phrase: string;
  index: number;
  length: number;
  at: number | null;
}

/** Longest first, so that "I think maybe" wins over "maybe" and "I am not sure" over "not sure". */
const PHRASES: string[][] = [
  ["i", "am", "not", "sure"],
  ["i'm", "not", "really", "sure"],
  ["i", "think", "maybe"],
  ["i'm", "not", "sure"],
  ["not", "really", "sure"],
  ["not", "sure"],
  ["i", "guess"],
  ["i", "suppose"],
  ["kind", "of"],
  ["sort", "of"],
  ["maybe"],
  ["perhaps"],
  ["probably"],
  ["kinda"],
  ["sorta"],
];

/** "what kind of", "this sort of", "a kind of", "all kinds of": the noun ("type of"), not a hedge. */
const TYPE_OF_LEAD = new Set([
  "what",
  "which",
  "this",
  "that",
  "these",
  "those",
  "any",
  "some",
  "the",
  "a",
  "an",
  "every",
  "same",
  "one",
  "different",
  "another",
  "no",
  "new",
  "each",
  "my",
  "our",
  "your",
  "their",
  "his",
  "her",
  "its",
  "certain",
  "particular",
  "right",
  "wrong",
  "good",
  "bad",
  "best",
  "first",
  "other",
  "similar",
  "whatever",
  "that's",
  "specific",
]);

function matches(c: Context, i: number, phrase: string[]): boolean {
  return phrase.every((word, k) => c.norm(i + k) === word);
}

/** "kind of" / "sort of" hedge unless a determiner or adjective before makes them the noun "type". */
function typeOfNoun(c: Context, i: number): boolean {
  const prev = c.norm(i - 1);
  if (c.setOffLeft(i)) return false;
  return TYPE_OF_LEAD.has(prev) || ["DET", "ADJ", "NUM"].includes(c.pos(i - 1));
}

function label(phrase: string[]): string {
  return phrase.map((w) => (w === "i" ? "I" : w.replace(/^i'/, "I'"))).join(" ");
}

export function findHedges(tokens: readonly SpokenToken[]): HedgeHit[] {
  const c = new Context(tokens);
  const hits: HedgeHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const phrase = PHRASES.find((p) => matches(c, i, p));
    if (!phrase) continue;
    if ((phrase[0] === "kind" || phrase[0] === "sort") && typeOfNoun(c, i)) continue;
    hits.push({ phrase: label(phrase), index: i, length: phrase.length, at: tokens[i]?.start ?? null });
    i += phrase.length - 1;
  }
  return hits;
}
