import type { QueryClient } from "@tanstack/react-query";
import { keys } from "./keys.ts";
import { accessToken } from "./supabase.ts";

export interface ServerEvent {
  type: string;
  data: Record<string, unknown>;
}

type Listener = (event: ServerEvent) => void;
const listeners = new Set<Listener>();

/** Listens to every server-sent event (the interview room reacts to its answers); returns the unsubscribe. */
export function onServerEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const EVENT_TYPES = [
  "resume.analysis",
  "answer.scored",
  "answer.failed",
  "answer.needs_transcript",
  "report.ready",
  "session.status",
] as const;

/** Which cached queries an event makes stale. */
export function invalidateFor(queryClient: QueryClient, event: ServerEvent): void {
  const sessionId = typeof event.data.session_id === "string" ? event.data.session_id : undefined;
  const resumeId = typeof event.data.resumeId === "string" ? event.data.resumeId : undefined;
  const invalidate = (queryKey: readonly unknown[]) => void queryClient.invalidateQueries({ queryKey });
  switch (event.type) {
    case "resume.analysis":
      invalidate(keys.resumes);
      if (resumeId) invalidate(keys.resumeAnalysis(resumeId));
      break;
    case "answer.scored":
    case "answer.failed":
    case "answer.needs_transcript":
      if (sessionId) {
        invalidate(keys.interview(sessionId));
        invalidate(keys.report(sessionId));
      }
      break;
    case "report.ready":
      invalidate(keys.interviews);
      invalidate(keys.analytics);
      invalidate(keys.profile);
      if (sessionId) {
        invalidate(keys.interview(sessionId));
        invalidate(keys.report(sessionId));
      }
      break;
    case "session.status":
      invalidate(keys.interviews);
      if (sessionId) invalidate(keys.interview(sessionId));
      break;
  }
}

/**
 * Keeps one EventSource open on /api/events while signed in. EventSource cannot send headers, so the token
 * rides in the query; when the server refuses it (expired) the stream closes and is reopened with a fresh one.
 */
export function connectServerEvents(onEvent: Listener): () => void {
  let source: EventSource | undefined;
  let stopped = false;
  let retry: number | undefined;
  let failures = 0;

  const open = async () => {
    if (stopped) return;
    const token = await accessToken().catch(() => undefined);
    if (stopped || !token) return;
    source = new EventSource(`/api/events?access_token=${encodeURIComponent(token)}`);
    source.onopen = () => {
      failures = 0;
    };
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (message) => {
        let data: Record<string, unknown> = {};
        try {
          data = JSON.parse((message as MessageEvent<string>).data) as Record<string, unknown>;
        } catch {
          return;
        }
        const event = { type, data };
        onEvent(event);
        for (const listener of listeners) listener(event);
      });
    }
    source.onerror = () => {
      // The browser retries by itself while the stream is CONNECTING; CLOSED means it gave up (a 401).
      if (source?.readyState !== EventSource.CLOSED) return;
      source.close();
      failures += 1;
      retry = window.setTimeout(open, Math.min(30_000, 1000 * 2 ** failures));
    };
  };
  void open();
  return () => {
    stopped = true;
    window.clearTimeout(retry);
    source?.close();
  };
}
