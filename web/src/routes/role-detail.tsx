import { Accordion, Badge, Button, Group, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useRole } from "../api/queries.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { Page } from "../components/page.tsx";
import { PageLoader } from "../components/page-loader.tsx";
import { titleCase } from "../format.ts";

const TYPES = [
  { value: "", label: "All types" },
  { value: "technical", label: "Technical" },
  { value: "behavioral", label: "Behavioral" },
  { value: "situational", label: "Situational" },
  { value: "general", label: "General" },
];
const DIFFICULTIES = [
  { value: "", label: "Any difficulty" },
  { value: "easy", label: "Easy" },
  { value: "medium", label: "Medium" },
  { value: "hard", label: "Hard" },
];
const DIFFICULTY_COLORS: Record<string, string> = { easy: "green", medium: "yellow", hard: "red" };

export default function RoleDetailPage() {
  const { id } = useParams();
  const [type, setType] = useState("");
  const [difficulty, setDifficulty] = useState("");
  const role = useRole(id, { type: type || undefined, difficulty: difficulty || undefined });

  if (role.isPending && !role.data) return <PageLoader />;
  if (role.isError) return <ErrorAlert error={role.error} onRetry={() => role.refetch()} />;
  const r = role.data;
  return (
    <Page
      title={r.title}
      actions={
        <Button component={Link} to={`/interviews/new?role=${r.id}`}>
          Practise this role
        </Button>
      }
    >
      {r.description && <Text>{r.description}</Text>}
      <div>
        <Title order={2} size="h4" mb="xs">
          Skills
        </Title>
        <Group gap={6}>
          {r.required_skills.map((s) => (
            <Badge key={s} variant="light" tt="none">
              {s}
            </Badge>
          ))}
        </Group>
      </div>
      <Stack gap="xs">
        <Title order={2} size="h4">
          Sample questions
        </Title>
        <Text size="sm" id="type-filter-label">
          Question type
        </Text>
        <SegmentedControl
          data={TYPES}
          value={type}
          onChange={setType}
          aria-labelledby="type-filter-label"
          fullWidth
          maw={620}
        />
        <Text size="sm" id="difficulty-filter-label">
          Difficulty
        </Text>
        <SegmentedControl
          data={DIFFICULTIES}
          value={difficulty}
          onChange={setDifficulty}
          aria-labelledby="difficulty-filter-label"
          fullWidth
          maw={480}
        />
      </Stack>
      <Text size="sm" c="dimmed" role="status">
        {r.questions.length} question{r.questions.length === 1 ? "" : "s"}
      </Text>
      <Accordion variant="separated" multiple>
        {r.questions.map((q) => (
          <Accordion.Item key={q.id} value={q.id}>
            <Accordion.Control>
              <Stack gap={4}>
                <Text fw={500}>{q.question_text}</Text>
                <Group gap={6}>
                  <Badge size="sm" variant="light">
                    {titleCase(q.question_type)}
                  </Badge>
                  <Badge size="sm" variant="light" color={DIFFICULTY_COLORS[q.difficulty_level]}>
                    {titleCase(q.difficulty_level)}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {Math.round((q.time_limit_seconds / 60) * 10) / 10} min to answer
                  </Text>
                </Group>
              </Stack>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="sm">
                {q.expected_answer_keywords && q.expected_answer_keywords.length > 0 && (
                  <div>
                    <Text size="sm" fw={600}>
                      What the interviewer listens for
                    </Text>
                    <Group gap={4} mt={4}>
                      {q.expected_answer_keywords.map((k) => (
                        <Badge key={k} size="sm" variant="outline" tt="none">
                          {k}
                        </Badge>
                      ))}
                    </Group>
                  </div>
                )}
                {q.sample_answer && (
                  <div>
                    <Text size="sm" fw={600}>
                      A strong answer
                    </Text>
                    <Text size="sm">{q.sample_answer}</Text>
                  </div>
                )}
                {q.evaluation_criteria && (
                  <Text size="sm">
                    <strong>Strong:</strong> {q.evaluation_criteria.strong} <strong>Weak:</strong>{" "}
                    {q.evaluation_criteria.weak}
                  </Text>
                )}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Page>
  );
}
