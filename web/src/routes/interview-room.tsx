import { Alert, Anchor, Badge, Button, Card, Group, List, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api } from "../api/client.ts";
import { keys } from "../api/keys.ts";
import { browserTimeZone, useInterview, useRoles } from "../api/queries.ts";
import type { SessionDetail } from "../api/types.ts";
import { canRecord } from "../audio/devices.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { Page } from "../components/page.tsx";
import { PageLoader } from "../components/page-loader.tsx";
import { dateTime, STATUS_COLORS, STATUS_LABELS, titleCase } from "../format.ts";
import { MicPanel } from "../room/mic-panel.tsx";
import { Room } from "../room/room.tsx";
import { useVoiceAnswer } from "../room/use-voice-answer.ts";

/** Before the first question (or after a pause): a microphone check and the start button. */
function Lobby({ session, onStarted }: { session: SessionDetail; onStarted: () => void }) {
  const voice = useVoiceAnswer(session.id);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const action = session.status === "paused" ? "resume" : "start";
  const go = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api(`/api/interviews/${session.id}/${action}`, {
        method: "POST",
        body: { time_zone: browserTimeZone() },
      });
      onStarted();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="md">
      {session.status === "paused" && (
        <Alert color="yellow" title="The interview is paused" role="status">
          Paused time doesn't count. Resume when you're ready.
        </Alert>
      )}
      {session.status === "scheduled" && session.scheduled_at && (
        <Text c="dimmed">Scheduled for {dateTime(session.scheduled_at)} — you can start now.</Text>
      )}
      <Card withBorder padding="lg">
        <Stack>
          <Title order={2} size="h4">
            Check your microphone
          </Title>
          {canRecord() && (
            <Text size="sm">
              Turn the microphone on and say a few words: the bar should move. Prefer typing? You can switch
              for any question.
            </Text>
          )}
          <MicPanel voice={voice} onTypeInstead={() => {}} />
        </Stack>
      </Card>
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="xs">
          How it works
        </Title>
        <List size="sm" spacing={4}>
          <List.Item>
            Each question is read aloud and shown as captions; the clock starts when it has been read.
          </List.Item>
          <List.Item>
            Press “Start answering”, speak, then “I'm done”. You get scores and advice in seconds.
          </List.Item>
          <List.Item>
            Keyboard: R record, D done, T type, Q repeat, M mute, N next, S skip, P pause.
          </List.Item>
        </List>
      </Card>
      {error !== undefined && <ErrorAlert error={error} />}
      <Button size="lg" onClick={go} loading={busy} w="fit-content" data-testid="start-interview">
        {action === "resume" ? "Resume the interview" : "Start the interview"}
      </Button>
    </Stack>
  );
}

export default function InterviewRoomPage() {
  const { id = "" } = useParams();
  const queryClient = useQueryClient();
  const session = useInterview(id);
  const roles = useRoles();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: keys.interview(id) });
    // Marked stale, not refetched: a paused or ended interview has no next question to ask (409).
    void queryClient.invalidateQueries({ queryKey: keys.nextQuestion(id), refetchType: "none" });
    void queryClient.invalidateQueries({ queryKey: keys.interviews });
  };

  if (session.isPending) return <PageLoader />;
  if (session.isError) return <ErrorAlert error={session.error} onRetry={() => session.refetch()} />;
  const s = session.data;
  const role = roles.data?.find((r) => r.id === s.job_role_id);
  const title = s.session_name ?? (role ? `${role.title} interview` : "Interview");

  return (
    <Page title={title} width={900}>
      <Group gap="xs">
        <Badge color={STATUS_COLORS[s.status]} variant="light">
          {STATUS_LABELS[s.status]}
        </Badge>
        <Text size="sm" c="dimmed">
          {titleCase(s.session_type)} · {titleCase(s.difficulty_level)} · {s.total_questions} questions
        </Text>
      </Group>
      {s.status === "in_progress" && <Room session={s} onChanged={refresh} />}
      {(s.status === "scheduled" || s.status === "paused") && <Lobby session={s} onStarted={refresh} />}
      {s.status === "completed" && (
        <Alert color="indigo" title="This interview is finished">
          <Anchor component={Link} to={`/interviews/${s.id}/report`}>
            Open the report
          </Anchor>
        </Alert>
      )}
      {s.status === "cancelled" && (
        <Alert color="gray" title="This interview was cancelled">
          <Button component={Link} to="/interviews/new" size="xs" mt="xs">
            Start a new one
          </Button>
        </Alert>
      )}
    </Page>
  );
}
