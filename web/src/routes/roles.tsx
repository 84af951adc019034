import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { useRoles } from "../api/queries.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { Page } from "../components/page.tsx";
import { PageLoader } from "../components/page-loader.tsx";
import { titleCase } from "../format.ts";

export default function RolesPage() {
  const roles = useRoles();
  const [filter, setFilter] = useState("");
  const shown = (roles.data ?? []).filter((role) =>
    `${role.title} ${role.category} ${role.required_skills.join(" ")}`
      .toLowerCase()
      .includes(filter.trim().toLowerCase()),
  );
  return (
    <Page title="Roles & questions">
      <Text>
        Browse the roles you can practise for, the skills they need and the questions interviewers ask.
      </Text>
      <TextInput
        label="Find a role"
        placeholder="Title, category or skill"
        value={filter}
        onChange={(e) => setFilter(e.currentTarget.value)}
        maw={420}
        type="search"
      />
      {roles.isPending && <PageLoader />}
      {roles.isError && <ErrorAlert error={roles.error} onRetry={() => roles.refetch()} />}
      {roles.data && shown.length === 0 && <Text c="dimmed">No role matches “{filter}”.</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {shown.map((role) => (
          <Card key={role.id} withBorder padding="lg" data-testid="role-card">
            <Stack gap="xs" h="100%">
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                <Title order={2} size="h4">
                  {role.title}
                </Title>
                <Badge variant="light" style={{ flexShrink: 0 }} maw="none">
                  {titleCase(role.category)}
                </Badge>
              </Group>
              {role.description && (
                <Text size="sm" c="dimmed">
                  {role.description}
                </Text>
              )}
              <Group gap={4}>
                {role.required_skills.map((s) => (
                  <Badge key={s} variant="outline" tt="none" size="sm">
                    {s}
                  </Badge>
                ))}
              </Group>
              <Group mt="auto" pt="sm">
                <Button
                  component={Link}
                  to={`/roles/${role.id}`}
                  variant="light"
                  aria-label={`Questions for ${role.title}`}
                >
                  Questions
                </Button>
                <Button
                  component={Link}
                  to={`/interviews/new?role=${role.id}`}
                  aria-label={`Practise ${role.title}`}
                >
                  Practise
                </Button>
              </Group>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Page>
  );
}
