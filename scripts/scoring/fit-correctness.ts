// Fits technical_accuracy's weights on real human grades, with cross-validation by question.
//   npx tsx scripts/scoring/fit-correctness.ts [FILE.jsonl] [--write]
// FILE: JSON lines {question_id, question, sample_answer, answer, grade_0_5} (default: the UNT short-answer
// dev set, ../shared/data/short-answers-dev.jsonl). Prints, for 5 leave-questions-out folds, the r of the
// model fitted on the other folds (ridge, its lambda chosen by an inner leave-questions-out CV on those
// folds only) beside word overlap's r on the same answers. --write stores the model fitted on all of FILE
// in src/interviews/scoring/builtin/correctness-weights.json.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { floorFor, SIGNALS } from "../../src/interviews/scoring/builtin/correctness.ts";
import { measure } from "../../src/interviews/scoring/builtin/measure.ts";
import { technicalCap } from "../../src/interviews/scoring/builtin/scores.ts";
import { fitRidge, pearson, predict, wordOverlap } from "./ridge.ts";

interface Row {
  question_id: string;
  question: string;
  sample_answer: string;
  answer: string;
  grade_0_5: number;
}

const FOLDS = 5;
const LAMBDAS = [0.001, 0.01, 0.03, 0.1, 0.3, 1];
const args = process.argv.slice(2);
const file =
  args.find((a) => !a.startsWith("--")) ??
  path.resolve(import.meta.dirname, "../../../shared/data/short-answers-dev.jsonl");
const rows = readFileSync(file, "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l) as Row);

const started = Date.now();
// Measured as the scorer measures them (same analysis, same gates). Answers a gate caps are scored
// capped; non-answers ("not answered") are gated to 0 before any weight applies, so they are not fitted on.
const measured = rows.map((r) =>
  measure({
    question: r.question,
    questionType: "technical",
    sampleAnswer: r.sample_answer,
    answer: r.answer,
  }),
);
const caps = measured.map((m) => technicalCap(m.gates.gates)?.cap ?? 10);
const gated = measured.map((m) => m.gates.gates.empty);
const x = measured.map((m) => SIGNALS.map((s) => m.correctness.signals[s]));
const y = rows.map((r) => r.grade_0_5);
const questions = [...new Set(rows.map((r) => r.question_id))].sort();
const foldOf = new Map(questions.map((q, i) => [q, i % FOLDS]));
const fold = rows.map((r) => foldOf.get(r.question_id) ?? 0);
console.log(
  `${rows.length} answers to ${questions.length} questions (${gated.filter(Boolean).length} non-answers, ${caps.filter((c) => c < 10).length} capped by a gate); signals in ${Date.now() - started} ms`,
);

const pick = <T>(xs: T[], keep: (i: number) => boolean) => xs.filter((_, i) => keep(i));

/** technical_accuracy as shipped: 0 for a non-answer, else the prediction stretched from the floor. */
const shipped = (grade: number, floor: number) =>
  Math.min(10, Math.max(0, (10 * (grade - floor)) / (5 - floor)));

/** Lambda with the best mean r over leave-one-fold-out on the given rows' own folds. */
function chooseLambda(keep: (i: number) => boolean): number {
  const inner = [...new Set(pick(fold, keep))];
  let best = { lambda: LAMBDAS[0] ?? 1, r: -2 };
  for (const lambda of LAMBDAS) {
    const rs = inner.map((f) => {
      const fitOn = (i: number) => keep(i) && fold[i] !== f && !gated[i];
      const model = fitRidge(pick(x, fitOn), pick(y, fitOn), lambda);
      const test = (i: number) => keep(i) && fold[i] === f;
      return pearson(
        pick(x, test).map((row, k) => (pick(gated, test)[k] ? 0 : predict(model, row))),
        pick(y, test),
      );
    });
    const r = rs.reduce((a, b) => a + b, 0) / rs.length;
    if (r > best.r) best = { lambda, r };
  }
  return best.lambda;
}

const out = new Array<number>(rows.length).fill(0);
const perFold: { fold: number; r: number; raw: number; overlap: number; lambda: number }[] = [];
for (let f = 0; f < FOLDS; f++) {
  const train = (i: number) => fold[i] !== f;
  const lambda = chooseLambda(train);
  const fitOn = (i: number) => train(i) && !gated[i];
  const model = fitRidge(pick(x, fitOn), pick(y, fitOn), lambda);
  const test = (i: number) => fold[i] === f;
  const floor = floorFor(model.intercept);
  const raw = pick(x, test).map((row, k) => (pick(gated, test)[k] ? 0 : predict(model, row)));
  const testCaps = pick(caps, test);
  const predicted = raw.map((grade, k) => Math.min(testCaps[k] ?? 10, shipped(grade, floor)));
  pick(
    rows.map((_, i) => i),
    test,
  ).forEach((i, k) => {
    out[i] = predicted[k] ?? 0;
  });
  perFold.push({
    fold: f,
    lambda,
    r: pearson(predicted, pick(y, test)),
    raw: pearson(raw, pick(y, test)),
    overlap: pearson(pick(rows, test).map(wordOverlap), pick(y, test)),
  });
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
for (const p of perFold)
  console.log(
    `fold ${p.fold}: r ${p.r.toFixed(3)} (on the 0-5 grade scale ${p.raw.toFixed(3)}; word overlap ${p.overlap.toFixed(3)}), lambda ${p.lambda}`,
  );
const foldR = mean(perFold.map((p) => p.r));
console.log(
  `on the 0-5 grade scale, before the 0-10 stretch: fold-averaged r ${mean(perFold.map((p) => p.raw)).toFixed(3)}`,
);
const foldOverlap = mean(perFold.map((p) => p.overlap));
console.log(
  `fold-averaged r ${foldR.toFixed(3)} vs word overlap ${foldOverlap.toFixed(3)} (${(foldR / foldOverlap).toFixed(2)}×); pooled out-of-fold r ${pearson(out, y).toFixed(3)}`,
);
for (const [j, s] of SIGNALS.entries())
  console.log(
    `  ${s}: r ${pearson(
      x.map((row) => row[j] ?? 0),
      y,
    ).toFixed(3)}`,
  );

if (args.includes("--write")) {
  const lambda = chooseLambda(() => true);
  const model = fitRidge(
    pick(x, (i) => !gated[i]),
    pick(y, (i) => !gated[i]),
    lambda,
  );
  const target = path.resolve(
    import.meta.dirname,
    "../../src/interviews/scoring/builtin/correctness-weights.json",
  );
  const weights = Object.fromEntries(SIGNALS.map((s, j) => [s, Number((model.weights[j] ?? 0).toFixed(6))]));
  const json = {
    why: "Ridge weights predicting a 0-5 grade from the correctness signals, fitted on real human grades by scripts/scoring/fit-correctness.ts (ADR 0015).",
    fitted_on: `${path.basename(file)}: ${rows.length} answers, ${questions.length} questions`,
    lambda,
    cross_validated_r: Number(foldR.toFixed(3)),
    cross_validated_r_grade_scale: Number(mean(perFold.map((p) => p.raw)).toFixed(3)),
    word_overlap_r: Number(foldOverlap.toFixed(3)),
    intercept: Number(model.intercept.toFixed(6)),
    weights,
  };
  writeFileSync(target, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`wrote ${target}`);
}
if (args.includes("--worst")) {
  const order = rows
    .map((_, i) => i)
    .sort((a, b) => Math.abs((out[b] ?? 0) - (y[b] ?? 0)) - Math.abs((out[a] ?? 0) - (y[a] ?? 0)));
  for (const i of order.slice(0, 30)) {
    const r = rows[i];
    if (r)
      console.log(
        `${r.grade_0_5} vs ${(out[i] ?? 0).toFixed(2)} | Q ${r.question} | R ${r.sample_answer} | A ${r.answer}`,
      );
  }
}
