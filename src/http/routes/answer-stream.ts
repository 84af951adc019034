import websocket from "@fastify/websocket";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import type { AnswerStream, AnswerStreams } from "../../interviews/answer-streams.ts";
import { SAMPLE_RATE } from "../../speech/types.ts";
import { toAppError } from "../plugins/errors.ts";

/** Reconnect window: a stream left without its client this long is dropped with its audio. */
const ABANDON_AFTER_MS = 15 * 60_000;

/**
 * Speaking an answer live over a WebSocket (docs/decisions/0013-voice.md):
 *   client → binary frames: uint32 LE sequence number, then 16 kHz mono s16le PCM;  text {"type":"end"}
 *   server → {"type":"ready","next_seq"} · {"type":"ack","seq"} · {"type":"partial","text"} ·
 *            {"type":"scored","response"} · {"type":"error","code","message","details"}
 * A client that lost its connection reconnects and continues from next_seq; the audio already acknowledged
 * is kept. An answer is scored once: ending again, or connecting after it was scored, returns that result.
 */
export const answerStreamRoutes: FastifyPluginAsyncZod<{ streams: AnswerStreams }> = async (
  app,
  { streams },
) => {
  await app.register(websocket, { options: { maxPayload: 1024 * 1024 } });
  const timers = new Map<string, NodeJS.Timeout>();
  app.addHook("onClose", async () => {
    for (const timer of timers.values()) clearTimeout(timer);
  });

  app.get(
    "/api/interviews/:id/answers/:order/stream",
    {
      websocket: true,
      schema: {
        summary: "Stream a spoken answer as 16 kHz PCM over a WebSocket (?access_token=); live captions back",
        tags: ["interviews"],
        params: z.object({ id: z.uuid(), order: z.coerce.number().int().min(1) }),
      },
    },
    async (socket, request) => {
      const send = (message: Record<string, unknown>) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
      };
      const fail = (error: unknown, close: boolean) => {
        const app = toAppError(error);
        if (app.status >= 500) request.log.error({ err: error }, "answer stream failed");
        send({ type: "error", code: app.code, message: app.message, details: app.details });
        if (close) socket.close(app.status >= 500 ? 1011 : 4000 + app.status);
      };
      // Take messages from the first moment, in order, even while the stream is being attached.
      let chain: Promise<unknown> = Promise.resolve();
      const queue = (work: () => Promise<void>) => {
        chain = chain.then(work, work);
      };
      let stream: AnswerStream | undefined;
      socket.on("message", (data: Buffer, isBinary: boolean) =>
        queue(async () => {
          if (!stream) return;
          try {
            if (isBinary) await onChunk(stream, data);
            else await onText(stream, data.toString("utf8"));
          } catch (error) {
            fail(error, !(error instanceof AppError && error.code === "bad_request"));
          }
        }),
      );
      const caller = request.caller;
      if (caller?.kind !== "user") {
        fail(new AppError("unauthorized", "Sign in to continue: pass ?access_token=."), true);
        return;
      }
      const { id, order } = request.params;
      queue(async () => {
        try {
          const attached = await streams.attach(caller, id, order);
          if ("done" in attached) {
            send({ type: "scored", response: attached.done });
            socket.close(1000);
            return;
          }
          stream = attached;
          clearTimeout(timers.get(stream.key));
          timers.delete(stream.key);
          // The client left while the stream was being attached: it may still come back.
          if (socket.readyState !== socket.OPEN) return leave(stream);
          stream.onPartial = captions;
          send({ type: "ready", next_seq: stream.nextSeq, sample_rate: SAMPLE_RATE });
        } catch (error) {
          fail(error, true);
        }
      });
      const captions = (text: string) => send({ type: "partial", text });
      /** This socket is gone: its captions stop, and the stream waits for the client to come back. */
      function leave(open: AnswerStream) {
        if (open.onPartial === captions) open.onPartial = undefined;
        clearTimeout(timers.get(open.key));
        const timer = setTimeout(() => {
          timers.delete(open.key);
          void streams.abandon(open);
        }, ABANDON_AFTER_MS);
        timer.unref();
        timers.set(open.key, timer);
      }
      socket.on("close", () => {
        if (stream) leave(stream);
      });

      async function onChunk(open: AnswerStream, data: Buffer) {
        if (data.length < 4 || (data.length - 4) % 2 !== 0)
          throw new AppError(
            "bad_request",
            "A chunk is a 4-byte sequence number followed by 16-bit samples.",
          );
        const seq = data.readUInt32LE(0);
        const bytes = new Uint8Array(data.length - 4);
        bytes.set(data.subarray(4));
        await open.append(seq, new Int16Array(bytes.buffer));
        send({ type: "ack", seq });
      }

      async function onText(open: AnswerStream, text: string) {
        const message = parse(text);
        if (message?.type === "end") {
          send({ type: "processing" });
          if (caller?.kind !== "user") return;
          const response = await streams.end(caller, open);
          clearTimeout(timers.get(open.key));
          timers.delete(open.key);
          send({ type: "scored", response });
          socket.close(1000);
          return;
        }
        if (message?.type === "ping") return send({ type: "pong" });
        throw new AppError("bad_request", 'Text messages are {"type":"end"} or {"type":"ping"}.');
      }
    },
  );
};

function parse(text: string): { type?: string } | undefined {
  try {
    return JSON.parse(text) as { type?: string };
  } catch {
    return undefined;
  }
}
