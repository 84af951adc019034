import { Anchor, Text } from "@mantine/core";

/** On a development server (localhost) e-mails land in the development mailbox rather than an inbox. */
export function DevMailboxHint() {
  if (!["localhost", "127.0.0.1", "[::1]"].includes(window.location.hostname)) return null;
  return (
    <Text size="sm" c="dimmed">
      Running locally without SMTP? The e-mail is in the{" "}
      <Anchor href="/dev/mailbox" target="_blank" rel="noreferrer" underline="always">
        development mailbox
      </Anchor>
      .
    </Text>
  );
}
