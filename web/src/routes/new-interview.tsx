import {
  Alert,
  Button,
  Card,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api } from "../api/client.ts";
import { ApiError, humanize } from "../api/errors.ts";
import { keys } from "../api/keys.ts";
import { useLimits, useProfile, useResumes, useRoles } from "../api/queries.ts";
import type { InterviewSession } from "../api/types.ts";
import { Page } from "../components/page.tsx";
import { dateTime } from "../format.ts";

const TYPES = [
  { value: "practice", label: "Practice" },
  { value: "mock", label: "Mock interview" },
  { value: "assessment", label: "Assessment" },
];
const DIFFICULTIES = [
  { value: "easy", label: "Easy" },
  { value: "medium", label: "Medium" },
  { value: "hard", label: "Hard" },
  { value: "mixed", label: "Mixed (ramps up)" },
];

/** A datetime-local value (the user's local time) for an instant. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export default function NewInterviewPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const roles = useRoles();
  const resumes = useResumes();
  const profile = useProfile();
  const limits = useLimits();
  const maxQuestions = limits.data?.limits.questions_per_session ?? 50;
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const form = useForm({
    initialValues: {
      job_role_id: params.get("role") ?? "",
      resume_id: "",
      session_name: "",
      session_type: "practice",
      difficulty_level: "mixed",
      total_questions: 5 as number | string,
      schedule: false,
      scheduled_at: localInput(new Date(Date.now() + 3600_000)),
    },
    validate: {
      job_role_id: (v) => (v ? null : "Choose the role to practise for"),
      total_questions: (v) =>
        Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= maxQuestions
          ? null
          : `Choose between 1 and ${maxQuestions} questions`,
      scheduled_at: (v, values) =>
        !values.schedule || (v && new Date(v).getTime() > Date.now()) ? null : "Pick a time in the future",
    },
  });

  // Sensible defaults once the data is here: the first preferred role, the active analyzed resume.
  const preferred = profile.data?.preferred_job_roles?.[0];
  const active = resumes.data?.find((r) => r.is_active)?.id;
  const { setFieldValue, values } = form;
  useEffect(() => {
    if (!values.job_role_id && preferred) setFieldValue("job_role_id", preferred);
  }, [preferred, values.job_role_id, setFieldValue]);
  useEffect(() => {
    if (!values.resume_id && active) setFieldValue("resume_id", active);
  }, [active, values.resume_id, setFieldValue]);

  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(undefined);
    try {
      const role = roles.data?.find((r) => r.id === v.job_role_id);
      const session = await api<InterviewSession>("/api/interviews", {
        method: "POST",
        body: {
          job_role_id: v.job_role_id,
          resume_id: v.resume_id || null,
          session_name: v.session_name.trim() || (role ? `${role.title} interview` : null),
          session_type: v.session_type,
          difficulty_level: v.difficulty_level,
          total_questions: Number(v.total_questions),
          scheduled_at: v.schedule ? new Date(v.scheduled_at).toISOString() : null,
        },
      });
      await queryClient.invalidateQueries({ queryKey: keys.interviews });
      await queryClient.invalidateQueries({ queryKey: keys.limits });
      if (v.schedule) {
        notifications.show({
          color: "green",
          title: "Interview scheduled",
          message: `It's on your dashboard for ${dateTime(session.scheduled_at)}.`,
        });
        navigate("/dashboard");
      } else {
        navigate(`/interviews/${session.id}/room`);
      }
    } catch (caught) {
      if (caught instanceof ApiError) form.setErrors(caught.fields);
      setError(caught);
    } finally {
      setBusy(false);
    }
  });

  const limitReached = error instanceof ApiError && error.code === "plan_limit_reached";
  const resumeOptions = [
    { value: "", label: "No resume" },
    ...(resumes.data ?? [])
      .filter((r) => r.is_analyzed)
      .map((r) => ({ value: r.id, label: `${r.file_name}${r.is_active ? " (active)" : ""}` })),
  ];

  return (
    <Page title="New interview" width={760}>
      <Text>
        Questions are picked for the role and level you choose; with a resume, some are built from your own
        experience. You'll check your microphone before the first question.
      </Text>
      {limits.data?.limits.sessions_per_month != null && (
        <Text size="sm" c="dimmed" data-testid="plan-usage">
          {limits.data.sessions_this_month} of {limits.data.limits.sessions_per_month} interviews used this
          month on your {limits.data.plan} plan.
        </Text>
      )}
      <Card withBorder padding="lg">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {error !== undefined && (
              <Alert
                color={limitReached ? "orange" : "red"}
                role="alert"
                title={limitReached ? "Plan limit reached" : "Couldn't create the interview"}
              >
                {humanize(error)}
                {limitReached && (
                  <Text size="sm" mt={4}>
                    Try fewer questions, or wait until next month. <Link to="/profile">See your plan</Link>.
                  </Text>
                )}
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label="Role"
                required
                searchable
                data={(roles.data ?? []).map((r) => ({ value: r.id, label: r.title }))}
                nothingFoundMessage="No role matches"
                data-testid="new-interview-role"
                {...form.getInputProps("job_role_id")}
                onChange={(v) => form.setFieldValue("job_role_id", v ?? "")}
              />
              <Select
                label="Resume"
                description={
                  resumes.data?.length ? undefined : "Upload one on the Resumes page for tailored questions."
                }
                data={resumeOptions}
                data-testid="new-interview-resume"
                {...form.getInputProps("resume_id")}
                onChange={(v) => form.setFieldValue("resume_id", v ?? "")}
              />
            </SimpleGrid>
            <div>
              <Text size="sm" fw={500} id="type-label" mb={4}>
                Type
              </Text>
              <SegmentedControl
                data={TYPES}
                fullWidth
                aria-labelledby="type-label"
                {...form.getInputProps("session_type")}
              />
            </div>
            <div>
              <Text size="sm" fw={500} id="difficulty-label" mb={4}>
                Difficulty
              </Text>
              <SegmentedControl
                data={DIFFICULTIES}
                fullWidth
                aria-labelledby="difficulty-label"
                {...form.getInputProps("difficulty_level")}
              />
            </div>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput
                label="Number of questions"
                description={
                  limits.data
                    ? `Up to ${maxQuestions} on your ${limits.data.plan} plan.`
                    : "Your plan sets the maximum."
                }
                min={1}
                max={maxQuestions}
                data-testid="new-interview-count"
                {...form.getInputProps("total_questions")}
              />
              <TextInput
                label="Name (optional)"
                placeholder="e.g. Backend practice"
                {...form.getInputProps("session_name")}
              />
            </SimpleGrid>
            <Switch label="Schedule it for later" {...form.getInputProps("schedule", { type: "checkbox" })} />
            {form.values.schedule && (
              <TextInput
                type="datetime-local"
                label="When"
                min={localInput(new Date())}
                {...form.getInputProps("scheduled_at")}
              />
            )}
            <Button type="submit" loading={busy} data-testid="new-interview-submit" w="fit-content">
              {form.values.schedule ? "Schedule interview" : "Continue to the interview room"}
            </Button>
          </Stack>
        </form>
      </Card>
    </Page>
  );
}
