import { Badge, Button, Group, Modal, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../api/client.ts";
import { humanize } from "../api/errors.ts";
import { keys } from "../api/keys.ts";
import { AdminOnly } from "../components/admin-only.tsx";
import { ErrorAlert } from "../components/error-alert.tsx";
import { Page } from "../components/page.tsx";
import { PageLoader } from "../components/page-loader.tsx";
import { Pager } from "../components/pager.tsx";
import { TableHead } from "../components/table-head.tsx";
import { dateTime, score, titleCase } from "../format.ts";

interface AdminUser {
  id: string;
  email: string;
  full_name: string;
  subscription_type: string;
  subscription_expires_at: string | null;
  total_interviews_taken: number;
  average_interview_score: number;
  created_at: string;
}

const PAGE = 50;
const PLANS = ["free", "premium", "enterprise"];

function PlanEditor({ user, onClose }: { user: AdminUser | undefined; onClose: () => void }) {
  const client = useQueryClient();
  const [plan, setPlan] = useState<string | null>(null);
  const [expires, setExpires] = useState("");
  const save = useMutation({
    mutationFn: () =>
      api(`/api/admin/users/${user?.id}/plan`, {
        method: "PUT",
        body: {
          subscription_type: plan ?? user?.subscription_type,
          subscription_expires_at: expires ? new Date(`${expires}T23:59:59`).toISOString() : null,
        },
      }),
    onSuccess: async () => {
      notifications.show({
        color: "green",
        message: `${user?.email} is now on the ${plan ?? user?.subscription_type} plan.`,
      });
      await client.invalidateQueries({ queryKey: keys.adminUsers });
      onClose();
    },
  });
  return (
    <Modal opened={Boolean(user)} onClose={onClose} title={`Plan for ${user?.email ?? ""}`}>
      <Stack>
        <Select
          label="Plan"
          data={PLANS.map((p) => ({ value: p, label: titleCase(p) }))}
          value={plan ?? user?.subscription_type ?? "free"}
          onChange={setPlan}
          allowDeselect={false}
          data-testid="plan-select"
        />
        <TextInput
          type="date"
          label="Expires on"
          description="Leave empty for no end date. After it, the plan falls back to free."
          value={expires}
          onChange={(e) => setExpires(e.currentTarget.value)}
        />
        {save.isError && <Text c="red">{humanize(save.error)}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={save.isPending} onClick={() => save.mutate()} data-testid="plan-save">
            Save plan
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Users() {
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(0);
  const [editing, setEditing] = useState<AdminUser>();
  const [debounced] = useDebouncedValue(search, 300);
  const query = { search: debounced || undefined, limit: PAGE, offset: page * PAGE };
  const users = useQuery({
    queryKey: [...keys.adminUsers, query],
    queryFn: () => api<AdminUser[]>("/api/admin/users", { query }),
    placeholderData: keepPreviousData,
  });
  return (
    <Page title="People and plans">
      <TextInput
        label="Search by e-mail or name"
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          setPage(0);
        }}
        maw={420}
      />
      {users.isPending && <PageLoader />}
      {users.isError && <ErrorAlert error={users.error} onRetry={() => users.refetch()} />}
      {users.data && (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table striped highlightOnHover data-testid="admin-users-table">
              <TableHead columns={["Person", "Plan", "Interviews", "Average", "Joined"]} />
              <Table.Tbody>
                {users.data.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {u.full_name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {u.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light">{u.subscription_type}</Badge>
                      {u.subscription_expires_at && (
                        <Text size="xs" c="dimmed">
                          until {dateTime(u.subscription_expires_at)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{u.total_interviews_taken}</Table.Td>
                    <Table.Td>{score(u.average_interview_score)}</Table.Td>
                    <Table.Td>{dateTime(u.created_at)}</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="default" onClick={() => setEditing(u)}>
                        Change plan
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {users.data.length === 0 && <Text c="dimmed">Nobody matches this search.</Text>}
          <Pager page={page} onPage={setPage} hasMore={!(users.data.length < PAGE)} />
        </>
      )}
      <PlanEditor key={editing?.id} user={editing} onClose={() => setEditing(undefined)} />
    </Page>
  );
}

export default function AdminUsersPage() {
  return (
    <AdminOnly title="People and plans">
      <Users />
    </AdminOnly>
  );
}
