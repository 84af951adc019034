import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from "@mantine/core";
import { Link } from "react-router";
import { useAnalytics, useInterviews, useProfile, useResumes, useRoles } from "../api/queries.ts";
import type { Analytics, InterviewSession, Point } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { BarsChart, ScoreTrendChart } from "../components/lazy-charts.tsx";
import { Page } from "../components/page.tsx";
import { PageLoader } from "../components/page-loader.tsx";
import {
  date,
  dateTime,
  duration,
  STATUS_LABELS,
  score,
  scoreColor,
  sessionLink,
  titleCase,
} from "../format.ts";

const DIMENSION_SERIES = [
  { name: "overall", label: "Overall", color: "indigo.6" },
  { name: "technical", label: "Technical", color: "teal.6" },
  { name: "communication", label: "Communication", color: "orange.6" },
  { name: "confidence", label: "Confidence", color: "grape.6" },
];

function trendRows(analytics: Analytics) {
  const rows = new Map<string, Record<string, string | number | null>>();
  for (const s of DIMENSION_SERIES) {
    for (const p of analytics.skill_improvements.dimensions[s.name] ?? []) {
      const row = rows.get(p.session_id) ?? { label: date(p.completed_at), at: p.completed_at };
      row[s.name] = Math.round(p.score * 10) / 10;
      rows.set(p.session_id, row);
    }
  }
  const sorted = [...rows.values()].sort((a, b) => String(a.at).localeCompare(String(b.at)));
  // Two interviews on one day get distinct labels ("Nov 26", "Nov 26 #2").
  const seen = new Map<string, number>();
  for (const row of sorted) {
    const count = (seen.get(String(row.label)) ?? 0) + 1;
    seen.set(String(row.label), count);
    if (count > 1) row.label = `${row.label} #${count}`;
  }
  return sorted;
}

/** Monday of the week of a date, in the browser's time zone. */
function weekStart(value: Date): Date {
  const d = new Date(value.getFullYear(), value.getMonth(), value.getDate());
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d;
}

function weeklyRows(sessions: InterviewSession[], weeks = 8) {
  const now = weekStart(new Date());
  const rows = Array.from({ length: weeks }, (_, i) => {
    const start = new Date(now);
    start.setDate(start.getDate() - 7 * (weeks - 1 - i));
    return {
      start,
      week: start.toLocaleDateString(undefined, { month: "short", day: "numeric" }),
      sessions: 0,
    };
  });
  for (const s of sessions) {
    if (!s.completed_at) continue;
    const start = weekStart(new Date(s.completed_at)).getTime();
    const row = rows.find((r) => r.start.getTime() === start);
    if (row) row.sessions += 1;
  }
  return rows.map(({ week, sessions: count }) => ({ week, sessions: count }));
}

function recentMean(points: Point[] | undefined): number | null {
  const recent = (points ?? []).slice(-5);
  if (recent.length === 0) return null;
  return Math.round((recent.reduce((n, p) => n + p.score, 0) / recent.length) * 10) / 10;
}

function GettingStarted({ hasProfile, hasResume }: { hasProfile: boolean; hasResume: boolean }) {
  const steps = [
    {
      done: hasProfile,
      title: "Tell us your level and target roles",
      to: "/profile",
      action: "Edit profile",
    },
    { done: hasResume, title: "Upload your resume for an analysis", to: "/resumes", action: "Upload resume" },
    {
      done: false,
      title: "Take your first practice interview",
      to: "/interviews/new",
      action: "Start interview",
    },
  ];
  return (
    <Card withBorder padding="xl" data-testid="empty-state">
      <Stack>
        <Title order={2} size="h3">
          Start here
        </Title>
        <Text>
          Your progress charts fill in after your first completed interview. Three steps get you there — the
          last one takes about ten minutes.
        </Text>
        <List spacing="md" center>
          {steps.map((step, i) => (
            <List.Item
              key={step.title}
              icon={
                <ThemeIcon color={step.done ? "green" : "indigo"} radius="xl" size={28} aria-hidden="true">
                  {step.done ? "✓" : i + 1}
                </ThemeIcon>
              }
            >
              <Group gap="sm" wrap="wrap">
                <Text td={step.done ? "line-through" : undefined}>
                  {step.title}
                  {step.done && <span className="sr-only"> (done)</span>}
                </Text>
                {!step.done && (
                  <Button size="xs" component={Link} to={step.to} variant={i === 2 ? "filled" : "light"}>
                    {step.action}
                  </Button>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  );
}

function ContinueCard({ session, roleTitle }: { session: InterviewSession; roleTitle: string }) {
  const link = sessionLink(session);
  return (
    <Card withBorder padding="lg" data-testid="continue-card">
      <Text size="sm" c="dimmed">
        Continue where you left off
      </Text>
      <Title order={2} size="h4">
        {session.session_name ?? roleTitle}
      </Title>
      <Text size="sm" mb="sm">
        {STATUS_LABELS[session.status]} · {session.questions_answered} of {session.total_questions} answered
      </Text>
      {link && (
        <Button component={Link} to={link.to} w="fit-content">
          {link.label}
        </Button>
      )}
    </Card>
  );
}

function LatestReport({ session, roleTitle }: { session: InterviewSession; roleTitle: string }) {
  return (
    <Card withBorder padding="lg" data-testid="latest-report">
      <Text size="sm" c="dimmed">
        Latest report · {dateTime(session.completed_at)}
      </Text>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Title order={2} size="h4">
          {session.session_name ?? roleTitle}
        </Title>
        <Badge size="xl" color={scoreColor(session.overall_score)} style={{ flexShrink: 0 }}>
          {score(session.overall_score)}
        </Badge>
      </Group>
      {session.ai_feedback && (
        <Text size="sm" lineClamp={3} my="xs">
          {session.ai_feedback}
        </Text>
      )}
      <Anchor component={Link} to={`/interviews/${session.id}/report`}>
        Read the full report
      </Anchor>
    </Card>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={26} fw={800}>
        {value}
      </Text>
    </Card>
  );
}

export default function DashboardPage() {
  const analytics = useAnalytics();
  const recent = useInterviews({ limit: 20 });
  const completed = useInterviews({ status: "completed", limit: 100 });
  const profile = useProfile();
  const resumes = useResumes();
  const roles = useRoles();
  const roleTitle = (id: string | null) => roles.data?.find((r) => r.id === id)?.title ?? "Interview";

  if (analytics.isPending || recent.isPending) return <PageLoader />;
  if (analytics.isError) return <ErrorAlert error={analytics.error} onRetry={() => analytics.refetch()} />;
  if (recent.isError) return <ErrorAlert error={recent.error} onRetry={() => recent.refetch()} />;

  const a = analytics.data;
  const open = recent.data.find((s) => s.status === "in_progress" || s.status === "paused");
  const upcoming = recent.data
    .filter((s) => s.status === "scheduled")
    // Dated ones first, soonest first; the undated (set up but not started) after them.
    .sort((x, y) => String(x.scheduled_at ?? "~").localeCompare(String(y.scheduled_at ?? "~")));
  const latest = recent.data.find((s) => s.status === "completed");
  const name = profile.data?.full_name?.split(" ")[0];
  const p = profile.data;
  const hasProfile = Boolean(p?.experience_level || p?.preferred_job_roles?.length);
  const areas = [...a.strength_areas, ...a.weakness_areas];
  const areaPoints = (n: string) => a.skill_improvements.dimensions[n] ?? a.skill_improvements.skills[n];
  const rolesRows = Object.values(a.preferred_job_roles).map((r) => ({
    role: r.title,
    average: r.average === null ? null : Math.round(r.average * 10) / 10,
    best: r.best === null ? null : Math.round(r.best * 10) / 10,
  }));

  return (
    <Page
      title={name ? `Welcome back, ${name}` : "Dashboard"}
      actions={
        <Button component={Link} to="/interviews/new" data-testid="dashboard-new-interview">
          New interview
        </Button>
      }
    >
      {open && <ContinueCard session={open} roleTitle={roleTitle(open.job_role_id)} />}
      {upcoming.length > 0 && (
        <Card withBorder padding="md">
          <Title order={2} size="h5" mb="xs">
            Not started yet
          </Title>
          <Stack gap={4}>
            {upcoming.map((s) => (
              <Group key={s.id} justify="space-between">
                <Text size="sm">
                  {s.session_name ?? roleTitle(s.job_role_id)}
                  {s.scheduled_at ? ` — ${dateTime(s.scheduled_at)}` : " — ready whenever you are"}
                </Text>
                <Button size="xs" variant="light" component={Link} to={`/interviews/${s.id}/room`}>
                  Start now
                </Button>
              </Group>
            ))}
          </Stack>
        </Card>
      )}
      {a.completed_interviews === 0 ? (
        <GettingStarted hasProfile={hasProfile} hasResume={(resumes.data?.length ?? 0) > 0} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
            <Stat
              label="Interviews completed"
              value={String(a.completed_interviews)}
              testId="stat-completed"
            />
            <Stat label="Average score" value={score(a.average_score)} testId="stat-average" />
            <Stat label="Best score" value={score(a.best_score)} testId="stat-best" />
            <Stat label="Latest score" value={score(a.latest_score)} testId="stat-latest" />
            <Stat label="Interviews this week" value={String(a.sessions_this_week)} testId="stat-week" />
            <Stat
              label="Practice time"
              value={duration(a.total_practice_time_minutes * 60)}
              testId="stat-time"
            />
          </SimpleGrid>
          {latest && <LatestReport session={latest} roleTitle={roleTitle(latest.job_role_id)} />}
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Card withBorder padding="lg">
              <ScoreTrendChart
                caption="Scores over time (out of 10)"
                data={trendRows(a)}
                series={DIMENSION_SERIES}
              />
            </Card>
            <Card withBorder padding="lg">
              <BarsChart
                caption="Completed interviews per week"
                data={weeklyRows(completed.data ?? [])}
                dataKey="week"
                series={[{ name: "sessions", label: "Interviews", color: "indigo.6" }]}
                max="auto"
                testId="chart-weekly"
              />
            </Card>
            <Card withBorder padding="lg">
              <Stack gap="xs">
                <Title order={2} size="h5">
                  Strengths and weaknesses
                </Title>
                <Group gap={6}>
                  {a.strength_areas.map((s) => (
                    <Badge key={s} color="green" variant="light" tt="none">
                      Strong: {titleCase(s)}
                    </Badge>
                  ))}
                  {a.weakness_areas.map((s) => (
                    <Badge key={s} color="red" variant="light" tt="none">
                      To work on: {titleCase(s)}
                    </Badge>
                  ))}
                  {areas.length === 0 && <Text size="sm">Nothing stands out yet: keep practising.</Text>}
                </Group>
                {areas.length > 0 && (
                  <BarsChart
                    caption="Recent average by area (last 5 interviews)"
                    data={areas.map((n) => ({ area: titleCase(n), score: recentMean(areaPoints(n)) }))}
                    dataKey="area"
                    series={[{ name: "score", label: "Recent average", color: "indigo.6" }]}
                    horizontal
                    height={Math.max(160, areas.length * 40)}
                    testId="chart-strengths"
                  />
                )}
              </Stack>
            </Card>
            <Card withBorder padding="lg">
              {rolesRows.length > 0 ? (
                <BarsChart
                  caption="Performance per role"
                  data={rolesRows}
                  dataKey="role"
                  series={[
                    { name: "average", label: "Average", color: "indigo.6" },
                    { name: "best", label: "Best", color: "teal.6" },
                  ]}
                  testId="chart-roles"
                />
              ) : (
                <Text size="sm">Per-role results appear after your first scored interview.</Text>
              )}
            </Card>
          </SimpleGrid>
        </>
      )}
    </Page>
  );
}
