import { Alert, Button, Group, Text } from "@mantine/core";
import { humanize } from "../api/errors.ts";

/** An error as a sentence, with a retry when there is something to retry. */
export function ErrorAlert({
  error,
  title = "That didn't work",
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  if (!error) return null;
  return (
    <Alert color="red" title={title} role="alert" data-testid="error-alert">
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <Text size="sm">{humanize(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Group>
    </Alert>
  );
}
