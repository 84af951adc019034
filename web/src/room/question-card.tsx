import { ActionIcon, Badge, Button, Card, Group, Stack, Text, Tooltip } from "@mantine/core";
import type { AskedQuestion } from "../api/types.ts";
import { MutedIcon, SpeakerIcon } from "../components/icons.tsx";
import { LabeledProgress } from "../components/labeled-progress.tsx";
import { clock, titleCase } from "../format.ts";

const ORIGINS: Record<string, string> = { resume: "From your resume", follow_up: "Follow-up" };

/** The question as captions (always shown), the voice controls and the countdown. */
export function QuestionCard({
  question,
  total,
  left,
  muted,
  speaking,
  onToggleMute,
  onRepeat,
}: {
  question: AskedQuestion;
  total: number;
  left: number;
  muted: boolean;
  speaking: boolean;
  onToggleMute: () => void;
  onRepeat: () => void;
}) {
  const limit = question.time_limit_seconds;
  const low = left <= 15;
  return (
    <Card withBorder padding="lg" className="print-block">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap={6}>
            <Badge variant="filled">
              Question {question.question_order} of {total}
            </Badge>
            <Badge variant="light">{titleCase(question.question_type)}</Badge>
            <Badge variant="light" color="gray">
              {titleCase(question.difficulty_level)}
            </Badge>
            {ORIGINS[question.origin] && (
              <Badge variant="light" color="grape">
                {ORIGINS[question.origin]}
              </Badge>
            )}
          </Group>
          <Group gap="xs">
            <Tooltip
              label={muted ? "Unmute the interviewer's voice (M)" : "Mute the interviewer's voice (M)"}
            >
              <ActionIcon
                variant="default"
                size="lg"
                onClick={onToggleMute}
                aria-label={muted ? "Unmute the interviewer's voice" : "Mute the interviewer's voice"}
                aria-pressed={muted}
                aria-keyshortcuts="M"
                data-testid="mute-toggle"
              >
                {muted ? <MutedIcon /> : <SpeakerIcon />}
              </ActionIcon>
            </Tooltip>
            <Button variant="default" size="xs" onClick={onRepeat} aria-keyshortcuts="Q" disabled={muted}>
              Read again
            </Button>
          </Group>
        </Group>
        <Text
          fz={{ base: "lg", sm: "xl" }}
          fw={500}
          id="question-text"
          data-testid="question-text"
          aria-live="polite"
          lh={1.4}
        >
          {question.question_text}
        </Text>
        {speaking && (
          <Text size="sm" c="dimmed">
            Reading the question aloud… the clock starts when it's done.
          </Text>
        )}
        <div>
          <Group justify="space-between" mb={4}>
            <Text size="sm" id="countdown-label">
              Time to answer
            </Text>
            <Text
              size="sm"
              fw={700}
              c={low ? "red" : undefined}
              data-testid="countdown"
              aria-label={`${Math.ceil(left)} seconds left`}
            >
              {left <= 0 ? "Time's up" : clock(left)}
            </Text>
          </Group>
          <LabeledProgress
            value={(left / limit) * 100}
            color={low ? "red" : "indigo"}
            label="Time left to answer"
            size="sm"
          />
        </div>
      </Stack>
    </Card>
  );
}
