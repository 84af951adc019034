import { readFileSync } from "node:fs";
import { termList } from "./concepts.ts";
import { type GrammarModel, trainGrammar } from "./grammar.ts";
import { analyze } from "./text.ts";

/**
 * Reference statistics from the question bank: its questions, sample answers and criteria are interview
 * language for every seeded role. From them come inverse document frequencies (words every answer uses,
 * "team", "use", "user", weigh little), the part-of-speech model of what prose looks like, and the bank's
 * questions themselves (an answer that fits another question far better than the one asked is off topic).
 * Built once, on first use, from the seed file (the app runs from a clone); without it a short built-in
 * text stands in and the other-question check is skipped.
 */
const BANK = new URL("../../../../db/seeds/0002_question_bank.sql", import.meta.url);

const FALLBACK_PROSE = [
  "In my last role I owned the checkout service. Our error rate had doubled after a release, so I first " +
    "reproduced the problem, then rolled back and wrote a test that caught it. As a result, we cut incidents " +
    "by half over the next quarter, and I shared what we learned with the other teams.",
  "I would start by asking what the business goal is, because the right answer depends on it. Then I would " +
    "measure the current behaviour, compare two options with their trade-offs, and pick the simpler one. " +
    "Finally, I would agree on a metric with the team so that we know whether the change worked.",
];

export interface BankQuestion {
  question: string;
  sampleAnswer: string;
  keywords: string[];
  keyPoints: string[];
  criteria: string[];
}

export interface Corpus {
  documents: number;
  idf(term: string): number;
  grammar: GrammarModel;
  questions: BankQuestion[];
}

let corpus: Corpus | undefined;

const literals = (text: string) =>
  [...text.matchAll(/'((?:[^']|'')*)'/g)].map((m) => (m[1] ?? "").replaceAll("''", "'"));

/** One question per VALUES row of the seed: (role, question, type, level, ARRAY[keywords], sample, criteria, limit). */
export function parseBank(sql: string): BankQuestion[] {
  const out: BankQuestion[] = [];
  for (const line of sql.split("\n")) {
    const array = /ARRAY\[(.*?)\]/.exec(line);
    const criteriaAt = line.lastIndexOf("'::jsonb");
    if (!array || criteriaAt < 0) continue;
    const before = literals(line.slice(0, array.index));
    const after = literals(line.slice(array.index + array[0].length));
    try {
      const criteria = JSON.parse(after[1] ?? "") as Record<string, unknown>;
      const keyPoints = Array.isArray(criteria.key_points) ? criteria.key_points.map(String) : [];
      out.push({
        question: before[1] ?? "",
        sampleAnswer: after[0] ?? "",
        keywords: literals(array[1] ?? ""),
        keyPoints,
        criteria: ["strong", "adequate", "weak"].map((k) => String(criteria[k] ?? "")),
      });
    } catch {
      // A row this parser does not understand only costs the statistics one document.
    }
  }
  return out.filter((q) => q.question && q.sampleAnswer);
}

export function buildCorpus(questions: BankQuestion[]): Corpus {
  const documents = questions.flatMap((q) => [
    q.question,
    q.sampleAnswer,
    [...q.criteria, ...q.keyPoints].join(". "),
  ]);
  const df = new Map<string, number>();
  for (const doc of documents) {
    for (const term of new Set(termList(analyze(doc)))) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const n = documents.length;
  // BM25's idf, which stays positive; a term the bank never uses weighs like one it used once.
  const weight = (count: number) => Math.log(1 + (n - count + 0.5) / (count + 0.5));
  const unseen = n > 0 ? weight(1) : 1;
  // Only full answers teach the grammar model: criteria are lists of fragments.
  const prose = questions.length > 0 ? questions.map((q) => q.sampleAnswer) : FALLBACK_PROSE;
  return {
    documents: n,
    idf: (term) => {
      const count = df.get(term);
      return count === undefined || n === 0 ? unseen : weight(count);
    },
    grammar: trainGrammar(prose.map((text) => analyze(text))),
    questions,
  };
}

export function defaultCorpus(): Corpus {
  if (corpus) return corpus;
  let questions: BankQuestion[] = [];
  try {
    questions = parseBank(readFileSync(BANK, "utf8"));
  } catch {
    questions = [];
  }
  corpus = buildCorpus(questions);
  return corpus;
}
