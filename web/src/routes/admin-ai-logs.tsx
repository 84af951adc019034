import {
  Badge,
  Button,
  Card,
  Code,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../api/client.ts";
import { keys } from "../api/keys.ts";
import type { AiLog, AiLogPage } from "../api/types.ts";
import { AdminOnly } from "../components/admin-only.tsx";
import { ErrorAlert } from "../components/error-alert.tsx";
import { Page } from "../components/page.tsx";
import { PageLoader } from "../components/page-loader.tsx";
import { Pager } from "../components/pager.tsx";
import { TableHead } from "../components/table-head.tsx";
import { dateTime, titleCase } from "../format.ts";

const PAGE = 50;
const REQUEST_TYPES = ["resume_analysis", "interview_evaluation", "question_generation", "transcription"];
const STATUSES = ["success", "error", "timeout", "fallback"];
const STATUS_COLORS: Record<string, string> = {
  success: "green",
  error: "red",
  timeout: "orange",
  fallback: "yellow",
};

function Detail({ log, onClose }: { log: AiLog | undefined; onClose: () => void }) {
  return (
    <Modal opened={Boolean(log)} onClose={onClose} title="AI call" size="xl">
      {log && (
        <Stack gap="sm">
          <Text size="sm">
            {log.api_endpoint} · {titleCase(log.request_type)} · {log.processing_time_ms ?? "?"} ms ·{" "}
            {log.tokens_used ?? "—"} tokens · {dateTime(log.created_at)}
          </Text>
          {log.error_message && (
            <Text size="sm" c="red">
              {log.error_message}
            </Text>
          )}
          <Text fw={600} size="sm">
            Request
          </Text>
          <Code block>{JSON.stringify(log.request_payload, null, 2)}</Code>
          <Text fw={600} size="sm">
            Response
          </Text>
          <Code block>{JSON.stringify(log.response_payload, null, 2)}</Code>
        </Stack>
      )}
    </Modal>
  );
}

function Logs() {
  const [provider, setProvider] = useState("");
  const [requestType, setRequestType] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<AiLog>();
  const [debouncedProvider] = useDebouncedValue(provider, 300);
  const query = {
    provider: debouncedProvider,
    request_type: requestType,
    status,
    limit: PAGE,
    offset: page * PAGE,
  };
  const logs = useQuery({
    queryKey: [...keys.adminLogs, query],
    queryFn: () => api<AiLogPage>("/api/admin/ai-logs", { query }),
    placeholderData: keepPreviousData,
  });
  const reset = () => setPage(0);
  return (
    <Page title="AI call log">
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label="Provider"
          placeholder="e.g. builtin, gemini"
          value={provider}
          onChange={(e) => {
            setProvider(e.currentTarget.value);
            reset();
          }}
        />
        <Select
          label="Request type"
          data={REQUEST_TYPES.map((t) => ({ value: t, label: titleCase(t) }))}
          value={requestType}
          onChange={(v) => {
            setRequestType(v);
            reset();
          }}
          clearable
          placeholder="Any"
        />
        <Select
          label="Status"
          data={STATUSES.map((t) => ({ value: t, label: titleCase(t) }))}
          value={status}
          onChange={(v) => {
            setStatus(v);
            reset();
          }}
          clearable
          placeholder="Any"
        />
      </Group>
      {logs.isPending && <PageLoader />}
      {logs.isError && <ErrorAlert error={logs.error} onRetry={() => logs.refetch()} />}
      {logs.data && (
        <>
          <Card withBorder padding="md">
            <Title order={2} size="h5" mb="xs">
              Last 7 days
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
              {logs.data.last_7_days.map((row) => (
                <Text key={`${row.request_type}-${row.status}`} size="sm">
                  {titleCase(row.request_type)}{" "}
                  <Badge size="xs" color={STATUS_COLORS[row.status] ?? "gray"} variant="light">
                    {row.status}
                  </Badge>
                  : {row.calls} calls, {row.avg_ms ?? "—"} ms avg
                </Text>
              ))}
              {logs.data.last_7_days.length === 0 && <Text size="sm">No calls in the last 7 days.</Text>}
            </SimpleGrid>
          </Card>
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover data-testid="ai-log-table">
              <TableHead
                columns={["When", "Endpoint", "Type", "Status", "Time", "Tokens"]}
                actions="Details"
              />
              <Table.Tbody>
                {logs.data.logs.map((log) => (
                  <Table.Tr key={log.id}>
                    <Table.Td>{dateTime(log.created_at)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {log.api_endpoint}
                      </Text>
                    </Table.Td>
                    <Table.Td>{titleCase(log.request_type)}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[log.status] ?? "gray"} variant="light">
                        {log.status}
                      </Badge>
                      {log.error_message && (
                        <Text size="xs" c="red" lineClamp={1}>
                          {log.error_message}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{log.processing_time_ms ?? "—"} ms</Table.Td>
                    <Table.Td>{log.tokens_used ?? "—"}</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="default" onClick={() => setOpen(log)}>
                        Details
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {logs.data.logs.length === 0 && <Text c="dimmed">No call matches these filters.</Text>}
          <Pager
            page={page}
            onPage={setPage}
            hasMore={!(logs.data.logs.length < PAGE)}
            labels={["Newer", "Older"]}
          />
        </>
      )}
      <Detail log={open} onClose={() => setOpen(undefined)} />
    </Page>
  );
}

export default function AdminAiLogsPage() {
  return (
    <AdminOnly title="AI call log">
      <Logs />
    </AdminOnly>
  );
}
