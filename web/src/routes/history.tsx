import { Anchor, Badge, Button, Group, Select, Table, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { useInterviews, useRoles } from "../api/queries.ts";
import type { SessionStatus } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { Page } from "../components/page.tsx";
import { PageLoader } from "../components/page-loader.tsx";
import { Pager } from "../components/pager.tsx";
import { TableHead } from "../components/table-head.tsx";
import {
  dateTime,
  duration,
  STATUS_COLORS,
  STATUS_LABELS,
  score,
  sessionLink,
  titleCase,
} from "../format.ts";

const PAGE = 20;
const STATUSES = [
  { value: "", label: "All statuses" },
  ...Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })),
];

export default function HistoryPage() {
  const [status, setStatus] = useState<string>("");
  const [page, setPage] = useState(0);
  const sessions = useInterviews({
    status: (status || undefined) as SessionStatus | undefined,
    limit: PAGE,
    offset: page * PAGE,
  });
  const roles = useRoles();
  const roleTitle = (id: string | null) => roles.data?.find((r) => r.id === id)?.title ?? "—";

  return (
    <Page title="Interview history">
      <Group align="flex-end">
        <Select
          label="Status"
          data={STATUSES}
          value={status}
          onChange={(v) => {
            setStatus(v ?? "");
            setPage(0);
          }}
          w={220}
          data-testid="history-status-filter"
        />
      </Group>
      {sessions.isPending && <PageLoader />}
      {sessions.isError && <ErrorAlert error={sessions.error} onRetry={() => sessions.refetch()} />}
      {sessions.data?.length === 0 && (
        <Text c="dimmed">
          {status ? "No interview with this status." : "No interview yet."}{" "}
          <Anchor component={Link} to="/interviews/new">
            Start one
          </Anchor>
          .
        </Text>
      )}
      {sessions.data && sessions.data.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover verticalSpacing="sm" data-testid="history-table">
            <TableHead columns={["Interview", "Status", "Date", "Questions", "Score", "Time"]} />
            <Table.Tbody>
              {sessions.data.map((s) => {
                const link = sessionLink(s);
                return (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Text fw={500}>{s.session_name ?? roleTitle(s.job_role_id)}</Text>
                      <Text size="xs" c="dimmed">
                        {roleTitle(s.job_role_id)} · {titleCase(s.session_type)} ·{" "}
                        {titleCase(s.difficulty_level)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        color={STATUS_COLORS[s.status]}
                        variant="light"
                        style={{ flexShrink: 0 }}
                        miw="max-content"
                      >
                        {STATUS_LABELS[s.status] ?? s.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {dateTime(s.completed_at ?? s.started_at ?? s.scheduled_at ?? s.created_at)}
                    </Table.Td>
                    <Table.Td>
                      {s.questions_answered} / {s.total_questions}
                    </Table.Td>
                    <Table.Td>{score(s.overall_score)}</Table.Td>
                    <Table.Td>{duration(s.duration_seconds)}</Table.Td>
                    <Table.Td>
                      {link && (
                        <Button
                          size="xs"
                          variant="light"
                          component={Link}
                          to={link.to}
                          aria-label={`${link.label}: ${s.session_name ?? "interview"}`}
                        >
                          {link.label}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager
        page={page}
        onPage={setPage}
        hasMore={!((sessions.data?.length ?? 0) < PAGE)}
        labels={["Newer", "Older"]}
      />
    </Page>
  );
}
