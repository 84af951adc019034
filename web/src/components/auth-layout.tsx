import { Box, Center, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { type ReactNode, useEffect } from "react";
import { ColorSchemeToggle } from "./color-scheme-toggle.tsx";

/** The frame of the signed-out screens: a centred card with the page's one heading. */
export function AuthCard({
  title,
  children,
  intro,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · Rehearse`;
  }, [title]);
  return (
    <Box mih="100vh" p="md">
      <Group component="header" justify="space-between" mb="md">
        <Text fw={800} fz="lg">
          Rehearse
        </Text>
        <ColorSchemeToggle />
      </Group>
      <Center component="main" id="main">
        <Paper withBorder shadow="sm" p={{ base: "md", sm: "xl" }} radius="lg" w="100%" maw={440}>
          <Stack gap="md">
            <Title order={1} size="h2" id="page-title" tabIndex={-1}>
              {title}
            </Title>
            {intro && <Text c="dimmed">{intro}</Text>}
            {children}
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
