/**
 * Filler words, told apart from the same words used for their meaning. The rules, in plain terms, are in
 * docs/speech-confidence.md; each function below says which use it keeps and which it counts.
 */
import { BE_FORMS, CLAUSE_OPENERS, Context, isNonLexicalFiller } from "./context.ts";
import type { SpokenToken } from "./tokens.ts";

export interface FillerHit {
  /** The filler as counted: "um", "like", "you know", "I mean"… */
  word: string;
  /** Index of its first token. */
  index: number;
  /** Tokens it covers (2 for "you know" and "I mean"). */
  length: number;
  /** Start time in seconds, null without timings. */
  at: number | null;
}

/** "I like", "we'd like", "to like", "don't like": the verb. */
const LIKE_VERB_LEAD = new Set([
  "i",
  "we",
  "you",
  "they",
  "he",
  "she",
  "people",
  "users",
  "customers",
  "everyone",
  "everybody",
  "nobody",
  "who",
  "would",
  "i'd",
  "we'd",
  "you'd",
  "they'd",
  "he'd",
  "she'd",
  "d",
  "to",
  "do",
  "does",
  "did",
  "don't",
  "doesn't",
  "didn't",
  "not",
  "really",
  "also",
  "still",
  "always",
  "never",
]);

/** Past tenses (regular, and the irregular ones common in stories about work). */
const PAST_TENSE =
  /^([a-z]+ed|went|got|had|did|said|made|took|saw|thought|told|came|ran|built|wrote|knew|found|broke|left)$/;

/** "feels like", "looks like", "something like", "more like", "just like": a comparison. */
const LIKE_COMPARISON_LEAD = new Set([
  "feel",
  "feels",
  "felt",
  "feeling",
  "look",
  "looks",
  "looked",
  "looking",
  "seem",
  "seems",
  "seemed",
  "sound",
  "sounds",
  "sounded",
  "act",
  "acts",
  "acted",
  "behave",
  "behaves",
  "behaved",
  "something",
  "anything",
  "nothing",
  "everything",
  "stuff",
  "things",
  "more",
  "much",
  "less",
  "exactly",
  "just",
  "unlike",
]);

/** Verbs that take "like" for a comparison ("works like a charm"); after any other verb, "like" + noun is a filler. */
const LIKE_INTRANSITIVE = new Set([
  "work",
  "works",
  "worked",
  "behave",
  "behaves",
  "behaved",
  "act",
  "acts",
  "acted",
  "talk",
  "talks",
  "talked",
  "think",
  "thinks",
  "thought",
  "run",
  "runs",
  "ran",
  "read",
  "reads",
  "perform",
  "performs",
  "performed",
  "scale",
  "scales",
  "scaled",
  "operate",
  "operates",
  "function",
  "functions",
  "grow",
  "grew",
  "treat",
  "treated",
  "dress",
  "dressed",
  "end",
  "ended",
]);

const HAVE_FORMS = new Set(["have", "has", "had", "got", "get", "gets", "took", "take", "takes"]);

/** "like I said": the conjunction "as". */
const SAYING_VERBS = new Set([
  "said",
  "say",
  "mentioned",
  "mention",
  "told",
  "explained",
  "discussed",
  "described",
  "noted",
  "showed",
  "wrote",
  "suggested",
]);

/** "so that", "so much", "so far", "and so on", "so-called": "so" with its own meaning. */
const SO_MEANINGFUL_NEXT = new Set([
  "that",
  "much",
  "many",
  "far",
  "long",
  "called",
  "as",
  "on",
  "forth",
  "to",
  "few",
  "little",
]);

/** "I think so", "or so", "even so", "if so", "do so", "why so": "so" with its own meaning. */
const SO_MEANINGFUL_PREV = new Set([
  "think",
  "hope",
  "said",
  "say",
  "do",
  "did",
  "does",
  "doing",
  "done",
  "believe",
  "guess",
  "suppose",
  "or",
  "even",
  "if",
  "not",
  "why",
  "just",
  "more",
  "and",
]);

/** Discourse words that a filler "so" leans on: "so um", "so like", "so basically", "so yeah". */
const DISCOURSE_WORDS = new Set([
  "like",
  "basically",
  "yeah",
  "anyway",
  "okay",
  "ok",
  "right",
  "well",
  "you",
]);

/** "the right way", "that's right", "you're right": the adjective. */
const RIGHT_MEANINGFUL_PREV = new Set([
  "the",
  "a",
  "is",
  "was",
  "are",
  "were",
  "be",
  "been",
  "that's",
  "it's",
  "you're",
  "we're",
  "they're",
  "i'm",
  "that",
  "not",
  "quite",
  "just",
  "exactly",
  "turn",
  "turned",
  "left",
  "and",
  "to",
  "on",
  "get",
  "got",
  "do",
  "did",
  "doing",
  "done",
  "it",
]);

/** "right now", "right away", "right after": the adverb. */
const RIGHT_MEANINGFUL_NEXT = new Set([
  "now",
  "away",
  "after",
  "before",
  "there",
  "here",
  "then",
  "back",
  "into",
  "at",
  "on",
  "in",
  "up",
  "down",
  "off",
  "through",
  "next",
  "from",
  "to",
  "when",
  "side",
  "hand",
  "way",
  "thing",
  "choice",
  "answer",
  "call",
  "fit",
  "person",
  "one",
  "tool",
  "time",
]);

/** "if you know", "do you know", "let you know", "what you know": the verb with its object. */
const YOU_KNOW_MEANINGFUL_PREV = new Set([
  "do",
  "did",
  "don't",
  "didn't",
  "does",
  "if",
  "as",
  "whether",
  "unless",
  "what",
  "that",
  "let",
  "who",
  "will",
  "would",
  "might",
  "should",
  "can",
  "could",
  "how",
  "because",
  "things",
  "people",
]);

/** "you know what…", "you know how…", "you know the…", "you know it": an object follows. */
const KNOW_OBJECTS = new Set([
  "what",
  "how",
  "why",
  "when",
  "where",
  "who",
  "which",
  "that",
  "about",
  "it",
  "him",
  "her",
  "them",
  "me",
  "us",
  "whether",
  "if",
  "exactly",
  "more",
  "nothing",
  "everything",
  "something",
  "anything",
  "someone",
]);

/** "what I mean", "do you know what I mean", "that I mean": the verb. */
const I_MEAN_MEANINGFUL_PREV = new Set([
  "what",
  "which",
  "that",
  "do",
  "don't",
  "did",
  "didn't",
  "if",
  "whatever",
  "really",
  "exactly",
]);

/** "I mean that…", "I mean it", "I mean to…", "I mean the second one": what is meant follows. */
const I_MEAN_OBJECTS = new Set([
  "that",
  "it",
  "to",
  "by",
  "the",
  "a",
  "an",
  "this",
  "these",
  "those",
  "what",
  "something",
  "anything",
  "him",
  "her",
  "them",
  "when",
]);

/** "as well", "very well", "works well", "went well": the adverb. */
const WELL_MEANINGFUL_PREV = new Set([
  "as",
  "very",
  "so",
  "pretty",
  "quite",
  "really",
  "fairly",
  "reasonably",
  "too",
  "how",
  "it",
  "them",
  "that",
  "this",
  "the",
  "a",
  "oil",
  "just",
  "not",
  "equally",
  "particularly",
  "extremely",
]);

const PAST_OR_ADJECTIVE = new Set(["VERB", "ADJ", "ADV"]);

function likeIsFiller(c: Context, i: number): boolean {
  const prev = c.norm(i - 1);
  const next = c.norm(i + 1);
  const leftSet = c.setOffLeft(i);
  // The verb: "I like", "we'd like", "I really like" — unless a past tense follows, which the verb "like"
  // never takes: "we like shipped it".
  if (!leftSet && (LIKE_VERB_LEAD.has(prev) || (c.pos(i - 1) === "ADV" && c.isSubjectPronoun(i - 2)))) {
    return c.pos(i + 1) === "VERB" && PAST_TENSE.test(next);
  }
  // A comparison after a verb of seeming or a vague noun: "feels like", "something like", "kind of like".
  if (
    !leftSet &&
    (LIKE_COMPARISON_LEAD.has(prev) || (prev === "of" && /^(kind|sort)$/.test(c.norm(i - 2))))
  ) {
    return false;
  }
  // After "be": "it was like really hard" (filler) vs "it was like a nightmare" (comparison) and
  // "he was like, no" (quoting, which is not a filler either).
  if (!leftSet && BE_FORMS.has(prev)) {
    const degree = c.isAdverbOrAdjective(i + 1) && !["NOUN", "PROPN"].includes(c.pos(i + 2));
    if (c.continues(i)) return c.isNumber(i + 1) || degree || isNonLexicalFiller(next);
    // "it's like, …" leans on nothing; "he was like, …" quotes someone.
    const impersonal =
      ["it's", "that's", "there's"].includes(prev) || ["it", "that", "this", "there"].includes(c.norm(i - 2));
    // "I was like, you know, …" leans on another filler; "we were like, okay, …" quotes (okay, yeah, no…).
    const pair = `${next} ${c.norm(i + 2)}`;
    const leaning =
      isNonLexicalFiller(next) || next === "basically" || pair === "you know" || pair === "i mean";
    return (impersonal || leaning) && c.punctuatedAfter(i);
  }
  if (c.openLeft(i) && c.openRight(i)) return true; // ", like," — "um like um" — "Like, …"
  if (c.isFillerAt(i - 1) || isNonLexicalFiller(next)) return true;
  if (c.continues(i) && c.isNumber(i + 1)) return true; // the approximator: "like three weeks"
  if (c.openLeft(i)) {
    if (c.isSubjectPronoun(i + 1) && SAYING_VERBS.has(c.norm(i + 2))) return false; // "like I said"
    const phrase = c.startsNounPhrase(i + 1) || c.pos(i + 1) === "ADJ";
    if (c.sentenceStart(i) && phrase && commaWithin(c, i + 1, 5)) return false; // "Like most teams, we…"
    return true;
  }
  if (c.isAdverbOrAdjective(i + 1)) return !["NOUN", "PROPN"].includes(c.pos(i + 2)); // "like really slow"
  // A verb still waiting for its object: "we had like no documentation", "we used like Redis".
  const transitive = (c.pos(i - 1) === "VERB" || HAVE_FORMS.has(prev)) && !LIKE_INTRANSITIVE.has(prev);
  if (transitive && c.startsNounPhrase(i + 1)) return true;
  // "the job like crashed": a verb straight after. When another verb follows that one, the tagger took a
  // name for a verb ("frameworks like react make…") and "like" is the preposition.
  const verb = (k: number) => c.pos(k) === "VERB" || c.pos(k) === "AUX";
  if (verb(i + 1) && !verb(i + 2)) return true;
  return false; // "like a queue", "tools like Jira", "like me": the preposition
}

function commaWithin(c: Context, from: number, words: number): boolean {
  for (let k = from; k < from + words && k < c.tokens.length; k++) {
    if (/[,;:]/.test(c.at(k)?.after ?? "")) return true;
  }
  return false;
}

function soIsFiller(c: Context, i: number): boolean {
  const prev = c.norm(i - 1);
  const next = c.norm(i + 1);
  if (c.continues(i) && SO_MEANINGFUL_NEXT.has(next)) return false;
  if (!c.setOffLeft(i) && SO_MEANINGFUL_PREV.has(prev)) return false;
  if (c.continues(i) && (isNonLexicalFiller(next) || DISCOURSE_WORDS.has(next))) {
    return next !== "you" || c.norm(i + 2) === "know";
  }
  if (isNonLexicalFiller(next)) return true;
  if (c.endsSentence(i)) return true; // the trailing "so": "…and we shipped it, so."
  if (c.continues(i) && c.isAdverbOrAdjective(i + 1) && next !== "then") return false; // "so slow", "so quickly"
  if (c.setOffLeft(i) && c.openRight(i)) return true; // "So, …" — ", so, …" — "So <pause>"
  // The answer opener: "So I worked at…" (or "um so I…") carries nothing.
  if (c.tokens.slice(0, i).every((t) => isNonLexicalFiller(t.norm))) return true;
  return false; // "…, so we rolled back": the conjunction
}

function rightIsFiller(c: Context, i: number): boolean {
  const prev = c.norm(i - 1);
  const next = c.norm(i + 1);
  const question = (c.at(i)?.after ?? "").includes("?");
  if (prev === "all") return c.sentenceStart(i - 1) && c.openRight(i); // "All right, so…"
  if (!c.setOffLeft(i) && (RIGHT_MEANINGFUL_PREV.has(prev) || c.isDeterminer(i - 1))) return false;
  if (
    c.continues(i) &&
    (RIGHT_MEANINGFUL_NEXT.has(next) || ["NOUN", "ADJ", "PROPN"].includes(c.pos(i + 1)))
  ) {
    return false;
  }
  if (question) return true; // the tag: "you'd cache it, right?"
  if (!c.punctuated && i === c.tokens.length - 1) return true; // the same tag, unpunctuated, closing the answer
  if (c.setOffLeft(i) && c.openRight(i)) return true; // "Right, so…" — ", right, …"
  // Without punctuation, a "right" closing a clause before a pause and a new clause is the tag.
  return c.pauseAfter(i) && (CLAUSE_OPENERS.has(next) || c.isSubjectPronoun(i + 1));
}

function actuallyIsFiller(c: Context, i: number): boolean {
  if (c.setOffLeft(i) && c.openRight(i)) return true; // "Actually, …" — ", actually, …" — ", actually."
  // Next to "um" or "uh" it is part of the same hesitation.
  return isNonLexicalFiller(c.norm(i - 1)) || isNonLexicalFiller(c.norm(i + 1));
}

function basicallyIsFiller(c: Context, i: number): boolean {
  // At the edge of a clause it frames the clause and says nothing: "Basically we…", "…, basically."
  if (c.openLeft(i) || c.openRight(i)) return true;
  return isNonLexicalFiller(c.norm(i - 1)); // inside a clause, "it's basically a queue", it means "essentially"
}

/** i is "you", i + 1 is "know". */
function youKnowIsFiller(c: Context, i: number): boolean {
  const next = c.norm(i + 2);
  if (!c.setOffLeft(i) && YOU_KNOW_MEANINGFUL_PREV.has(c.norm(i - 1))) return false;
  if (c.norm(i - 1) === "so" && c.norm(i - 2) === "just") return false; // "just so you know"
  if (c.openRight(i + 1)) return true; // ", you know," — "you know?" — "you know um"
  // After "was" or "is", "you" cannot be a subject: the phrase is inserted ("it was you know a mess").
  if (BE_FORMS.has(c.norm(i - 1))) return true;
  if (c.isNumber(i + 2) && c.norm(i + 2) !== "one") return true; // nobody knows "three weeks": "we had you know three weeks"
  if (KNOW_OBJECTS.has(next) || c.isDeterminer(i + 2)) return false;
  return (
    c.isSubjectPronoun(i + 2) || CLAUSE_OPENERS.has(next) || c.isAdverbOrAdjective(i + 2) || next === "like"
  );
}

/** i is "I", i + 1 is "mean". */
function iMeanIsFiller(c: Context, i: number): boolean {
  const next = c.norm(i + 2);
  if (!c.setOffLeft(i) && I_MEAN_MEANINGFUL_PREV.has(c.norm(i - 1))) return false;
  if (c.openRight(i + 1)) return true; // "I mean, …"
  if (I_MEAN_OBJECTS.has(next)) return false;
  return (
    c.openLeft(i) || c.isSubjectPronoun(i + 2) || c.isAdverbOrAdjective(i + 2) || isNonLexicalFiller(next)
  );
}

function wellIsFiller(c: Context, i: number): boolean {
  const prev = c.norm(i - 1);
  if (prev === "oh") return true;
  const verbBefore = ["VERB", "AUX", "ADV"].includes(c.pos(i - 1));
  if (!c.setOffLeft(i) && (WELL_MEANINGFUL_PREV.has(prev) || verbBefore)) return false;
  if (!c.openLeft(i)) return false;
  if (c.openRight(i)) return true; // "Well, …"
  const next = c.norm(i + 1);
  if (c.isSubjectPronoun(i + 1) || CLAUSE_OPENERS.has(next) || DISCOURSE_WORDS.has(next)) return true; // "Well I think…"
  if (c.isDeterminer(i + 1)) return true; // "Well the thing is…"
  return !PAST_OR_ADJECTIVE.has(c.pos(i + 1)); // "Well designed APIs…" keeps "well"
}

/** Every filler in the transcript, in order. */
export function findFillers(tokens: readonly SpokenToken[]): FillerHit[] {
  const found = new Set<number>();
  const c = new Context(tokens, found);
  const hits: FillerHit[] = [];
  const add = (word: string, index: number, length: number) => {
    for (let k = index; k < index + length; k++) found.add(k);
    hits.push({ word, index, length, at: tokens[index]?.start ?? null });
  };
  for (let i = 0; i < tokens.length; i++) {
    const word = c.norm(i);
    const next = c.norm(i + 1);
    if (isNonLexicalFiller(word)) add(word, i, 1);
    else if (word === "like" && likeIsFiller(c, i)) add("like", i, 1);
    else if (word === "so" && soIsFiller(c, i)) add("so", i, 1);
    else if (word === "right" && rightIsFiller(c, i)) add("right", i, 1);
    else if (word === "actually" && actuallyIsFiller(c, i)) add("actually", i, 1);
    else if (word === "basically" && basicallyIsFiller(c, i)) add("basically", i, 1);
    else if (word === "well" && wellIsFiller(c, i)) add("well", i, 1);
    else if (word === "you" && next === "know" && youKnowIsFiller(c, i)) {
      add("you know", i, 2);
      i += 1;
    } else if (word === "i" && next === "mean" && iMeanIsFiller(c, i)) {
      add("I mean", i, 2);
      i += 1;
    }
  }
  return hits;
}
