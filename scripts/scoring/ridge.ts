/** Ridge regression on standardized features, Pearson's r and the word-overlap baseline: what the
 * correctness weights are fitted and judged with (scripts/scoring/fit-correctness.ts, bench/scoring.ts). */
export interface RidgeModel {
  intercept: number;
  /** Weights on the raw (unstandardized) features. */
  weights: number[];
}

export function pearson(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]?.[c] ?? 0) > Math.abs(m[pivot]?.[c] ?? 0)) pivot = r;
    [m[c], m[pivot]] = [m[pivot] ?? [], m[c] ?? []];
    const row = m[c] ?? [];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const other = m[r] ?? [];
      const f = (other[c] ?? 0) / (row[c] ?? 1);
      for (let k = c; k <= n; k++) other[k] = (other[k] ?? 0) - f * (row[k] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

export function fitRidge(x: number[][], y: number[], lambda: number): RidgeModel {
  const n = x.length;
  const k = x[0]?.length ?? 0;
  const mean = Array.from({ length: k }, (_, j) => x.reduce((s, row) => s + (row[j] ?? 0), 0) / n);
  const sd = mean.map((m, j) => Math.sqrt(x.reduce((s, row) => s + ((row[j] ?? 0) - m) ** 2, 0) / n) || 1);
  const z = x.map((row) => row.map((v, j) => (v - (mean[j] ?? 0)) / (sd[j] ?? 1)));
  const my = y.reduce((a, b) => a + b, 0) / n;
  const xtx = Array.from({ length: k }, (_, i) =>
    Array.from(
      { length: k },
      (_, j) => z.reduce((s, row) => s + (row[i] ?? 0) * (row[j] ?? 0), 0) + (i === j ? lambda * n : 0),
    ),
  );
  const xty = Array.from({ length: k }, (_, i) =>
    z.reduce((s, row, r) => s + (row[i] ?? 0) * ((y[r] ?? 0) - my), 0),
  );
  const beta = solve(xtx, xty);
  const weights = beta.map((b, j) => b / (sd[j] ?? 1));
  return { intercept: my - weights.reduce((s, w, j) => s + w * (mean[j] ?? 0), 0), weights };
}

export const predict = (model: RidgeModel, row: number[]): number =>
  model.intercept + model.weights.reduce((s, w, j) => s + w * (row[j] ?? 0), 0);

const wordSet = (s: string) => new Set(s.toLowerCase().match(/[a-z0-9]+/g) ?? []);

/** The before-stop hook's baseline: the share of the reference's words the answer repeats. */
export function wordOverlap(row: { sample_answer: string; answer: string }): number {
  const ref = wordSet(row.sample_answer);
  const ans = wordSet(row.answer);
  return [...ref].filter((w) => ans.has(w)).length / Math.max(1, ref.size);
}
