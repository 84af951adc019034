import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Loader,
  RingProgress,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api } from "../api/client.ts";
import { humanize } from "../api/errors.ts";
import { keys } from "../api/keys.ts";
import { useResumeAnalysis, useRoles } from "../api/queries.ts";
import type { JobRole, Resume, ResumeAnalysis } from "../api/types.ts";
import { useConfirm } from "../components/confirm.tsx";
import { ErrorAlert } from "../components/error-alert.tsx";
import { BarsChart } from "../components/lazy-charts.tsx";
import { Page } from "../components/page.tsx";
import { PageLoader } from "../components/page-loader.tsx";
import { Quoted, splitIssue } from "../components/quoted.tsx";
import { ResumeStatus } from "../components/resume-status.tsx";
import { dateTime, score, scoreColor, titleCase } from "../format.ts";

const SECTIONS: [keyof ResumeAnalysis, string][] = [
  ["contact_info_score", "Contact info"],
  ["summary_score", "Summary"],
  ["experience_score", "Experience"],
  ["education_score", "Education"],
  ["skills_score", "Skills"],
  ["projects_score", "Projects"],
];

function Scores({ analysis }: { analysis: ResumeAnalysis }) {
  return (
    <Card withBorder padding="lg" className="print-block">
      <Group align="flex-start" wrap="wrap" gap="xl">
        <Stack align="center" gap={4} data-testid="score-card-resume-overall">
          <RingProgress
            size={140}
            thickness={12}
            roundCaps
            sections={[{ value: analysis.overall_score * 10, color: scoreColor(analysis.overall_score) }]}
            label={
              <Text ta="center" fw={800} fz={28}>
                {score(analysis.overall_score)}
              </Text>
            }
            aria-hidden="true"
          />
          <Text fw={600}>Overall score: {score(analysis.overall_score)} / 10</Text>
          <Text size="sm" c="dimmed">
            ATS readability {score(analysis.ats_score)} / 10
          </Text>
        </Stack>
        <Stack gap="xs" style={{ flex: 1, minWidth: 260 }}>
          <Title order={2} size="h4">
            Summary
          </Title>
          <Text>{analysis.overall_feedback}</Text>
          <Text size="sm" c="dimmed">
            Analyzed {dateTime(analysis.analyzed_at)}
          </Text>
        </Stack>
      </Group>
      <div style={{ marginTop: 16 }}>
        <BarsChart
          caption="Section scores (out of 10)"
          data={SECTIONS.map(([key, label]) => ({ section: label, score: Number(analysis[key]) }))}
          dataKey="section"
          series={[{ name: "score", label: "Score", color: "indigo.6" }]}
          horizontal
          height={240}
          testId="chart-resume-sections"
        />
      </div>
    </Card>
  );
}

function AtsIssues({ issues }: { issues: string[] }) {
  return (
    <Card withBorder padding="lg" className="print-block">
      <Title order={2} size="h4" mb="sm">
        ATS issues
      </Title>
      {issues.length === 0 ? (
        <Text>No problems found: applicant-tracking systems should read this file cleanly.</Text>
      ) : (
        <Stack gap="sm">
          {issues.map((issue) => {
            const { problem, fix } = splitIssue(issue);
            return (
              <Alert key={issue} color="orange" variant="light" title={problem}>
                {fix && (
                  <Text size="sm">
                    <strong>How to fix: </strong>
                    {fix}
                  </Text>
                )}
              </Alert>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}

function Keywords({ analysis, role }: { analysis: ResumeAnalysis; role: JobRole | undefined }) {
  return (
    <Card withBorder padding="lg" className="print-block">
      <Title order={2} size="h4" mb={4}>
        Keywords for {role ? role.title : "the best-matching role"}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        What recruiters and ATS searches for this role look for, and whether your resume says it.
      </Text>
      <Text fw={600} size="sm">
        Found in your resume
      </Text>
      <Group gap={6} my="xs">
        {analysis.relevant_keywords.length === 0 && <Text size="sm">None yet.</Text>}
        {analysis.relevant_keywords.map((k) => (
          <Badge key={k} color="green" variant="light">
            {k}
          </Badge>
        ))}
      </Group>
      <Text fw={600} size="sm">
        Missing
      </Text>
      <Group gap={6} my="xs">
        {analysis.missing_keywords.length === 0 && <Text size="sm">Nothing important is missing.</Text>}
        {analysis.missing_keywords.map((k) => (
          <Badge key={k} color="red" variant="light">
            {k}
          </Badge>
        ))}
      </Group>
    </Card>
  );
}

function Details({ analysis, roles }: { analysis: ResumeAnalysis; roles: JobRole[] }) {
  const byTitle = new Map(roles.map((r) => [r.title.toLowerCase(), r]));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Card withBorder padding="lg" className="print-block">
        <Title order={2} size="h4" mb="sm">
          Skills found ({analysis.extracted_skills.length})
        </Title>
        <Group gap={6}>
          {analysis.extracted_skills.map((s) => (
            <Badge key={s} variant="outline" tt="none">
              {s}
              {analysis.keyword_density[s] ? ` ×${analysis.keyword_density[s]}` : ""}
            </Badge>
          ))}
        </Group>
        <List mt="md" size="sm" spacing={4}>
          <List.Item>Experience: {analysis.extracted_experience_years ?? "?"} years</List.Item>
          <List.Item>
            Education:{" "}
            {analysis.extracted_education_level ? titleCase(analysis.extracted_education_level) : "not found"}
          </List.Item>
          {analysis.extracted_job_titles.length > 0 && (
            <List.Item>Titles: {analysis.extracted_job_titles.join(", ")}</List.Item>
          )}
          {analysis.extracted_companies.length > 0 && (
            <List.Item>Companies: {analysis.extracted_companies.join(", ")}</List.Item>
          )}
          {analysis.missing_sections.length > 0 && (
            <List.Item>Missing sections: {analysis.missing_sections.map(titleCase).join(", ")}</List.Item>
          )}
        </List>
      </Card>
      <Card withBorder padding="lg" className="print-block">
        <Title order={2} size="h4" mb="sm">
          Recommended roles
        </Title>
        <Stack gap="xs">
          {analysis.recommended_job_roles.map((title) => {
            const role = byTitle.get(title.toLowerCase());
            return role ? (
              <Group key={title} justify="space-between">
                <Anchor component={Link} to={`/roles/${role.id}`}>
                  {title}
                </Anchor>
                <Button size="xs" variant="light" component={Link} to={`/interviews/new?role=${role.id}`}>
                  Practise
                </Button>
              </Group>
            ) : (
              <Text key={title}>{title}</Text>
            );
          })}
        </Stack>
      </Card>
    </SimpleGrid>
  );
}

function Suggestions({ items }: { items: string[] }) {
  return (
    <Card withBorder padding="lg" className="print-block">
      <Title order={2} size="h4" mb="sm">
        Suggestions
      </Title>
      {items.length === 0 ? (
        <Text>No suggestions: this resume reads well.</Text>
      ) : (
        <List spacing="sm" type="ordered">
          {items.map((item) => (
            <List.Item key={item}>
              <Quoted text={item} />
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}

function Rerun({ resume, roles }: { resume: Resume; roles: JobRole[] }) {
  const queryClient = useQueryClient();
  const [role, setRole] = useState<string | null>(resume.target_role_id);
  const rerun = useMutation({
    mutationFn: () =>
      api<Resume>(`/api/resumes/${resume.id}/analyze`, {
        method: "POST",
        query: { role: role ?? undefined },
      }),
    onSuccess: () => {
      notifications.show({ message: "The analysis is running again." });
      void queryClient.invalidateQueries({ queryKey: keys.resumes });
      void queryClient.invalidateQueries({ queryKey: keys.resumeAnalysis(resume.id) });
    },
    onError: (e) =>
      notifications.show({ color: "red", title: "Couldn't start the analysis", message: humanize(e) }),
  });
  return (
    <Group align="flex-end" wrap="wrap" className="no-print">
      <Select
        label="Judge against role"
        placeholder="Best-matching role"
        data={roles.map((r) => ({ value: r.id, label: r.title }))}
        value={role}
        onChange={setRole}
        clearable
        searchable
        w={260}
        data-testid="rerun-role"
      />
      <Button onClick={() => rerun.mutate()} loading={rerun.isPending} data-testid="rerun-analysis">
        Re-run analysis
      </Button>
    </Group>
  );
}

export default function ResumeDetailPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [dialog, confirm] = useConfirm();
  const resume = useQuery({
    queryKey: [...keys.resumes, id],
    queryFn: () => api<Resume>(`/api/resumes/${id}`),
  });
  const analysis = useResumeAnalysis(id);
  const roles = useRoles();

  const activate = useMutation({
    mutationFn: () => api<Resume>(`/api/resumes/${id}`, { method: "PATCH", body: { is_active: true } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.resumes }),
    onError: (e) => notifications.show({ color: "red", message: humanize(e) }),
  });
  const remove = useMutation({
    mutationFn: () => api<void>(`/api/resumes/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.resumes });
      navigate("/resumes");
    },
    onError: (e) => notifications.show({ color: "red", message: humanize(e) }),
  });
  const download = () =>
    api<{ url: string }>(`/api/resumes/${id}/download`)
      .then(({ url }) => window.open(url, "_blank", "noopener"))
      .catch((e: unknown) => notifications.show({ color: "red", message: humanize(e) }));

  if (resume.isPending) return <PageLoader />;
  if (resume.isError) return <ErrorAlert error={resume.error} onRetry={() => resume.refetch()} />;
  const r = resume.data;
  const state = analysis.data;
  const status = state?.status ?? r.status ?? "queued";
  const role = roles.data?.find((x) => x.id === r.target_role_id);

  return (
    <Page
      title={r.file_name}
      actions={
        <>
          <Button variant="default" onClick={download}>
            Download PDF
          </Button>
          <Button variant="default" disabled={r.is_active} onClick={() => activate.mutate()}>
            {r.is_active ? "Active resume" : "Set as active"}
          </Button>
          <Button
            color="red"
            variant="outline"
            onClick={async () => {
              if (
                await confirm({
                  title: "Delete this resume?",
                  message: "It and its analysis will be deleted.",
                  confirmLabel: "Delete",
                  danger: true,
                })
              )
                remove.mutate();
            }}
          >
            Delete
          </Button>
        </>
      }
    >
      {dialog}
      <Group gap="sm">
        <ResumeStatus resume={{ ...r, status }} />
        {r.is_active && <Badge color="indigo">Active</Badge>}
      </Group>
      <Rerun resume={r} roles={roles.data ?? []} />
      {analysis.isError && <ErrorAlert error={analysis.error} onRetry={() => analysis.refetch()} />}
      {(status === "queued" || status === "analyzing") && (
        <Alert color="blue" role="status" icon={<Loader size="sm" />} title="Analyzing your resume">
          This usually takes a few seconds. The report appears here by itself.
        </Alert>
      )}
      {status === "failed" && (
        <Alert color="red" role="alert" title="The analysis failed">
          {state?.reason ?? r.status_reason ?? "The file could not be analyzed."} You can re-run it, or upload
          a text PDF exported from your editor.
        </Alert>
      )}
      {state?.analysis && (
        <Stack gap="lg">
          <Scores analysis={state.analysis} />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <AtsIssues issues={state.analysis.ats_issues} />
            <Keywords analysis={state.analysis} role={role} />
          </SimpleGrid>
          <Suggestions items={state.analysis.improvement_suggestions} />
          <Details analysis={state.analysis} roles={roles.data ?? []} />
        </Stack>
      )}
    </Page>
  );
}
