/** Two decimals: how every score, rate and measurement is stored and shown. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
