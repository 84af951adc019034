import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../api/client.ts";
import { ApiError } from "../api/errors.ts";
import { keys } from "../api/keys.ts";
import { useRole, useRoles } from "../api/queries.ts";
import type { BankQuestion, JobRole } from "../api/types.ts";
import { AdminOnly } from "../components/admin-only.tsx";
import { ErrorAlert } from "../components/error-alert.tsx";
import { Page } from "../components/page.tsx";
import { PageLoader } from "../components/page-loader.tsx";
import { TableHead } from "../components/table-head.tsx";
import { titleCase } from "../format.ts";

const LEVELS = ["entry", "mid", "senior", "executive"].map((v) => ({ value: v, label: titleCase(v) }));
const TYPES = ["technical", "behavioral", "situational", "general"].map((v) => ({
  value: v,
  label: titleCase(v),
}));
const DIFFICULTIES = ["easy", "medium", "hard"].map((v) => ({ value: v, label: titleCase(v) }));

const required = (label: string, max: number) => (v: string) =>
  !v.trim() ? `${label} is required` : v.length > max ? `At most ${max} characters` : null;

function RoleEditor({ role, onDone }: { role: JobRole | null; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>();
  const form = useForm({
    initialValues: {
      title: role?.title ?? "",
      category: role?.category ?? "",
      description: role?.description ?? "",
      required_skills: role?.required_skills ?? [],
      experience_levels: role?.experience_levels ?? ["entry", "mid", "senior"],
      industry: role?.industry ?? "",
      average_salary_range: role?.average_salary_range ?? "",
      is_active: role?.is_active ?? true,
    },
    validate: {
      title: required("The title", 100),
      category: required("The category", 50),
      required_skills: (v) => (v.length >= 1 && v.length <= 40 ? null : "List 1 to 40 skills"),
      experience_levels: (v) => (v.length >= 1 ? null : "Choose at least one level"),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setError(undefined);
    const body = {
      ...v,
      description: v.description.trim() || null,
      industry: v.industry.trim() || null,
      average_salary_range: v.average_salary_range.trim() || null,
    };
    try {
      await api(role ? `/api/admin/job-roles/${role.id}` : "/api/admin/job-roles", {
        method: role ? "PATCH" : "POST",
        body,
      });
      await queryClient.invalidateQueries({ queryKey: keys.roles });
      if (role) await queryClient.invalidateQueries({ queryKey: keys.role(role.id) });
      notifications.show({ color: "green", message: `${v.title} saved.` });
      onDone();
    } catch (caught) {
      if (caught instanceof ApiError) form.setErrors(caught.fields);
      setError(caught);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error !== undefined && <ErrorAlert error={error} title="Not saved" />}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Title" required {...form.getInputProps("title")} />
          <TextInput label="Category" required {...form.getInputProps("category")} />
        </SimpleGrid>
        <Textarea label="Description" autosize minRows={2} {...form.getInputProps("description")} />
        <TagsInput
          label="Required skills"
          description="Press Enter after each skill."
          {...form.getInputProps("required_skills")}
        />
        <MultiSelect label="Experience levels" data={LEVELS} {...form.getInputProps("experience_levels")} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Industry" {...form.getInputProps("industry")} />
          <TextInput label="Salary range" {...form.getInputProps("average_salary_range")} />
        </SimpleGrid>
        <Switch
          label="Active (visible to users)"
          {...form.getInputProps("is_active", { type: "checkbox" })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            Save role
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function QuestionEditor({
  roleId,
  question,
  onDone,
}: {
  roleId: string;
  question: BankQuestion | null;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>();
  const criteria = question?.evaluation_criteria;
  const form = useForm({
    initialValues: {
      question_text: question?.question_text ?? "",
      question_type: question?.question_type ?? "technical",
      difficulty_level: question?.difficulty_level ?? "medium",
      expected_answer_keywords: question?.expected_answer_keywords ?? [],
      sample_answer: question?.sample_answer ?? "",
      strong: criteria?.strong ?? "",
      adequate: criteria?.adequate ?? "",
      weak: criteria?.weak ?? "",
      key_points: criteria?.key_points ?? [],
      time_limit_seconds: question?.time_limit_seconds ?? 120,
      is_active: question?.is_active ?? true,
    },
    validate: {
      question_text: required("The question", 1000),
      expected_answer_keywords: (v) => (v.length <= 20 ? null : "At most 20 keywords"),
      time_limit_seconds: (v) => (v >= 30 && v <= 900 ? null : "Between 30 and 900 seconds"),
      key_points: (v, values) => {
        const any = values.strong || values.adequate || values.weak || v.length > 0;
        if (!any) return null;
        return v.length >= 1 && v.length <= 10 ? null : "Criteria need 1 to 10 key points";
      },
      strong: (v, values) =>
        (values.adequate || values.weak || values.key_points.length) && !v.trim()
          ? "Describe a strong answer"
          : null,
      adequate: (v, values) =>
        (values.strong || values.weak || values.key_points.length) && !v.trim()
          ? "Describe an adequate answer"
          : null,
      weak: (v, values) =>
        (values.strong || values.adequate || values.key_points.length) && !v.trim()
          ? "Describe a weak answer"
          : null,
    },
  });
  const submit = form.onSubmit(async (v) => {
    setError(undefined);
    const hasCriteria = v.strong || v.adequate || v.weak || v.key_points.length;
    const body = {
      question_text: v.question_text,
      question_type: v.question_type,
      difficulty_level: v.difficulty_level,
      expected_answer_keywords: v.expected_answer_keywords,
      sample_answer: v.sample_answer.trim() || null,
      evaluation_criteria: hasCriteria
        ? { strong: v.strong, adequate: v.adequate, weak: v.weak, key_points: v.key_points }
        : null,
      time_limit_seconds: Number(v.time_limit_seconds),
      is_active: v.is_active,
    };
    try {
      await api(
        question ? `/api/admin/questions/${question.id}` : `/api/admin/job-roles/${roleId}/questions`,
        {
          method: question ? "PATCH" : "POST",
          body,
        },
      );
      await queryClient.invalidateQueries({ queryKey: keys.role(roleId) });
      notifications.show({ color: "green", message: "Question saved." });
      onDone();
    } catch (caught) {
      if (caught instanceof ApiError) form.setErrors(caught.fields);
      setError(caught);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error !== undefined && <ErrorAlert error={error} title="Not saved" />}
        <Textarea label="Question" required autosize minRows={2} {...form.getInputProps("question_text")} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select label="Type" data={TYPES} {...form.getInputProps("question_type")} />
          <Select label="Difficulty" data={DIFFICULTIES} {...form.getInputProps("difficulty_level")} />
          <NumberInput
            label="Time limit (seconds)"
            min={30}
            max={900}
            {...form.getInputProps("time_limit_seconds")}
          />
        </SimpleGrid>
        <TagsInput
          label="Expected keywords"
          description="Press Enter after each."
          {...form.getInputProps("expected_answer_keywords")}
        />
        <Textarea label="Sample answer" autosize minRows={3} {...form.getInputProps("sample_answer")} />
        <Title order={3} size="h6">
          Evaluation criteria (optional)
        </Title>
        <Textarea label="A strong answer…" autosize {...form.getInputProps("strong")} />
        <Textarea label="An adequate answer…" autosize {...form.getInputProps("adequate")} />
        <Textarea label="A weak answer…" autosize {...form.getInputProps("weak")} />
        <TagsInput label="Key points" {...form.getInputProps("key_points")} />
        <Switch label="Active (can be asked)" {...form.getInputProps("is_active", { type: "checkbox" })} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            Save question
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Questions({ role }: { role: JobRole }) {
  const detail = useRole(role.id);
  const [editing, setEditing] = useState<BankQuestion | null | undefined>();
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Questions for {role.title}
        </Title>
        <Button onClick={() => setEditing(null)} data-testid="add-question">
          Add question
        </Button>
      </Group>
      {detail.isPending && <PageLoader />}
      {detail.isError && <ErrorAlert error={detail.error} onRetry={() => detail.refetch()} />}
      <Stack gap="xs">
        {detail.data?.questions.map((q) => (
          <Group key={q.id} justify="space-between" wrap="nowrap" align="flex-start">
            <div>
              <Text size="sm">{q.question_text}</Text>
              <Group gap={4}>
                <Badge size="xs" variant="light">
                  {q.question_type}
                </Badge>
                <Badge size="xs" variant="light" color="gray">
                  {q.difficulty_level}
                </Badge>
                {!q.is_active && (
                  <Badge size="xs" color="red" variant="light">
                    inactive
                  </Badge>
                )}
              </Group>
            </div>
            <Button
              size="xs"
              variant="default"
              onClick={() => setEditing(q)}
              aria-label={`Edit question: ${q.question_text}`}
            >
              Edit
            </Button>
          </Group>
        ))}
      </Stack>
      <Modal
        opened={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={editing ? "Edit question" : "New question"}
        size="lg"
      >
        {editing !== undefined && (
          <QuestionEditor roleId={role.id} question={editing} onDone={() => setEditing(undefined)} />
        )}
      </Modal>
    </Card>
  );
}

function Catalog() {
  const roles = useRoles();
  const [editing, setEditing] = useState<JobRole | null | undefined>();
  const [selected, setSelected] = useState<string>();
  const role = roles.data?.find((r) => r.id === selected);
  return (
    <Page
      title="Roles & questions editor"
      actions={
        <Button onClick={() => setEditing(null)} data-testid="add-role">
          New role
        </Button>
      }
    >
      {roles.isPending && <PageLoader />}
      {roles.isError && <ErrorAlert error={roles.error} onRetry={() => roles.refetch()} />}
      {roles.data && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <TableHead columns={["Role", "Category", "Skills", "Status"]} />
            <Table.Tbody>
              {roles.data.map((r) => (
                <Table.Tr key={r.id} aria-selected={r.id === selected}>
                  <Table.Td fw={500}>{r.title}</Table.Td>
                  <Table.Td>{r.category}</Table.Td>
                  <Table.Td>
                    <Text size="xs" lineClamp={2}>
                      {r.required_skills.join(", ")}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={r.is_active ? "green" : "gray"} variant="light">
                      {r.is_active ? "Active" : "Inactive"}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing(r)}
                        aria-label={`Edit ${r.title}`}
                      >
                        Edit
                      </Button>
                      <Button
                        size="xs"
                        variant={r.id === selected ? "filled" : "light"}
                        onClick={() => setSelected(r.id)}
                        aria-label={`Questions of ${r.title}`}
                        aria-pressed={r.id === selected}
                      >
                        Questions
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {role && <Questions role={role} />}
      <Modal
        opened={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={editing ? `Edit ${editing.title}` : "New role"}
        size="lg"
      >
        {editing !== undefined && <RoleEditor role={editing} onDone={() => setEditing(undefined)} />}
      </Modal>
    </Page>
  );
}

export default function AdminCatalogPage() {
  return (
    <AdminOnly title="Roles & questions editor">
      <Catalog />
    </AdminOnly>
  );
}
