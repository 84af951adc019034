import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../api/client.ts";
import { humanize } from "../api/errors.ts";
import { keys } from "../api/keys.ts";
import type { AnswerRaw, AnswerResponse, ReportQuestion } from "../api/types.ts";
import { PaceGauge } from "../components/pace-gauge.tsx";
import { dateTime, score, scoreColor, titleCase } from "../format.ts";
import { AudioPlayer } from "./audio-player.tsx";
import { Transcript } from "./transcript.tsx";

function Keywords({ answer }: { answer: AnswerResponse }) {
  const possibly = answer.gemini_analysis_raw?.possibly_said ?? [];
  const mentioned = answer.keywords_mentioned ?? [];
  const missing = answer.missing_keywords ?? [];
  if (mentioned.length + possibly.length + missing.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        Key terms
      </Text>
      <Group gap={6}>
        {mentioned.map((k) => (
          <Badge key={`m-${k}`} color="green" variant="light" tt="none">
            ✓ {k}
          </Badge>
        ))}
        {possibly.map((p) => (
          <Badge
            key={`p-${p.keyword}`}
            color="yellow"
            variant="light"
            tt="none"
            title={`Heard as “${p.heard}”`}
          >
            ? {p.keyword} (heard “{p.heard}”)
          </Badge>
        ))}
        {missing.map((k) => (
          <Badge key={`x-${k}`} color="red" variant="light" tt="none">
            ✗ {k}
          </Badge>
        ))}
      </Group>
      <Text size="xs" c="dimmed">
        ✓ mentioned · ? possibly said (the recognizer was unsure) · ✗ missing
      </Text>
    </Stack>
  );
}

function Attempts({ question }: { question: ReportQuestion }) {
  if (question.attempts.length < 2) return null;
  return (
    <div>
      <Text size="sm" fw={600} mb={4}>
        Your attempts
        {question.score_change !== null && (
          <Badge ml="xs" color={question.score_change >= 0 ? "green" : "red"} variant="light">
            {question.score_change >= 0 ? "+" : ""}
            {question.score_change.toFixed(1)} since the interview
          </Badge>
        )}
      </Text>
      <Table withTableBorder verticalSpacing={4} data-testid="attempts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Attempt</Table.Th>
            <Table.Th scope="col">Score</Table.Th>
            <Table.Th scope="col">Answer</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {question.attempts.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{a.attempt === 1 ? "Interview" : `Retry ${a.attempt - 1}`}</Table.Td>
              <Table.Td>{score(a.response_score)}</Table.Td>
              <Table.Td>
                <Text size="xs" lineClamp={3}>
                  {a.transcribed_text}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function Reanswer({ sessionId, order }: { sessionId: string; order: number }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const retry = useMutation({
    mutationFn: () =>
      api<AnswerResponse>(`/api/interviews/${sessionId}/answers/${order}/attempts`, {
        method: "POST",
        body: { text },
      }),
    onSuccess: () => {
      setText("");
      setOpen(false);
      return queryClient.invalidateQueries({ queryKey: keys.report(sessionId) });
    },
  });
  if (!open)
    return (
      <Button
        variant="light"
        onClick={() => setOpen(true)}
        w="fit-content"
        className="no-print"
        data-testid="reanswer-button"
      >
        Answer again
      </Button>
    );
  return (
    <Stack gap="xs" className="no-print">
      <Textarea
        label="Your new answer"
        description="Use the feedback above. It's scored at once and compared with your first attempt."
        autosize
        minRows={4}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        data-testid="reanswer-text"
      />
      {retry.isError && (
        <Alert color="red" role="alert">
          {humanize(retry.error)}
        </Alert>
      )}
      <Group>
        <Button onClick={() => retry.mutate()} loading={retry.isPending} disabled={!text.trim()}>
          Score my new answer
        </Button>
        <Button variant="default" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}

/** A failed answer processed again from its kept recording (or text), without recording it again. */
function ProcessAgain({ sessionId, order }: { sessionId: string; order: number }) {
  const queryClient = useQueryClient();
  const again = useMutation({
    mutationFn: () =>
      api<AnswerResponse>(`/api/interviews/${sessionId}/answers/${order}/reprocess`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.report(sessionId) }),
  });
  return (
    <Stack gap="xs" className="no-print">
      {again.isError && (
        <Alert color="red" role="alert">
          {humanize(again.error)}
        </Alert>
      )}
      <Button
        variant="filled"
        w="fit-content"
        onClick={() => again.mutate()}
        loading={again.isPending}
        data-testid="process-again-button"
      >
        Process again
      </Button>
    </Stack>
  );
}

/** One question of the report: the answer as heard, its scores and advice, and a way to try again. */
/** Who made the scores: the built-in scorer (and its version), or the model, or the fallback from it. */
export function scoredBy(raw: AnswerRaw | null | undefined): string {
  const provider = typeof raw?.provider === "string" ? raw.provider : "builtin";
  const builtin = raw?.builtin as { signals?: { version?: string } } | undefined;
  const version = typeof raw?.version === "string" ? raw.version : builtin?.signals?.version;
  if (provider !== "builtin") return `Scored by ${provider}, with the built-in scorer's checks as a floor.`;
  const fallback =
    typeof raw?.fallback_from === "string"
      ? ` — ${raw.fallback_from} failed, so the built-in score stands`
      : "";
  return `Scored by the built-in scorer${version ? ` (${version})` : ""}${fallback}.`;
}

export function AnswerSection({ sessionId, question }: { sessionId: string; question: ReportQuestion }) {
  const answer = question.answer;
  const latest = question.attempts.at(-1);
  return (
    <Card withBorder padding="lg" className="print-block" data-testid="report-answer">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Text size="sm" c="dimmed">
              Question {question.question_order} · {titleCase(question.question_type)} ·{" "}
              {titleCase(question.difficulty_level)}
            </Text>
            <Title order={3} size="h4">
              {question.question_text}
            </Title>
          </div>
          <Badge size="xl" color={scoreColor(answer?.response_score)} style={{ flexShrink: 0 }}>
            {score(answer?.response_score)}
          </Badge>
        </Group>
        {!answer ? (
          <Text c="dimmed">Not answered.</Text>
        ) : answer.scoring_status !== "scored" ? (
          <Stack gap="sm">
            <Alert color="yellow">
              {answer.ai_feedback ??
                (answer.scoring_status === "pending"
                  ? "Your recording is being transcribed and scored; this page updates when it is done."
                  : "This answer was not scored.")}
            </Alert>
            {answer.audio_file_path && (
              <AudioPlayer
                path={answer.audio_file_path}
                label={`Recording of your answer to question ${question.question_order}`}
              />
            )}
            {answer.scoring_status === "failed" && (
              <ProcessAgain sessionId={sessionId} order={question.question_order} />
            )}
          </Stack>
        ) : (
          <>
            {answer.audio_file_path && (
              <AudioPlayer
                path={answer.audio_file_path}
                label={`Recording of your answer to question ${question.question_order}`}
              />
            )}
            <Transcript answer={answer} />
            <Group gap={6}>
              {(
                [
                  ["Technical", answer.technical_accuracy],
                  ["Clarity", answer.communication_clarity],
                  ["Relevance", answer.relevance_score],
                  ["Confidence", answer.confidence_level],
                ] as const
              ).map(([label, value]) => (
                <Badge key={label} variant="light" color={scoreColor(value)}>
                  {label} {score(value)}
                </Badge>
              ))}
            </Group>
            <Keywords answer={answer} />
            <SimpleGrid cols={{ base: 1, md: answer.speech_pace ? 2 : 1 }}>
              <Stack gap="sm">
                {answer.ai_feedback && (
                  <div>
                    <Text size="sm" fw={600}>
                      Feedback
                    </Text>
                    <Text size="sm">{answer.ai_feedback}</Text>
                  </div>
                )}
                {answer.suggested_improvement && (
                  <div>
                    <Text size="sm" fw={600}>
                      How to improve
                    </Text>
                    <Text size="sm">{answer.suggested_improvement}</Text>
                  </div>
                )}
              </Stack>
              {answer.speech_pace ? <PaceGauge wpm={answer.speech_pace} /> : null}
            </SimpleGrid>
            <Text size="xs" c="dimmed" data-testid="scored-by">
              {scoredBy(answer.gemini_analysis_raw)}
            </Text>
            {(answer.ideal_answer_comparison || question.sample_answer) && (
              <Card withBorder padding="sm" bg="var(--mantine-color-default-hover)">
                <Text size="sm" fw={600}>
                  Compared with an ideal answer
                </Text>
                {answer.ideal_answer_comparison && <Text size="sm">{answer.ideal_answer_comparison}</Text>}
                {question.sample_answer && (
                  <Text size="sm" mt="xs" fs="italic">
                    “{question.sample_answer}”
                  </Text>
                )}
              </Card>
            )}
          </>
        )}
        <Attempts question={question} />
        {latest && latest.attempt > 1 && (
          <Text size="xs" c="dimmed">
            Last attempt {dateTime(latest.answered_at)}
          </Text>
        )}
        {answer && <Reanswer sessionId={sessionId} order={question.question_order} />}
      </Stack>
    </Card>
  );
}
