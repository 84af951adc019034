import { Alert, Badge, Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { download } from "../api/client.ts";
import { ApiError, humanize } from "../api/errors.ts";
import { useReport } from "../api/queries.ts";
import type { Report } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { Page } from "../components/page.tsx";
import { PageLoader } from "../components/page-loader.tsx";
import { dateTime, duration, score, scoreColor, titleCase } from "../format.ts";
import { AnswerSection } from "../report/answer-section.tsx";
import { PlanSection } from "../report/plan-section.tsx";

const DIMENSIONS = [
  { key: "overall_score", label: "Overall", expected: "overall", explain: "The mean score of your answers." },
  {
    key: "technical_score",
    label: "Technical",
    expected: "technical",
    explain: "Correctness and coverage of the key concepts.",
  },
  {
    key: "communication_score",
    label: "Communication",
    expected: "communication",
    explain: "Clarity and structure: a main point, an example, a result.",
  },
  {
    key: "confidence_score",
    label: "Confidence",
    expected: "confidence",
    explain: "How assured you sounded: pace, fillers, hedging and pauses.",
  },
] as const;

function ScoreCards({ report }: { report: Report }) {
  const expected = report.feedback?.industry_benchmark_comparison?.expected ?? {};
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }}>
      {DIMENSIONS.map((d) => {
        const value = report.session[d.key];
        return (
          <Card
            key={d.key}
            withBorder
            padding="md"
            className="print-block"
            data-testid={`score-card-${d.expected}`}
          >
            <Text size="sm" c="dimmed">
              {d.label}
            </Text>
            <Text fz={32} fw={800} c={scoreColor(value)} lh={1.1}>
              {score(value)}
              <Text span size="sm" c="dimmed" fw={400}>
                {" "}
                / 10
              </Text>
            </Text>
            {expected[d.expected] !== undefined && (
              <Text size="xs" c="dimmed">
                Expected for the role: {score(expected[d.expected])}
              </Text>
            )}
            <Text size="xs" mt={4}>
              {d.explain}
            </Text>
          </Card>
        );
      })}
    </SimpleGrid>
  );
}

function Lists({ report }: { report: Report }) {
  const s = report.session;
  const blocks = [
    { title: "Strengths", items: s.strengths, color: "green" },
    { title: "To work on", items: s.areas_for_improvement, color: "orange" },
    { title: "Recommendations", items: s.recommendations, color: "indigo" },
  ];
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }}>
      {blocks.map((b) => (
        <Card key={b.title} withBorder padding="md" className="print-block">
          <Title order={2} size="h5" mb="xs">
            {b.title}
          </Title>
          {b.items?.length ? (
            <List size="sm" spacing={4}>
              {b.items.map((item) => (
                <List.Item key={item}>{item}</List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm" c="dimmed">
              Nothing stood out yet.
            </Text>
          )}
        </Card>
      ))}
    </SimpleGrid>
  );
}

export default function ReportPage() {
  const { id = "" } = useParams();
  const report = useReport(id);
  const [saving, setSaving] = useState(false);
  const [pdfError, setPdfError] = useState<string>();
  const savePdf = async () => {
    setSaving(true);
    setPdfError(undefined);
    try {
      const title = report.data?.role?.title ?? "interview";
      await download(
        `/api/interviews/${id}/report.pdf`,
        `rehearse-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-report.pdf`,
      );
    } catch (error) {
      setPdfError(humanize(error));
    } finally {
      setSaving(false);
    }
  };
  if (report.isPending) return <PageLoader label="Loading your report…" />;
  if (report.isError) {
    const notReady = report.error instanceof ApiError && report.error.code === "report_not_ready";
    return notReady ? (
      <Page title="Report not ready yet">
        <Alert color="blue">The report is ready once the interview is completed.</Alert>
        <Button component={Link} to={`/interviews/${id}/room`} w="fit-content">
          Back to the interview
        </Button>
      </Page>
    ) : (
      <ErrorAlert error={report.error} onRetry={() => report.refetch()} />
    );
  }
  const r = report.data;
  const s = r.session;
  return (
    <Page
      title={`${r.role?.title ?? "Interview"} report`}
      actions={
        <>
          <Button variant="default" onClick={savePdf} loading={saving} data-testid="download-pdf">
            Download PDF
          </Button>
          <Button variant="default" onClick={() => window.print()} className="no-print">
            Print
          </Button>
          {r.role && (
            <Button component={Link} to={`/interviews/new?role=${r.role.id}`}>
              Practise again
            </Button>
          )}
        </>
      }
    >
      {pdfError && (
        <Text size="sm" c="red" role="alert" className="no-print">
          {pdfError}
        </Text>
      )}
      <Group gap="xs">
        <Badge variant="light">{titleCase(s.session_type)}</Badge>
        <Badge variant="light" color="gray">
          {titleCase(s.difficulty_level)}
        </Badge>
        <Text size="sm" c="dimmed">
          {dateTime(s.completed_at)} · {duration(s.duration_seconds)} · {s.questions_answered} of{" "}
          {s.total_questions} questions answered
        </Text>
      </Group>
      {r.ended_by === "time_limit" && (
        <Alert color="yellow">This interview ended automatically when it reached the maximum duration.</Alert>
      )}
      <ScoreCards report={r} />
      {s.ai_feedback && (
        <Card withBorder padding="lg" className="print-block">
          <Title order={2} size="h4" mb="xs">
            Summary
          </Title>
          <Text>{s.ai_feedback}</Text>
        </Card>
      )}
      <Lists report={r} />
      <Stack gap="md">
        <Title order={2} size="h3">
          Your answers
        </Title>
        {r.questions.map((q) => (
          <AnswerSection key={q.question_order} sessionId={s.id} question={q} />
        ))}
      </Stack>
      {r.feedback && <PlanSection feedback={r.feedback} />}
    </Page>
  );
}
