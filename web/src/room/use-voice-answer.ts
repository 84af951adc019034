import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../api/client.ts";
import { accessToken } from "../api/supabase.ts";
import type { AnswerResponse } from "../api/types.ts";
import { AnswerStream, StreamFailure, type StreamState } from "../audio/answer-stream.ts";
import { listMicrophones, type Microphone, microphoneProblem } from "../audio/devices.ts";
import { Recorder } from "../audio/recorder.ts";
import { TARGET_RATE } from "../audio/resampler.ts";
import { encodeWav } from "../audio/wav.ts";

export type MicState = "off" | "opening" | "on" | "error";
export type VoicePhase = "idle" | "recording" | "sending" | "uploading";

const DEVICE_KEY = "rehearse-microphone";

/** Sends a recording the ordinary way (multipart: question_order, then the WAV) when streaming failed. */
export function uploadAnswerAudio(sessionId: string, order: number, audio: Blob): Promise<AnswerResponse> {
  const form = new FormData();
  form.append("question_order", String(order));
  form.append("audio", audio, `answer-${order}.wav`);
  return api<AnswerResponse>(`/api/interviews/${sessionId}/answers`, { method: "POST", body: form });
}

/**
 * The microphone and one spoken answer at a time: level meter, device choice, streaming with resume, and the
 * WAV upload when the socket cannot be kept up.
 */
export function useVoiceAnswer(sessionId: string) {
  const [mics, setMics] = useState<Microphone[]>([]);
  const [deviceId, setDeviceId] = useState<string | null>(() => window.localStorage.getItem(DEVICE_KEY));
  const [micState, setMicState] = useState<MicState>("off");
  const [micError, setMicError] = useState<string>();
  const [level, setLevel] = useState(0);
  const [phase, setPhase] = useState<VoicePhase>("idle");
  const [streamState, setStreamState] = useState<StreamState>();
  const [captions, setCaptions] = useState<string[]>([]);
  const stream = useRef<AnswerStream | undefined>(undefined);
  const order = useRef(0);
  const lastLevel = useRef(0);
  const recorder = useRef<Recorder | undefined>(undefined);

  recorder.current ??= new Recorder({
    onLevel: (peak) => {
      // The meter redraws about 15 times a second at most.
      const now = performance.now();
      if (now - lastLevel.current > 66) {
        lastLevel.current = now;
        setLevel(peak);
      }
    },
    onPcm: (pcm) => stream.current?.push(pcm),
    onEnded: () => {
      setMicState("error");
      setMicError(
        "The microphone was disconnected. Plug it back in or choose another, then press “Try again”.",
      );
    },
  });

  const refreshMics = useCallback(async () => {
    try {
      setMics(await listMicrophones());
    } catch {
      setMics([]);
    }
  }, []);

  useEffect(() => {
    void refreshMics();
    const media = navigator.mediaDevices;
    media?.addEventListener?.("devicechange", refreshMics);
    const current = recorder.current;
    return () => {
      media?.removeEventListener?.("devicechange", refreshMics);
      stream.current?.abort();
      void current?.close();
    };
  }, [refreshMics]);

  const openMic = useCallback(
    async (id: string | null = deviceId) => {
      setMicState("opening");
      setMicError(undefined);
      try {
        await recorder.current?.open(id ?? undefined);
        setMicState("on");
        await refreshMics(); // labels appear once permission is granted
        return true;
      } catch (error) {
        // A remembered device that is gone: fall back to the default one.
        if ((error as { name?: string })?.name === "OverconstrainedError" && id) {
          window.localStorage.removeItem(DEVICE_KEY);
          setDeviceId(null);
          return openMic(null);
        }
        setMicState("error");
        setMicError(microphoneProblem(error));
        return false;
      }
    },
    [deviceId, refreshMics],
  );

  const selectDevice = useCallback(
    async (id: string | null) => {
      setDeviceId(id);
      if (id) window.localStorage.setItem(DEVICE_KEY, id);
      else window.localStorage.removeItem(DEVICE_KEY);
      if (micState === "on" || micState === "error") await openMic(id);
    },
    [micState, openMic],
  );

  /** Starts recording the answer to question `questionOrder`, opening the microphone if needed. */
  const start = useCallback(
    async (questionOrder: number) => {
      if (!recorder.current?.isOpen && !(await openMic())) return false;
      order.current = questionOrder;
      setCaptions([]);
      const next = new AnswerStream({
        sessionId,
        order: questionOrder,
        token: accessToken,
        // Each partial is the transcript so far (not just the newest words).
        onPartial: (text) => setCaptions([text]),
        onState: setStreamState,
      });
      stream.current = next;
      next.start();
      recorder.current?.start();
      setPhase("recording");
      return true;
    },
    [openMic, sessionId],
  );

  /** Ends the answer; resolves with the answer as the server has it (scored, failed or still pending). */
  const finish = useCallback(async (): Promise<AnswerResponse> => {
    const current = stream.current;
    if (!current) throw new StreamFailure("Nothing was recorded.", "audio_empty", false);
    recorder.current?.stop();
    current.end();
    setPhase("sending");
    try {
      return await current.result;
    } catch (error) {
      if (!(error instanceof StreamFailure) || !error.transient) throw error;
      // The socket could not be kept up: the recording is still here, so send it as a file.
      setPhase("uploading");
      return await uploadAnswerAudio(sessionId, order.current, encodeWav(current.audio(), TARGET_RATE));
    } finally {
      stream.current = undefined;
      setPhase("idle");
    }
  }, [sessionId]);

  /** Throws the current recording away (the server keeps nothing until the answer ends). */
  const discard = useCallback(() => {
    recorder.current?.stop();
    stream.current?.abort();
    stream.current = undefined;
    setCaptions([]);
    setPhase("idle");
  }, []);

  return {
    mics,
    deviceId,
    selectDevice,
    micState,
    micError,
    level,
    openMic,
    phase,
    streamState,
    captions,
    start,
    finish,
    discard,
  };
}

export type VoiceAnswer = ReturnType<typeof useVoiceAnswer>;
