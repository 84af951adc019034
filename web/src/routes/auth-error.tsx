import { Alert, Button, Group, Stack } from "@mantine/core";
import { Link, useSearchParams } from "react-router";
import { humanize } from "../api/errors.ts";
import { AuthCard } from "../components/auth-layout.tsx";

export default function AuthErrorPage() {
  const [params] = useSearchParams();
  const code = params.get("code") ?? "";
  const message = humanize({ code, message: params.get("description") ?? "" });
  return (
    <AuthCard title="That link didn't work">
      <Stack>
        <Alert color="red" role="alert">
          {message}
        </Alert>
        <Group grow>
          <Button component={Link} to="/confirm-email" variant="default">
            Confirm with a code
          </Button>
          <Button component={Link} to="/forgot-password" variant="default">
            Reset password
          </Button>
        </Group>
        <Button component={Link} to="/sign-in">
          Sign in
        </Button>
      </Stack>
    </AuthCard>
  );
}
