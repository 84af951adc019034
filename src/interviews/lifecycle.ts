import { AppError } from "../errors.ts";

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

export function interviewNotFound(): AppError {
  return new AppError("not_found", "There is no such interview.");
}

/** 409 with the current status and what it does allow. */
export function invalidTransition(status: SessionStatus, action: SessionAction): AppError {
  return new AppError(
    "invalid_transition",
    `An interview that is ${status.replace("_", " ")} cannot ${action}.`,
    {
      status,
      action,
      allowed_actions: allowedActions(status),
    },
  );
}
