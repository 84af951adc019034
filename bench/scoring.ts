// npm run bench:scoring — how well the answer scorer agrees with human grades over
// test/fixtures/scoring/graded-answers.jsonl (the labelled set, used while building the scorer) and
// test/fixtures/scoring/held-out.jsonl (graded independently, never used to tune it), and how long it
// takes, measured in one run. With AI_PROVIDER=gemini|openai configured, the model is measured as well.
// Goals: Pearson r ≥ 0.6 between response_score and grade; median ≤ 50 ms per answer (built-in).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { wordOverlap } from "../scripts/scoring/ridge.ts";
import { reviewAnswer } from "../src/ai/answer-review.ts";
import { reviewProvider } from "../src/ai/providers/index.ts";
import { type AnswerLine, answerLineSchema, toScoringInput } from "../src/cli/score.ts";
import { loadConfig } from "../src/config.ts";
import { scoreBuiltin } from "../src/interviews/scoring/builtin.ts";
import { mergeModelReview } from "../src/interviews/scoring/score.ts";
import type { ScoringInput, ScoringResult } from "../src/interviews/scoring/types.ts";

const FILE = path.resolve(import.meta.dirname, "../test/fixtures/scoring/graded-answers.jsonl");
const HELD_OUT = path.resolve(import.meta.dirname, "../test/fixtures/scoring/held-out.jsonl");

interface Graded {
  line: AnswerLine;
  quality: string;
  grade: number;
}

/** A scorer backed by a model provider, scored on the same answers as the built-in one. */
export interface ProviderScorer {
  name: string;
  score(input: ScoringInput): Promise<ScoringResult>;
}

/** The configured model (AI_PROVIDER with its keys, from the environment), scored as the server would. */
export async function providerScorers(): Promise<ProviderScorer[]> {
  const config = loadConfig(process.env);
  const model = await reviewProvider(config.ai, 60_000);
  if (!model) return [];
  return [
    {
      name: model.endpoint,
      async score(input) {
        const { review } = await reviewAnswer(model, input, AbortSignal.timeout(60_000));
        return mergeModelReview(scoreBuiltin(input), review, model.endpoint);
      },
    },
  ];
}

function load(file: string): Graded[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const json = JSON.parse(l) as { quality?: string; grade: number };
      const band = json.grade >= 7 ? "graded 7–10" : json.grade >= 4 ? "graded 4–6.9" : "graded 0–3.9";
      return { line: answerLineSchema.parse(json), quality: json.quality ?? band, grade: json.grade };
    });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);

function pearson(xs: number[], ys: number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const y = ys[i] as number;
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  });
  return sxx === 0 || syy === 0 ? Number.NaN : sxy / Math.sqrt(sxx * syy);
}

/** Ranks with ties sharing their mean rank. */
function ranks(xs: number[]): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
  const out = new Array<number>(xs.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.x === order[start]?.x) end++;
    for (let k = start; k <= end; k++) out[(order[k] as { i: number }).i] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return out;
}

const spearman = (xs: number[], ys: number[]) => pearson(ranks(xs), ranks(ys));

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function report(name: string, data: Graded[], scores: number[]): void {
  const grades = data.map((d) => d.grade);
  console.log(`\n${name}: n=${data.length}`);
  console.log(`  Pearson r  ${pearson(scores, grades).toFixed(3)}  (goal ≥ 0.6)`);
  console.log(`  Spearman ρ ${spearman(scores, grades).toFixed(3)}`);
  console.log("  per quality          n   mean score   mean grade");
  const qualities = [...new Set(data.map((d) => d.quality))];
  for (const quality of qualities) {
    const idx = data.flatMap((d, i) => (d.quality === quality ? [i] : []));
    const s = mean(idx.map((i) => scores[i] as number)).toFixed(2);
    const g = mean(idx.map((i) => grades[i] as number)).toFixed(2);
    console.log(
      `    ${quality.padEnd(16)} ${String(idx.length).padStart(3)}   ${s.padStart(10)}   ${g.padStart(10)}`,
    );
  }
  console.log("  per question type    n   Pearson r");
  for (const type of ["technical", "behavioral", "situational", "general"]) {
    const idx = data.flatMap((d, i) => (d.line.question_type === type ? [i] : []));
    if (idx.length === 0) continue;
    const r = pearson(
      idx.map((i) => scores[i] as number),
      idx.map((i) => grades[i] as number),
    );
    console.log(`    ${type.padEnd(16)} ${String(idx.length).padStart(3)}   ${r.toFixed(3)}`);
  }
}

const data = load(FILE);
const heldOut = load(HELD_OUT);
// The first call loads the language model and builds the corpus statistics; time it apart.
const warmStart = performance.now();
scoreBuiltin(toScoringInput(data[0]?.line as AnswerLine));
const warmUp = performance.now() - warmStart;
const times: number[] = [];
const builtin = data.map((d) => {
  const started = performance.now();
  const result = scoreBuiltin(toScoringInput(d.line));
  times.push(performance.now() - started);
  return result.response_score;
});
console.log(`Graded answers: ${data.length} in ${path.relative(process.cwd(), FILE)}`);
report("built-in scorer", data, builtin);
console.log(
  `  time per answer: median ${quantile(times, 0.5).toFixed(2)} ms, p95 ${quantile(times, 0.95).toFixed(2)} ms (goal: median ≤ 50 ms); first call ${warmUp.toFixed(0)} ms`,
);

report(
  `built-in scorer on the held-out set (${path.relative(process.cwd(), HELD_OUT)})`,
  heldOut,
  heldOut.map((d) => scoreBuiltin(toScoringInput(d.line)).response_score),
);

// Real human grades: the UNT short-answer dev set (Mohler et al. 2011), or another file in its format
// (SCORING_DEV_FILE). Our own graded sets above measure our assumptions; this measures agreement.
const DEV =
  process.env.SCORING_DEV_FILE ??
  path.resolve(import.meta.dirname, "../../shared/data/short-answers-dev.jsonl");
interface DevRow {
  question: string;
  sample_answer: string;
  answer: string;
  grade_0_5: number;
}
if (existsSync(DEV)) {
  const rows = readFileSync(DEV, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as DevRow);
  const devTimes: number[] = [];
  const results = rows.map((r) => {
    const started = performance.now();
    const out = scoreBuiltin({
      question: r.question,
      questionType: "technical",
      sampleAnswer: r.sample_answer,
      answer: r.answer,
    });
    devTimes.push(performance.now() - started);
    return out;
  });
  const grades = rows.map((r) => r.grade_0_5);
  const naive = pearson(rows.map(wordOverlap), grades);
  const tech = pearson(
    results.map((r) => r.technical_accuracy),
    grades,
  );
  console.log(`\nreal human grades: ${rows.length} answers in ${path.relative(process.cwd(), DEV)}`);
  console.log(
    `  shipped scorer (weights fitted on this file, so in-sample): technical_accuracy r ${tech.toFixed(3)} (${(tech / naive).toFixed(2)}× word overlap), response_score r ${pearson(
      results.map((r) => r.response_score),
      grades,
    ).toFixed(3)}; word overlap r ${naive.toFixed(3)}`,
  );
  console.log(
    `  time per answer: median ${quantile(devTimes, 0.5).toFixed(2)} ms, p95 ${quantile(devTimes, 0.95).toFixed(2)} ms (goal: median ≤ 20 ms)`,
  );
  console.log(
    "  cross-validated by question (the figure to quote), from scripts/scoring/fit-correctness.ts:",
  );
  const cv = execFileSync(
    process.execPath,
    ["--import", "tsx", path.resolve(import.meta.dirname, "../scripts/scoring/fit-correctness.ts"), DEV],
    { encoding: "utf8" },
  );
  for (const line of cv.split("\n").filter((l) => /^fold|answers to|grade scale/.test(l)))
    console.log(`    ${line}`);
  // A configured model on the same answers, with the built-in gates as its floor (as the server scores).
  for (const provider of await providerScorers()) {
    const scores: number[] = [];
    for (const r of rows)
      scores.push(
        (
          await provider.score({
            question: r.question,
            questionType: "technical",
            sampleAnswer: r.sample_answer,
            answer: r.answer,
          })
        ).technical_accuracy,
      );
    const rModel = pearson(scores, grades);
    console.log(
      `  ${provider.name}: technical_accuracy r ${rModel.toFixed(3)} (${(rModel / naive).toFixed(2)}× word overlap)`,
    );
  }
} else console.log(`\nreal human grades: ${DEV} not found (set SCORING_DEV_FILE); agreement not measured`);

for (const provider of await providerScorers()) {
  for (const [name, set] of [
    ["labelled set", data],
    ["held-out set", heldOut],
  ] as const) {
    const scores: number[] = [];
    for (const d of set) scores.push((await provider.score(toScoringInput(d.line))).response_score);
    report(`${provider.name} on the ${name}`, set, scores);
  }
}
