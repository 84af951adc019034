import { Anchor } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link } from "react-router";
import { connectServerEvents, invalidateFor, type ServerEvent } from "../api/events.ts";
import { useAnnounce } from "./announcer.tsx";

/** Live updates while signed in: caches refresh themselves and changes are announced. */
export function ServerEvents({ userId }: { userId: string }) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();

  useEffect(() => {
    if (!userId) return;
    return connectServerEvents((event) => {
      invalidateFor(queryClient, event);
      tell(event, announce);
    });
  }, [userId, queryClient, announce]);
  return null;
}

function tell(event: ServerEvent, announce: (message: string, politeness?: "polite" | "assertive") => void) {
  const data = event.data;
  const said = (value: unknown) => (typeof value === "string" ? value : "");
  switch (event.type) {
    case "resume.analysis": {
      const status = said(data.status);
      if (status === "analyzing") announce("Your resume is being analyzed.");
      if (status === "done") {
        announce("Your resume analysis is ready.");
        notifications.show({
          color: "green",
          title: "Resume analyzed",
          message: "The analysis is ready to read.",
        });
      }
      if (status === "failed") {
        const reason = said(data.reason) || said(data.error) || "The file could not be analyzed.";
        announce(`Resume analysis failed: ${reason}`, "assertive");
        notifications.show({ color: "red", title: "Resume analysis failed", message: reason });
      }
      break;
    }
    case "answer.scored": {
      const value = typeof data.response_score === "number" ? data.response_score.toFixed(1) : undefined;
      announce(`Answer ${data.question_order} scored${value ? ` ${value} out of 10` : ""}.`);
      break;
    }
    case "answer.failed":
    case "answer.needs_transcript": {
      const message = said(data.message) || "That answer could not be scored.";
      announce(message, "assertive");
      notifications.show({
        color: event.type === "answer.failed" ? "red" : "yellow",
        title: event.type === "answer.failed" ? "Answer not scored" : "Type what you said",
        message,
      });
      break;
    }
    case "report.ready": {
      const id = said(data.session_id);
      announce("Your interview report is ready.");
      notifications.show({
        color: "indigo",
        title: "Report ready",
        message: id ? (
          <Anchor component={Link} to={`/interviews/${id}/report`}>
            Open the report
          </Anchor>
        ) : (
          "Your interview report is ready."
        ),
      });
      break;
    }
  }
}
