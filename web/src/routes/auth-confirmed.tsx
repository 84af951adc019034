import { Alert, Button, Stack } from "@mantine/core";
import { Link } from "react-router";
import { useAuth } from "../auth/auth-provider.tsx";
import { AuthCard } from "../components/auth-layout.tsx";
import { PageLoader } from "../components/page-loader.tsx";

export default function AuthConfirmedPage() {
  const { state } = useAuth();
  if (state.status === "loading") return <PageLoader />;
  const signedIn = state.status === "signed-in";
  return (
    <AuthCard title="Your e-mail is confirmed">
      <Stack>
        <Alert color="green" role="status">
          Thanks — your account is ready.
        </Alert>
        {signedIn ? (
          <Button component={Link} to="/onboarding" data-testid="continue-onboarding">
            Set up your profile
          </Button>
        ) : (
          <Button component={Link} to="/sign-in">
            Sign in
          </Button>
        )}
      </Stack>
    </AuthCard>
  );
}
