/** The session state machine: the document's statuses, and the only moves between them. */
export type SessionStatus = "scheduled" | "in_progress" | "paused" | "completed" | "cancelled";
export type SessionAction = "start" | "pause" | "resume" | "cancel" | "complete";

export const TRANSITIONS: Readonly<Record<SessionStatus, Partial<Record<SessionAction, SessionStatus>>>> = {
  scheduled: { start: "in_progress", cancel: "cancelled" },
  in_progress: { pause: "paused", complete: "completed", cancel: "cancelled" },
  // Ending a paused interview keeps what was answered; the pause itself never counts as time.
  paused: { resume: "in_progress", complete: "completed", cancel: "cancelled" },
  completed: {},
  cancelled: {},
};

export function nextStatus(from: SessionStatus, action: SessionAction): SessionStatus | undefined {
  return TRANSITIONS[from][action];
}

export function allowedActions(from: SessionStatus): SessionAction[] {
  return Object.keys(TRANSITIONS[from]) as SessionAction[];
}

export function isOpen(status: SessionStatus): boolean {
  return status === "scheduled" || status === "in_progress" || status === "paused";
}
