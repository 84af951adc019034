import { type Analysis, analyze, type Token } from "./text.ts";

/**
 * Ways of saying the same thing in an interview. The first entry names the concept; every entry is
 * matched by lemmas, so plurals and verb forms come for free. Kept general (industry vocabulary and
 * British spellings), never tuned to particular questions.
 */
const GROUPS: string[][] = [
  ["seo", "search engine optimization", "search engine optimisation"],
  ["sem", "search engine marketing", "paid search", "ppc", "pay per click", "pay-per-click"],
  ["continuous integration", "ci"],
  // Not "cd": wink reads it as the modal "could".
  ["continuous delivery", "continuous deployment"],
  ["kubernetes", "k8s"],
  ["javascript", "js"],
  ["typescript", "ts"],
  ["database", "db", "datastore", "data store"],
  ["latency", "response time"],
  ["machine learning", "ml"],
  ["artificial intelligence", "ai"],
  ["roi", "return on investment"],
  ["user experience", "ux"],
  ["user interface", "ui"],
  ["accessibility", "a11y"],
  ["internationalization", "internationalisation", "i18n"],
  ["authentication", "authn", "auth"],
  ["authorization", "authorisation", "authz"],
  ["pull request", "merge request", "pr"],
  ["root cause", "rca", "root-cause"],
  ["rollback", "roll back", "roll-back", "revert"],
  ["feature flag", "feature toggle", "feature switch", "feature-flag"],
  ["a/b test", "ab test", "a/b testing", "split test", "a/b experiment", "a/b"],
  ["okr", "objectives and key results"],
  ["mvp", "minimum viable product"],
  ["ctr", "click-through rate", "click through rate", "clickthrough rate"],
  ["cac", "customer acquisition cost"],
  ["ltv", "lifetime value", "clv", "customer lifetime value"],
  ["cro", "conversion rate optimization", "conversion rate optimisation"],
  ["cdn", "content delivery network"],
  ["ssr", "server-side rendering", "server side rendering"],
  ["csr", "client-side rendering", "client side rendering"],
  ["xss", "cross-site scripting", "cross site scripting"],
  ["csrf", "cross-site request forgery"],
  ["slo", "service level objective"],
  ["sla", "service level agreement"],
  ["etl", "extract transform load"],
  ["eda", "exploratory data analysis"],
  ["nlp", "natural language processing"],
  ["llm", "large language model"],
  ["end-to-end", "e2e", "end to end"],
  ["ttl", "time to live", "time-to-live"],
  ["idempotent", "idempotency", "idempotence"],
  ["colleague", "coworker", "co-worker", "teammate"],
  ["incident", "outage"],
  ["bug", "defect"],
  ["deadline", "due date"],
  ["optimize", "optimise", "optimization", "optimisation"],
  ["behavior", "behaviour"],
  ["organize", "organise"],
  ["p-value", "p value"],
  // Word families the lemmatizer keeps apart (it undoes inflection, not derivation), and the usual
  // interview words for the same competency.
  ["ownership", "own", "owner", "accountable", "accountability", "responsibility", "responsible"],
  ["failure", "fail", "mistake"],
  ["metric", "metrics", "measure", "measurement", "kpi", "key performance indicator"],
  ["investigate", "investigation", "diagnose", "diagnosis", "troubleshoot", "troubleshooting"],
  ["transparency", "transparent", "transparently", "openly", "candid", "candidly"],
  ["pivot", "change course", "change direction", "redirect"],
  ["lesson", "learn", "learning", "takeaway", "lessons learned"],
  ["mentor", "mentorship", "mentoring", "coach", "coaching"],
  ["conflict", "disagreement", "disagree", "dispute"],
  ["trade-off", "tradeoff", "trade off"],
  ["feedback", "critique", "criticism"],
  ["empathy", "empathize", "empathise", "empathetic"],
  ["scalability", "scale", "scalable", "scaling"],
  ["hypothesis", "hypothesize", "hypothesise", "hypotheses"],
  ["analysis", "analyze", "analytics", "analytical", "analyst"],
  ["documentation", "document", "docs", "doc"],
  ["monitoring", "monitor", "observability", "alerting", "alert"],
  ["retrospective", "retro", "post-mortem", "postmortem", "post mortem"],
  ["incremental", "incrementally", "gradual", "gradually", "step by step", "phased"],
  ["prototype", "mockup", "mock-up", "wireframe"],
  ["customer", "client"],
  ["leadership", "lead", "leader"],
  ["growth", "grow"],
  ["success", "succeed", "successful", "successfully"],
  ["decision", "decide"],
  ["reduce", "reduction"],
  ["explain", "explanation"],
  ["resolve", "resolution"],
  ["persuade", "persuasion", "persuasive", "convince"],
  ["assume", "assumption"],
  ["maintainability", "maintainable", "maintain", "maintenance"],
  ["duplicate", "duplication", "deduplicate", "deduplication", "dedupe"],
  ["collaboration", "collaborate", "collaborative", "cooperate", "cooperation"],
  ["stakeholder", "stakeholders"],
  ["communication", "communicate", "communicating"],
  ["compromise", "middle ground"],
  ["priority", "prioritize", "prioritise", "prioritization", "prioritisation"],
];

const PUNCTUATION = new Set(["punctuation", "symbol"]);
/** Parts of speech that carry content; the rest (determiners, pronouns, …) are grammar. */
const CONTENT_POS = new Set(["NOUN", "PROPN", "VERB", "ADJ", "ADV", "X"]);

interface Lexicon {
  single: Map<string, string>;
  /** Multi-token phrases by first lemma, longest first. */
  phrases: Map<string, { lemmas: string[]; concept: string }[]>;
}

let lexicon: Lexicon | undefined;

function lemmasOf(phrase: string): string[] {
  const tokens = analyze(phrase).tokens.filter(
    (t) => t.kind !== "punctuation" || t.value === "/" || t.value === "-",
  );
  // wink reads some abbreviations as grammar words ("cd" → "could"); such a synonym would rewrite
  // ordinary sentences.
  const only = tokens.length === 1 ? tokens[0] : undefined;
  if (only?.stop && only.lemma !== only.normal) return [];
  return tokens.map((t) => t.lemma);
}

function buildLexicon(): Lexicon {
  const single = new Map<string, string>();
  const phrases = new Map<string, { lemmas: string[]; concept: string }[]>();
  for (const group of GROUPS) {
    const concept = `~${group[0]}`;
    for (const phrase of group) {
      const lemmas = lemmasOf(phrase);
      const head = lemmas[0];
      if (head === undefined) continue;
      if (lemmas.length === 1) single.set(head, concept);
      else phrases.set(head, [...(phrases.get(head) ?? []), { lemmas, concept }]);
    }
  }
  for (const list of phrases.values()) list.sort((a, b) => b.lemmas.length - a.lemmas.length);
  return { single, phrases };
}

function matchPhrase(tokens: Token[], at: number, lex: Lexicon): { concept: string; length: number } | null {
  const candidates = lex.phrases.get(tokens[at]?.lemma ?? "");
  for (const candidate of candidates ?? []) {
    if (candidate.lemmas.every((lemma, k) => tokens[at + k]?.lemma === lemma))
      return { concept: candidate.concept, length: candidate.lemmas.length };
  }
  return null;
}

export function isContent(token: Token): boolean {
  if (token.kind !== "word" || token.stop) return false;
  return CONTENT_POS.has(token.pos) || token.oov;
}

/** A term for one token: its concept when it has one, else its stem. */
export function termOf(token: Token): string {
  lexicon ??= buildLexicon();
  return lexicon.single.get(token.lemma) ?? token.stem;
}

export interface Term {
  term: string;
  /** Index of the first token of the term. */
  at: number;
}

/**
 * The content terms of a text in order: multi-word concepts first ("search engine optimization" → seo),
 * then content words by concept or stem. Grammar words and punctuation are dropped.
 */
export function termsOf(analysis: Analysis): Term[] {
  lexicon ??= buildLexicon();
  const tokens = analysis.tokens;
  const out: Term[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (PUNCTUATION.has(token.kind) && token.value !== "/") continue;
    const phrase = matchPhrase(tokens, i, lexicon);
    if (phrase) {
      out.push({ term: phrase.concept, at: i });
      i += phrase.length - 1;
      continue;
    }
    const concept = lexicon.single.get(token.lemma);
    if (concept) out.push({ term: concept, at: i });
    else if (isContent(token)) out.push({ term: token.stem, at: i });
  }
  return out;
}

export const termList = (analysis: Analysis): string[] => termsOf(analysis).map((t) => t.term);
