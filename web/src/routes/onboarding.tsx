import { Button, Card, List, Stack, Text, Title } from "@mantine/core";
import { useNavigate } from "react-router";
import { useProfile } from "../api/queries.ts";
import { useUser } from "../auth/auth-provider.tsx";
import { onboardingKey } from "../components/app-layout.tsx";
import { AvatarEditor } from "../components/avatar-editor.tsx";
import { ErrorAlert } from "../components/error-alert.tsx";
import { Page } from "../components/page.tsx";
import { PageLoader } from "../components/page-loader.tsx";
import { ProfileForm } from "../components/profile-form.tsx";

export default function OnboardingPage() {
  const profile = useProfile();
  const user = useUser();
  const navigate = useNavigate();
  const finish = () => {
    window.localStorage.setItem(onboardingKey(user.id), "1");
    navigate("/dashboard");
  };
  if (profile.isPending) return <PageLoader />;
  if (profile.isError) return <ErrorAlert error={profile.error} onRetry={() => profile.refetch()} />;
  return (
    <Page title="Welcome to Rehearse" width={760}>
      <Text>
        Tell us where you stand and what you're aiming for: questions, benchmarks and your progress charts
        follow from it. Everything here can be changed later on your profile.
      </Text>
      <Card withBorder padding="lg">
        <Stack>
          <Title order={2} size="h4">
            About you
          </Title>
          <AvatarEditor profile={profile.data} />
          <ProfileForm
            profile={profile.data}
            fields={["full_name", "experience_level", "preferred_job_roles", "current_position"]}
            submitLabel="Save and continue"
            onSaved={finish}
            extraActions={
              <Button variant="subtle" onClick={finish}>
                Skip for now
              </Button>
            }
          />
        </Stack>
      </Card>
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="xs">
          What happens next
        </Title>
        <List spacing="xs">
          <List.Item>
            Upload your resume for a detailed analysis and questions built from your experience.
          </List.Item>
          <List.Item>
            Start a practice interview: questions are read aloud, you answer by voice or typing.
          </List.Item>
          <List.Item>
            Get scores and concrete advice after each answer, and a full report at the end.
          </List.Item>
        </List>
      </Card>
    </Page>
  );
}
