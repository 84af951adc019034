import { Group, Stack, Title } from "@mantine/core";
import { type ReactNode, useEffect } from "react";

/** A screen: sets the document title and renders the one h1, which receives focus after navigation. */
export function Page({
  title,
  actions,
  children,
  width = 1100,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  width?: number;
}) {
  useEffect(() => {
    document.title = `${title} · Rehearse`;
  }, [title]);
  return (
    <Stack gap="lg" maw={width} mx="auto" w="100%">
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <Title order={1} size="h2" id="page-title" tabIndex={-1}>
          {title}
        </Title>
        {actions && (
          <Group gap="sm" className="no-print">
            {actions}
          </Group>
        )}
      </Group>
      {children}
    </Stack>
  );
}
