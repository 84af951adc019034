import type { InterviewSession } from "./api/types.ts";

// Small formatting helpers shared by the screens.

export function score(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || Number.isNaN(value) ? "—" : value.toFixed(digits);
}

export function dateTime(value: string | null | undefined): string {
  if (!value) return "—";
  return new Date(value).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function date(value: string | null | undefined): string {
  if (!value) return "—";
  return new Date(value).toLocaleDateString(undefined, { dateStyle: "medium" });
}

export function duration(seconds: number | null | undefined): string {
  if (!seconds || seconds < 0) return "0 min";
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function titleCase(text: string): string {
  const spaced = text.replace(/_/g, " ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export const STATUS_LABELS: Record<string, string> = {
  scheduled: "Scheduled",
  in_progress: "In progress",
  paused: "Paused",
  completed: "Completed",
  cancelled: "Cancelled",
};

export const STATUS_COLORS: Record<string, string> = {
  scheduled: "blue",
  in_progress: "green",
  paused: "yellow",
  completed: "indigo",
  cancelled: "gray",
};

/** A score's colour: red below 5, orange below 7, green from 7. */
export function scoreColor(value: number | null | undefined): string {
  if (value === null || value === undefined) return "gray";
  return value >= 7 ? "green" : value >= 5 ? "orange" : "red";
}

/** Where a session in a list leads: its report, the room to continue it, or nowhere. */
export function sessionLink(s: InterviewSession): { to: string; label: string } | undefined {
  if (s.status === "completed") return { to: `/interviews/${s.id}/report`, label: "Report" };
  if (s.status === "in_progress" || s.status === "paused")
    return { to: `/interviews/${s.id}/room`, label: "Continue" };
  if (s.status === "scheduled") return { to: `/interviews/${s.id}/room`, label: "Start" };
  return undefined;
}
