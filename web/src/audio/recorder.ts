import workletUrl from "./pcm-worklet.ts?worker&url";
import { Resampler } from "./resampler.ts";

export interface RecorderEvents {
  /** Peak input level 0–1, about 20 times a second, whether recording or only monitoring. */
  onLevel?: (peak: number) => void;
  /** 16 kHz mono PCM, while recording. */
  onPcm?: (pcm: Int16Array) => void;
  /** The microphone went away (unplugged, permission revoked). */
  onEnded?: () => void;
}

/**
 * The microphone through an AudioWorklet: monitors the level as soon as it is open, and while recording
 * converts what it hears from the context's rate to 16 kHz mono 16-bit PCM.
 */
export class Recorder {
  private context: AudioContext | undefined;
  private stream: MediaStream | undefined;
  private resampler: Resampler | undefined;
  private recording = false;

  constructor(private readonly events: RecorderEvents) {}

  get isOpen(): boolean {
    return this.context !== undefined;
  }

  /** Opens the microphone (asking for permission when needed); throws getUserMedia's error. */
  async open(deviceId?: string): Promise<void> {
    await this.close();
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: {
        deviceId: deviceId ? { exact: deviceId } : undefined,
        channelCount: 1,
        echoCancellation: true,
        noiseSuppression: true,
        autoGainControl: true,
      },
    });
    const context = new AudioContext();
    try {
      await context.audioWorklet.addModule(workletUrl);
      const source = context.createMediaStreamSource(stream);
      const node = new AudioWorkletNode(context, "pcm-capture", { numberOfInputs: 1, numberOfOutputs: 1 });
      // Through a silent gain to the output, so every browser keeps pulling audio through the worklet.
      const mute = context.createGain();
      mute.gain.value = 0;
      source.connect(node).connect(mute).connect(context.destination);
      node.port.onmessage = (message: MessageEvent<{ samples: Float32Array; peak: number }>) => {
        this.events.onLevel?.(message.data.peak);
        if (this.recording && this.resampler) {
          const pcm = this.resampler.push(message.data.samples);
          if (pcm.length > 0) this.events.onPcm?.(pcm);
        }
      };
      for (const track of stream.getAudioTracks())
        track.addEventListener("ended", () => this.events.onEnded?.());
      if (context.state === "suspended") await context.resume();
    } catch (error) {
      for (const track of stream.getTracks()) track.stop();
      await context.close().catch(() => {});
      throw error;
    }
    this.stream = stream;
    this.context = context;
  }

  /** Starts converting and handing out PCM (the microphone must be open). */
  start(): void {
    if (!this.context) throw new Error("The microphone is not open.");
    this.resampler = new Resampler(this.context.sampleRate);
    this.recording = true;
  }

  /** Stops recording and hands out the last samples; the microphone stays open for the level meter. */
  stop(): void {
    if (!this.recording) return;
    this.recording = false;
    const tail = this.resampler?.flush();
    if (tail && tail.length > 0) this.events.onPcm?.(tail);
    this.resampler = undefined;
  }

  async close(): Promise<void> {
    this.recording = false;
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = undefined;
    const context = this.context;
    this.context = undefined;
    await context?.close().catch(() => {});
  }
}
