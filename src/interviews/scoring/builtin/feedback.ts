import type { ScoringInput } from "../types.ts";
import type { Claim } from "./claims.ts";
import type { KeywordCoverage, PointCoverage } from "./coverage.ts";
import type { Delivery } from "./delivery.ts";
import type { InjectionCheck } from "./injection.ts";
import type { QuestionProfile } from "./profile.ts";
import type { GateEvidence } from "./quality-gates.ts";
import type { Features } from "./scores.ts";
import type { Specificity } from "./specificity.ts";

export interface FeedbackInput {
  input: ScoringInput;
  profile: QuestionProfile;
  features: Features;
  correctness: { signals: { contradicts_choice: number } };
  keywords: KeywordCoverage;
  points: (PointCoverage & Claim)[];
  specificity: Specificity;
  delivery: Delivery;
  gates: GateEvidence;
  injection: InjectionCheck;
}

export interface Feedback {
  aiFeedback: string;
  suggestedImprovement: string;
  idealAnswerComparison: string;
}

/** "a", "a and b", "a, b and c" */
export function listOf(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

const quoted = (items: string[]) => items.map((s) => `"${s}"`);
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]?.toLowerCase() + s.slice(1) : s);
const isStory = (f: FeedbackInput) =>
  f.input.questionType === "behavioral" || f.input.questionType === "situational";

/** One sentence for the first gate that fired, or null. */
function gateSentence(f: FeedbackInput): string | null {
  const g = f.gates.gates;
  if (g.empty) return "No answer was given, so there is nothing to score yet.";
  if (g.gibberish)
    return "The answer does not read as English sentences (unknown words or words without grammar), so it cannot be credited.";
  if (g.copiedQuestion) return "The answer mostly repeats the question instead of answering it.";
  if (g.keywordStuffed)
    return "The answer lists terms without explaining them; keywords alone do not show understanding.";
  if (g.offTopic) return "The answer does not address the question that was asked.";
  return null;
}

/** A quote short enough to read in a sentence: its first 14 words. */
function excerpt(sentence: string): string {
  const words = sentence.replace(/[.!?]+$/, "").split(/\s+/);
  return words.length <= 14 ? words.join(" ") : `${words.slice(0, 14).join(" ")}…`;
}

/** "you covered context matters: 'my choice depends on the workload'" — a credit always shows its evidence. */
function credited(items: { name: string; quote: string | null }[]): string {
  const [first, ...rest] = items;
  if (!first) return "";
  const lead = first.quote ? `${first.name} ("${excerpt(first.quote)}")` : first.name;
  return `you covered ${listOf([lead, ...rest.map((r) => r.name)])}`;
}

function strengths(f: FeedbackInput): string | null {
  const parts: string[] = [];
  // "STAR" is a structure, reported as one below, not a term the answer used.
  const terms = f.keywords.matched.filter((k) => k.trim().toLowerCase() !== "star");
  const points = f.points.filter((p) => p.covered);
  if (points.length > 0)
    parts.push(credited(points.slice(0, 2).map((p) => ({ name: lowerFirst(p.point), quote: p.quote }))));
  else if (terms.length > 0)
    parts.push(credited(terms.slice(0, 3).map((k) => ({ name: k, quote: f.keywords.quotes[k] ?? null }))));
  const star = f.features.star;
  if (isStory(f) && star.completeness >= 0.8)
    parts.push("the story has a clear situation, action and result");
  const said = new Set(terms.map((k) => k.toLowerCase()));
  const details = f.specificity.tools.filter((t) => !said.has(t.toLowerCase())).slice(0, 2);
  if (f.specificity.numbers > 0 || details.length > 0)
    parts.push(
      details.length > 0
        ? `specifics such as ${listOf(details)} make it concrete`
        : "your numbers make it concrete",
    );
  if (parts.length === 0) return null;
  const text = listOf(parts.slice(0, 2));
  return `${text[0]?.toUpperCase()}${text.slice(1)}.`;
}

/** Only what no sentence of the answer comes near; a point it partly expresses is not called missing. */
function missingPoints(f: FeedbackInput): string[] {
  const fromPoints = f.points.filter((p) => p.verdict === "missing").map((p) => lowerFirst(p.point));
  return f.points.length > 0 ? fromPoints : f.keywords.missing;
}

/** The question offered a choice and the answer took the other one: say so, it is the whole point. */
function choiceNote(f: FeedbackInput): string | null {
  const alternatives = f.profile.correctness.alternatives;
  if (!alternatives || f.correctness.signals.contradicts_choice !== 1) return null;
  return `The answer picks ${[...alternatives.rejected].join(" ")}, but the expected answer is ${[...alternatives.chosen].join(" ")}.`;
}

function possiblySaidNote(f: FeedbackInput): string | null {
  const possible = f.keywords.possible;
  if (possible.length === 0) return null;
  return `The recognizer was unsure of some words, so ${listOf(possible)} may be in the recording; ${possible.length === 1 ? "it is" : "they are"} counted as possibly said, not as covered.`;
}

function gaps(f: FeedbackInput): string | null {
  const missing = missingPoints(f).slice(0, 3);
  const star = f.features.star;
  if (isStory(f) && !star.result) {
    return missing.length > 0
      ? `It never states the outcome, and it does not mention ${listOf(missing)}.`
      : "It never states the outcome of what you did.";
  }
  return missing.length > 0 ? `It does not mention ${listOf(missing)}.` : null;
}

function deliveryNote(f: FeedbackInput): string | null {
  const { length } = f.features;
  const d = f.delivery;
  const [low, high] = length.expectedRange;
  if (length.verdict === "too_short" || length.verdict === "short")
    return `At ${length.words} words it is too brief to show depth; aim for roughly ${low}–${Math.min(high, low * 3)} words.`;
  if (length.verdict === "rambling" || length.verdict === "long")
    return `At ${length.words} words it would run past the ${f.input.timeLimitSeconds ?? 120}-second limit; keep to about ${high} words.`;
  if (d.hedging.count >= 2)
    return `Hedges such as ${listOf(quoted(d.hedging.phrases.slice(0, 3)))} make you sound unsure.`;
  if (d.fillers.count >= 3)
    return `Fillers such as ${listOf(quoted(d.fillers.phrases.slice(0, 3)))} distract from the content.`;
  return null;
}

function verdict(score: number): string {
  if (score >= 8) return "This is a strong answer.";
  if (score >= 6) return "This is a solid answer with room to sharpen it.";
  if (score >= 4) return "This answer is on the right track but thin.";
  return "This answer needs substantially more substance.";
}

function aiFeedback(f: FeedbackInput, score: number): string {
  const gate = gateSentence(f);
  const sentences: string[] = [];
  if (gate) sentences.push(gate);
  else {
    const choice = choiceNote(f);
    const good = choice ? null : strengths(f);
    sentences.push(choice ?? good ?? verdict(score));
    const gap = gaps(f);
    if (gap) sentences.push(gap);
    const possible = possiblySaidNote(f);
    if (possible) sentences.push(possible);
    const note = deliveryNote(f);
    if (note) sentences.push(note);
  }
  if (sentences.length < 2)
    sentences.push(
      gate
        ? `A good answer would cover ${listOf(missingPoints(f).slice(0, 3)) || "the question directly"}.`
        : verdict(score),
    );
  if (f.injection.removed.length > 0 && sentences.length < 4)
    sentences.push("Instructions addressed to the grader were ignored.");
  return sentences.slice(0, 4).join(" ");
}

function improvements(f: FeedbackInput): string[] {
  const g = f.gates.gates;
  const out: string[] = [];
  if (g.empty || g.gibberish)
    out.push(`Answer in full sentences that respond to the question: "${f.input.question}"`);
  else if (g.copiedQuestion) out.push("Don't restate the question; start with your answer and explain why.");
  else if (g.keywordStuffed)
    out.push("Explain how the ideas fit together in sentences instead of listing terms.");
  else if (g.offTopic) out.push(`Stay on the question asked: "${f.input.question}"`);
  const missing = missingPoints(f).slice(0, 4);
  if (missing.length > 0) out.push(`Cover: ${listOf(missing)}.`);
  const star = f.features.star;
  if (isStory(f)) {
    if (!star.result)
      out.push(
        'Name the result with a number: what changed and by how much (e.g. "cut review time by 30% in a month").',
      );
    if (!star.situation && !star.task)
      out.push("Open with one sentence of context: where you were and what was at stake.");
    if (f.delivery.ownership.we > f.delivery.ownership.i)
      out.push('Say what you did yourself: "I" for your actions, "we" only for the team\'s.');
  } else if (f.specificity.numbers === 0 && f.specificity.examples === 0)
    out.push("Add a concrete example from your own work, with a named tool or a measured result.");
  if (f.delivery.hedging.count >= 2)
    out.push(
      `Drop hedges like ${listOf(quoted(f.delivery.hedging.phrases.slice(0, 2)))}; state what you would do and why.`,
    );
  const { length } = f.features;
  if (length.verdict === "too_short" || length.verdict === "short")
    out.push(`Expand to at least ${length.expectedRange[0]} words with the reasoning behind each point.`);
  if (length.verdict === "rambling" || length.verdict === "long")
    out.push(`Trim to about ${length.expectedRange[1]} words: lead with the answer, then one example.`);
  if (out.length === 0)
    out.push("Tighten the opening so the main point comes in the first sentence, then keep the example.");
  return out.slice(0, 3);
}

function comparison(f: FeedbackInput): string {
  const { profile, points } = f;
  if (!profile.sample && points.length === 0)
    return f.keywords.matched.length + f.keywords.missing.length > 0
      ? `No sample answer is available; of the expected keywords you used ${f.keywords.matched.length} of ${f.keywords.matched.length + f.keywords.missing.length}.`
      : "No sample answer or key points are available for comparison.";
  const out: string[] = [];
  if (points.length > 0) {
    const covered = points.filter((p) => p.covered).map((p) => lowerFirst(p.point));
    const partly = points.filter((p) => p.verdict === "unclear").map((p) => lowerFirst(p.point));
    const missed = points.filter((p) => p.verdict === "missing").map((p) => lowerFirst(p.point));
    out.push(
      `Against the sample answer's ${points.length} key points you clearly covered ${covered.length}` +
        (covered.length > 0 ? ` (${listOf(covered)})` : "") +
        (partly.length > 0 ? `, touched on ${listOf(partly)}` : "") +
        (missed.length > 0 ? `; the sample also covers ${listOf(missed)}.` : "."),
    );
  }
  const overlap = f.features.sample;
  out.push(
    overlap >= 0.75
      ? "Your content closely tracks the sample answer."
      : overlap >= 0.4
        ? "Your content partly overlaps the sample answer."
        : "Your content has little in common with the sample answer.",
  );
  const sampleHasNumbers = profile.sample?.tokens.some((t) => t.kind === "number") ?? false;
  if (sampleHasNumbers && f.specificity.numbers === 0)
    out.push("The sample backs its claims with a measured result; yours gives no figures.");
  return out.join(" ");
}

export function writeFeedback(f: FeedbackInput, score: number): Feedback {
  return {
    aiFeedback: aiFeedback(f, score),
    suggestedImprovement: improvements(f).join(" "),
    idealAnswerComparison: comparison(f),
  };
}
