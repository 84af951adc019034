// Streaming sample-rate conversion to 16 kHz with a windowed-sinc low-pass (so 48 kHz speech does not
// alias), then float → signed 16-bit. Works for any input rate, chunk by chunk, with no gaps at the seams.

export const TARGET_RATE = 16_000;
const HALF_TAPS = 12;

export class Resampler {
  private readonly ratio: number;
  private readonly cutoff: number;
  private readonly width: number;
  /** Input not yet fully used, starting with `width` samples of look-back. */
  private pending: Float32Array;
  /** Where the next output sample falls, in input samples from the start of `pending`. */
  private position: number;

  constructor(
    readonly inputRate: number,
    readonly outputRate = TARGET_RATE,
  ) {
    this.ratio = inputRate / outputRate;
    this.cutoff = Math.min(1, outputRate / inputRate) * 0.94;
    this.width = Math.ceil(HALF_TAPS / this.cutoff);
    this.pending = new Float32Array(this.width);
    this.position = this.width;
  }

  /** Converts the next block of input; returns the output samples it completes. */
  push(input: Float32Array): Int16Array {
    if (this.inputRate === this.outputRate) return toInt16(input);
    const buffer = new Float32Array(this.pending.length + input.length);
    buffer.set(this.pending);
    buffer.set(input, this.pending.length);
    const out: number[] = [];
    while (this.position + this.width < buffer.length) {
      out.push(this.sampleAt(buffer, this.position));
      this.position += this.ratio;
    }
    const keepFrom = Math.max(0, Math.floor(this.position) - this.width);
    this.pending = buffer.slice(keepFrom);
    this.position -= keepFrom;
    return toInt16(out);
  }

  /** The tail: pads with silence so the last input samples come out too. */
  flush(): Int16Array {
    if (this.inputRate === this.outputRate) return new Int16Array(0);
    return this.push(new Float32Array(this.width + 1));
  }

  private sampleAt(buffer: Float32Array, t: number): number {
    const center = Math.floor(t);
    let sum = 0;
    let weight = 0;
    for (let k = center - this.width + 1; k <= center + this.width; k++) {
      const x = t - k;
      const h = this.kernel(x);
      sum += (buffer[k] ?? 0) * h;
      weight += h;
    }
    return weight === 0 ? 0 : sum / weight;
  }

  /** Blackman-windowed sinc at distance x (input samples). */
  private kernel(x: number): number {
    if (Math.abs(x) >= this.width) return 0;
    const arg = Math.PI * this.cutoff * x;
    const sinc = x === 0 ? 1 : Math.sin(arg) / arg;
    const n = x / this.width;
    const window = 0.42 + 0.5 * Math.cos(Math.PI * n) + 0.08 * Math.cos(2 * Math.PI * n);
    return sinc * window;
  }
}

export function toInt16(samples: ArrayLike<number>): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i] ?? 0));
    out[i] = s < 0 ? Math.round(s * 0x8000) : Math.round(s * 0x7fff);
  }
  return out;
}
