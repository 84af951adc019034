import { Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import type { AnswerResponse } from "../api/types.ts";
import { score, scoreColor } from "../format.ts";

/** The scored answer, shown right after it lands. */
export function AnswerResult({ response }: { response: AnswerResponse }) {
  const dims = [
    ["Technical", response.technical_accuracy],
    ["Clarity", response.communication_clarity],
    ["Relevance", response.relevance_score],
    ["Confidence", response.confidence_level],
  ] as const;
  return (
    <Card withBorder padding="lg" data-testid="answer-result">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4">
            Your answer
          </Title>
          <Badge size="xl" color={scoreColor(response.response_score)} data-testid="score-card-answer">
            {score(response.response_score)} / 10
          </Badge>
        </Group>
        <Group gap="xs">
          {dims.map(([label, value]) => (
            <Badge key={label} variant="light" color={scoreColor(value)}>
              {label} {score(value)}
            </Badge>
          ))}
        </Group>
        {response.transcribed_text && (
          <div>
            <Text size="sm" fw={600}>
              What we heard
            </Text>
            <Text size="sm">{response.transcribed_text}</Text>
          </div>
        )}
        {response.ai_feedback && (
          <div>
            <Text size="sm" fw={600}>
              Feedback
            </Text>
            <Text size="sm">{response.ai_feedback}</Text>
          </div>
        )}
        {response.suggested_improvement && (
          <div>
            <Text size="sm" fw={600}>
              Try next time
            </Text>
            <Text size="sm">{response.suggested_improvement}</Text>
          </div>
        )}
      </Stack>
    </Card>
  );
}
