// The audio worklet: runs on the audio thread, mixes the microphone to mono and hands the main thread
// blocks of about 50 ms at the context's own sample rate, with their peak level for the meter.

declare const sampleRate: number;
declare function registerProcessor(name: string, processor: new () => unknown): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}

class PcmCapture extends AudioWorkletProcessor {
  private readonly size = Math.max(128, Math.round(sampleRate * 0.05));
  private buffer = new Float32Array(this.size);
  private filled = 0;
  private peak = 0;

  process(inputs: Float32Array[][]): boolean {
    const channels = inputs[0];
    const first = channels?.[0];
    if (!channels || !first) return true;
    const count = channels.length;
    for (let i = 0; i < first.length; i++) {
      let sum = 0;
      for (let c = 0; c < count; c++) sum += channels[c]?.[i] ?? 0;
      const sample = sum / count;
      const magnitude = Math.abs(sample);
      if (magnitude > this.peak) this.peak = magnitude;
      this.buffer[this.filled++] = sample;
      if (this.filled === this.size) this.flush();
    }
    return true;
  }

  private flush(): void {
    const samples = this.buffer;
    this.port.postMessage({ samples, peak: this.peak }, [samples.buffer]);
    this.buffer = new Float32Array(this.size);
    this.filled = 0;
    this.peak = 0;
  }
}

registerProcessor("pcm-capture", PcmCapture);
