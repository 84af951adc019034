/**
 * Token buckets per key (an IP and an endpoint group): `capacity` requests at once, refilled at
 * `perWindow` per `windowSeconds`. In memory, per process — the same trade-off GoTrue makes.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updated: number }>();

  constructor(
    private readonly perWindow: number,
    private readonly windowSeconds: number,
    private readonly capacity: number = perWindow,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token; false when the key has none left. */
  take(key: string): boolean {
    const bucket = this.refill(key);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Whether a token is available, without taking it. */
  peek(key: string): boolean {
    return this.refill(key).tokens >= 1;
  }

  private refill(key: string) {
    const now = this.now();
    const ratePerMs = this.perWindow / (this.windowSeconds * 1000);
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, updated: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.updated) * ratePerMs);
    bucket.updated = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 100_000) this.prune(now, ratePerMs);
    return bucket;
  }

  private prune(now: number, ratePerMs: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updated) * ratePerMs >= this.capacity) this.buckets.delete(key);
    }
  }
}
