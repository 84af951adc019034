import { appendFile, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnswerStream, type StreamDependencies } from "../src/interviews/answer-streams.ts";
import { createLogger } from "../src/logger.ts";

// The audio of an answer being spoken: each acknowledged chunk stored once, whatever the sockets do, and
// exactly what was acknowledged restored after a restart.

let directory: string;
let deps: StreamDependencies;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "rehearse-stream-state-"));
  deps = {
    voice: undefined as never,
    stt: undefined,
    captionsAreFinal: true,
    directory,
    log: createLogger({ logLevel: "silent" }),
  };
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const chunk = (value: number) => new Int16Array(1600).fill(value);

describe("an answer stream", () => {
  it("stores a chunk sent twice at once (an old and a new socket) only once", async () => {
    const stream = new AnswerStream(deps, "user-1", "session-a", 1, 16_000 * 60);
    await Promise.all([stream.append(0, chunk(1)), stream.append(0, chunk(1)), stream.append(1, chunk(2))]);
    expect(stream.nextSeq).toBe(2);
    expect((await stat(path.join(directory, "session-a-1.pcm"))).size).toBe(2 * 1600 * 2);
  });

  it("refuses a gap with the chunk to resend, and audio past the limit", async () => {
    const stream = new AnswerStream(deps, "user-1", "session-b", 1, 3200);
    await expect(stream.append(1, chunk(1))).rejects.toMatchObject({
      code: "bad_request",
      details: { next_seq: 0 },
    });
    await stream.append(0, chunk(1));
    await stream.append(1, chunk(1));
    await expect(stream.append(2, chunk(1))).rejects.toMatchObject({ code: "audio_too_long" });
  });

  it("restores exactly what was acknowledged, even when more reached the disk", async () => {
    const first = new AnswerStream(deps, "user-1", "session-c", 1, 16_000 * 60);
    await first.append(0, chunk(7));
    // A crash between writing audio and recording the acknowledgement leaves extra bytes behind.
    await appendFile(path.join(directory, "session-c-1.pcm"), Buffer.alloc(1000, 9));
    const restored = new AnswerStream(deps, "user-1", "session-c", 1, 16_000 * 60);
    await restored.restore();
    expect(restored.nextSeq).toBe(1);
    expect((await readFile(path.join(directory, "session-c-1.pcm"))).length).toBe(3200);
    // Someone else's stream files are not theirs to resume.
    const stranger = new AnswerStream(deps, "user-2", "session-c", 1, 16_000 * 60);
    await stranger.restore();
    expect(stranger.nextSeq).toBe(0);
  });
});
