import { Badge, Loader } from "@mantine/core";
import type { Resume } from "../api/types.ts";

const LABELS: Record<string, { label: string; color: string }> = {
  queued: { label: "Waiting to be analyzed", color: "gray" },
  analyzing: { label: "Analyzing…", color: "blue" },
  done: { label: "Analyzed", color: "green" },
  failed: { label: "Analysis failed", color: "red" },
};

export function ResumeStatus({ resume }: { resume: Resume }) {
  const status = resume.status ?? (resume.is_analyzed ? "done" : "queued");
  const shown = LABELS[status] ?? { label: status, color: "gray" };
  return (
    <Badge
      color={shown.color}
      variant="light"
      leftSection={
        status === "analyzing" || status === "queued" ? <Loader size={10} color={shown.color} /> : null
      }
    >
      {shown.label}
    </Badge>
  );
}
