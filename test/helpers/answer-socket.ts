import WebSocket from "ws";

/** A client of the answer WebSocket: its messages, and a wait for the next one of a type. */
export interface Client {
  socket: WebSocket;
  messages: Record<string, unknown>[];
  next: (type: string, ms?: number) => Promise<Record<string, unknown>>;
}

export async function connect(url: string): Promise<Client> {
  const socket = new WebSocket(url);
  const messages: Record<string, unknown>[] = [];
  let wake: (() => void) | undefined;
  socket.on("message", (data) => {
    messages.push(JSON.parse(String(data)));
    wake?.();
  });
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  let seen = 0;
  const next = async (type: string, ms = 60_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const index = messages.findIndex((m, i) => i >= seen && (m.type === type || m.type === "error"));
      if (index >= 0) {
        seen = index + 1;
        const found = messages[index] as Record<string, unknown>;
        if (found.type === "error" && type !== "error")
          throw new Error(`stream error: ${JSON.stringify(found)}`);
        return found;
      }
      if (Date.now() > deadline) throw new Error(`no ${type} message; got ${JSON.stringify(messages)}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 100);
      });
    }
  };
  return { socket, messages, next };
}

export function frame(seq: number, samples: Int16Array): Buffer {
  const out = Buffer.alloc(4 + samples.byteLength);
  out.writeUInt32LE(seq, 0);
  Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength).copy(out, 4);
  return out;
}
