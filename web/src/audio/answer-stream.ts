import type { AnswerResponse } from "../api/types.ts";

/** Samples per frame: 250 ms at 16 kHz (the server writes each frame to disk before acknowledging it). */
const FRAME_SAMPLES = 4000;
const RECONNECT_DELAYS = [500, 1000, 2000, 4000, 8000];
const PING_MS = 20_000;

export type StreamState = "connecting" | "streaming" | "reconnecting" | "processing" | "done" | "failed";

export class StreamFailure extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** Worth retrying the same audio another way (an upload): the connection, not the answer, failed. */
    readonly transient: boolean,
  ) {
    super(message);
    this.name = "StreamFailure";
  }
}

export interface AnswerStreamOptions {
  sessionId: string;
  order: number;
  token: () => Promise<string | undefined>;
  onPartial?: (text: string) => void;
  onState?: (state: StreamState) => void;
}

/**
 * One spoken answer over the WebSocket protocol of docs/decisions/0013-voice.md. Every frame stays in memory
 * until the answer is scored, so a dropped connection resumes from the server's `next_seq` and, should the
 * socket not come back, the whole recording can still be uploaded as a WAV.
 */
export class AnswerStream {
  private readonly frames: Int16Array[] = [];
  private pending: Int16Array[] = [];
  private pendingLength = 0;
  private socket: WebSocket | undefined;
  private ready = false;
  private ended = false;
  private settled = false;
  private failures = 0;
  private refreshedAuth = false;
  private lastError: { code: string; message: string } | undefined;
  private ping: number | undefined;
  private retry: number | undefined;
  private resolve!: (response: AnswerResponse) => void;
  private reject!: (error: StreamFailure) => void;
  acked = -1;
  /** Resolves with the scored (or failed, or waiting-for-transcript) answer; rejects with a StreamFailure. */
  readonly result: Promise<AnswerResponse>;

  constructor(private readonly options: AnswerStreamOptions) {
    this.result = new Promise<AnswerResponse>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Nobody may be awaiting yet; failures are handled where the result is awaited.
    this.result.catch(() => {});
  }

  start(): void {
    void this.connect();
  }

  /** Adds recorded PCM; sent in frames of 250 ms. */
  push(pcm: Int16Array): void {
    this.pending.push(pcm);
    this.pendingLength += pcm.length;
    while (this.pendingLength >= FRAME_SAMPLES) this.cutFrame(FRAME_SAMPLES);
  }

  /** The answer is over: sends the rest and asks for the score. */
  end(): void {
    if (this.pendingLength > 0) this.cutFrame(this.pendingLength);
    this.ended = true;
    if (this.ready) this.send(JSON.stringify({ type: "end" }));
  }

  /** All the audio recorded so far (for the WAV fallback). */
  audio(): Int16Array[] {
    return [...this.frames, ...this.pending];
  }

  abort(): void {
    this.settled = true;
    this.cleanup();
    this.socket?.close(1000);
  }

  private cutFrame(size: number): void {
    const frame = new Int16Array(size);
    let filled = 0;
    while (filled < size) {
      const head = this.pending[0];
      if (!head) break;
      const take = Math.min(head.length, size - filled);
      frame.set(head.subarray(0, take), filled);
      filled += take;
      if (take === head.length) this.pending.shift();
      else this.pending[0] = head.subarray(take);
    }
    this.pendingLength -= filled;
    const seq = this.frames.length;
    this.frames.push(frame);
    if (this.ready) this.sendFrame(seq);
  }

  private sendFrame(seq: number): void {
    const frame = this.frames[seq];
    if (!frame) return;
    const buffer = new ArrayBuffer(4 + frame.byteLength);
    new DataView(buffer).setUint32(0, seq, true);
    new Int16Array(buffer, 4).set(frame);
    this.send(buffer);
  }

  private send(data: string | ArrayBuffer): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(data);
  }

  private async connect(): Promise<void> {
    if (this.settled) return;
    this.options.onState?.(this.failures === 0 ? "connecting" : "reconnecting");
    const token = await this.options.token().catch(() => undefined);
    if (!token)
      return this.fail(new StreamFailure("Your session has ended. Sign in again.", "unauthorized", false));
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const path = `/api/interviews/${this.options.sessionId}/answers/${this.options.order}/stream`;
    const socket = new WebSocket(
      `${scheme}://${window.location.host}${path}?access_token=${encodeURIComponent(token)}`,
    );
    socket.binaryType = "arraybuffer";
    this.socket = socket;
    this.ready = false;
    socket.onmessage = (event) => {
      if (typeof event.data === "string") this.onMessage(event.data);
    };
    socket.onclose = (event) => this.onClose(event.code);
  }

  private onMessage(text: string): void {
    let message: {
      type?: string;
      next_seq?: number;
      seq?: number;
      text?: string;
      response?: AnswerResponse;
      code?: string;
      message?: string;
      details?: { next_seq?: number };
    };
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    switch (message.type) {
      case "ready": {
        this.ready = true;
        this.failures = 0;
        this.options.onState?.(this.ended ? "processing" : "streaming");
        const from = message.next_seq ?? 0;
        this.acked = Math.max(this.acked, from - 1);
        for (let seq = from; seq < this.frames.length; seq++) this.sendFrame(seq);
        if (this.ended) this.send(JSON.stringify({ type: "end" }));
        window.clearInterval(this.ping);
        this.ping = window.setInterval(() => this.send(JSON.stringify({ type: "ping" })), PING_MS);
        break;
      }
      case "ack":
        this.acked = Math.max(this.acked, message.seq ?? -1);
        break;
      case "partial":
        if (message.text) this.options.onPartial?.(message.text);
        break;
      case "processing":
        this.options.onState?.("processing");
        break;
      case "scored":
        if (message.response) {
          this.settled = true;
          this.cleanup();
          this.options.onState?.("done");
          this.resolve(message.response);
        }
        break;
      case "error": {
        const resendFrom = message.details?.next_seq;
        if (typeof resendFrom === "number") {
          for (let seq = resendFrom; seq < this.frames.length; seq++) this.sendFrame(seq);
          if (this.ended) this.send(JSON.stringify({ type: "end" }));
          break;
        }
        this.lastError = {
          code: message.code ?? "error",
          message: message.message ?? "The answer could not be sent.",
        };
        break;
      }
    }
  }

  private onClose(code: number): void {
    this.ready = false;
    window.clearInterval(this.ping);
    if (this.settled) return;
    // 4000 + HTTP status: the server refused the answer itself; retrying the same way will not help.
    if (code >= 4000 && code < 5000) {
      const status = code - 4000;
      if (status === 401 && !this.refreshedAuth) {
        this.refreshedAuth = true;
        void this.connect();
        return;
      }
      const error = this.lastError ?? { code: `http_${status}`, message: "The server refused this answer." };
      this.fail(new StreamFailure(error.message, error.code, false));
      return;
    }
    if (this.failures >= RECONNECT_DELAYS.length) {
      this.fail(
        new StreamFailure("The connection to the server was lost.", this.lastError?.code ?? "network", true),
      );
      return;
    }
    const delay = RECONNECT_DELAYS[this.failures] ?? 8000;
    this.failures += 1;
    this.options.onState?.("reconnecting");
    this.retry = window.setTimeout(() => void this.connect(), delay);
  }

  private fail(error: StreamFailure): void {
    if (this.settled) return;
    this.settled = true;
    this.cleanup();
    this.options.onState?.("failed");
    this.reject(error);
  }

  private cleanup(): void {
    window.clearInterval(this.ping);
    window.clearTimeout(this.retry);
  }
}
