/**
 * What the filler and hedge rules ask about a word's surroundings: its neighbours, whether it opens a
 * clause, whether a pause or punctuation sets it apart. Word classes come from short closed lists first
 * (they are exact for function words) and wink's tags second.
 */
import { endsSentence, hasBreakAfter, type SpokenToken } from "./tokens.ts";

/** A silence between two words at least this long is a pause (the same bar as the pause count). */
export const PAUSE_SECONDS = 0.25;

export const NON_LEXICAL = /^(u+m+|u+h+m*|u+h+|e+r+m*|e+r+|a+h+|h+m+|m+h*m+|hm+)$/;

export function isNonLexicalFiller(norm: string): boolean {
  return NON_LEXICAL.test(norm);
}

export const SUBJECT_PRONOUNS = new Set([
  "i",
  "we",
  "you",
  "they",
  "he",
  "she",
  "it",
  "i'm",
  "we're",
  "they're",
]);

export const BE_FORMS = new Set([
  "be",
  "is",
  "am",
  "are",
  "was",
  "were",
  "been",
  "being",
  "it's",
  "that's",
  "he's",
  "she's",
  "i'm",
  "we're",
  "they're",
  "you're",
  "there's",
  "what's",
]);

/** Words that start a new clause when they follow a pause or a comma. */
export const CLAUSE_OPENERS = new Set([
  "and",
  "but",
  "or",
  "so",
  "because",
  "then",
  "which",
  "while",
  "although",
  "though",
  "whereas",
  "however",
  "since",
  "unless",
  "when",
  "where",
  "if",
]);

const NUMBER_WORDS = new Set([
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "fifteen",
  "twenty",
  "thirty",
  "forty",
  "fifty",
  "hundred",
  "thousand",
  "million",
  "half",
  "dozen",
]);

const DETERMINERS = new Set([
  "a",
  "an",
  "the",
  "this",
  "that",
  "these",
  "those",
  "my",
  "our",
  "your",
  "their",
  "his",
  "her",
  "its",
  "some",
  "any",
  "every",
  "each",
  "no",
]);

/** Degree words, whatever the tagger makes of them ("super" comes out a noun). */
const INTENSIFIERS = new Set([
  "really",
  "super",
  "totally",
  "very",
  "pretty",
  "literally",
  "just",
  "completely",
  "absolutely",
  "quite",
  "so",
  "too",
  "crazy",
  "insanely",
]);

export class Context {
  /** Whether the recognizer wrote any punctuation at all; without it, sentence ends are unknown. */
  readonly punctuated: boolean;

  constructor(
    readonly tokens: readonly SpokenToken[],
    /** Indexes of words already judged fillers, so a neighbouring filler can be seen. */
    readonly fillers: ReadonlySet<number> = new Set(),
  ) {
    this.punctuated = tokens.some((t) => hasBreakAfter(t));
  }

  at(i: number): SpokenToken | undefined {
    return this.tokens[i];
  }

  norm(i: number): string {
    return this.tokens[i]?.norm ?? "";
  }

  pos(i: number): string {
    return this.tokens[i]?.pos ?? "";
  }

  /** First word of the answer or of a sentence. */
  sentenceStart(i: number): boolean {
    return i === 0 || this.tokens[i]?.sentenceStart === true;
  }

  /** A pause of PAUSE_SECONDS or more, by the recognizer's timings, between word i and word i + 1. */
  pauseAfter(i: number): boolean {
    const a = this.tokens[i];
    const b = this.tokens[i + 1];
    if (a?.end == null || b?.start == null) return false;
    return b.start - a.end >= PAUSE_SECONDS;
  }

  isFillerAt(i: number): boolean {
    return this.fillers.has(i) || isNonLexicalFiller(this.norm(i));
  }

  /**
   * Set off on the left: starts a sentence, follows a comma or a pause, another filler, or a conjunction
   * that opens a clause ("and like we…").
   */
  openLeft(i: number): boolean {
    if (this.sentenceStart(i)) return true;
    const previous = this.tokens[i - 1];
    if (!previous) return true;
    if (hasBreakAfter(previous) || this.pauseAfter(i - 1) || this.isFillerAt(i - 1)) return true;
    return CLAUSE_OPENERS.has(previous.norm);
  }

  /** Set off on the left by punctuation, a pause or the start of a sentence (not by a conjunction). */
  setOffLeft(i: number): boolean {
    if (this.sentenceStart(i)) return true;
    const previous = this.tokens[i - 1];
    return previous === undefined || hasBreakAfter(previous) || this.pauseAfter(i - 1);
  }

  /** Set off on the right: punctuation or a pause after it, another filler next, or the end of the answer. */
  openRight(i: number): boolean {
    const token = this.tokens[i];
    if (!token || i === this.tokens.length - 1) return true;
    return hasBreakAfter(token) || this.pauseAfter(i) || isNonLexicalFiller(this.norm(i + 1));
  }

  /** Punctuation, not just a pause, closes this word: a comma, a full stop, a question mark. */
  punctuatedAfter(i: number): boolean {
    const token = this.tokens[i];
    return token !== undefined && hasBreakAfter(token);
  }

  endsSentence(i: number): boolean {
    const token = this.tokens[i];
    return token === undefined || i === this.tokens.length - 1 || endsSentence(token);
  }

  /** Word i + 1 exists and belongs to the same stretch of speech (no punctuation or pause between). */
  continues(i: number): boolean {
    return i + 1 < this.tokens.length && !this.openRight(i);
  }

  /** A number or an amount: "3", "three", "a hundred", "a couple". */
  isNumber(i: number): boolean {
    const n = this.norm(i);
    if (n === "a") return ["hundred", "thousand", "dozen", "couple", "million"].includes(this.norm(i + 1));
    return /^\d/.test(n) || this.pos(i) === "NUM" || NUMBER_WORDS.has(n);
  }

  isDeterminer(i: number): boolean {
    return DETERMINERS.has(this.norm(i)) || this.pos(i) === "DET";
  }

  /** A noun phrase starts here: a determiner, noun, proper noun, pronoun object or number. */
  startsNounPhrase(i: number): boolean {
    const pos = this.pos(i);
    return this.isDeterminer(i) || pos === "NOUN" || pos === "PROPN" || pos === "PRON" || this.isNumber(i);
  }

  isAdverbOrAdjective(i: number): boolean {
    const pos = this.pos(i);
    return pos === "ADV" || pos === "ADJ" || INTENSIFIERS.has(this.norm(i));
  }

  isSubjectPronoun(i: number): boolean {
    return SUBJECT_PRONOUNS.has(this.norm(i));
  }
}
