import { Alert, Button, Card, Collapse, Group, Loader, Stack, Text, Textarea, Title } from "@mantine/core";
import { useLocalStorage } from "@mantine/hooks";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useBlocker, useNavigate } from "react-router";
import { api } from "../api/client.ts";
import { ApiError, humanize } from "../api/errors.ts";
import { onServerEvent } from "../api/events.ts";
import { keys } from "../api/keys.ts";
import { browserTimeZone } from "../api/queries.ts";
import type { AnswerResponse, NextQuestion, SessionDetail } from "../api/types.ts";
import { StreamFailure } from "../audio/answer-stream.ts";
import { canRecord } from "../audio/devices.ts";
import { useAnnounce } from "../components/announcer.tsx";
import { useConfirm } from "../components/confirm.tsx";
import { ErrorAlert } from "../components/error-alert.tsx";
import { MicIcon, StopIcon } from "../components/icons.tsx";
import { PageLoader } from "../components/page-loader.tsx";
import { AnswerResult } from "./answer-result.tsx";
import { useCountdown } from "./countdown.ts";
import { MicPanel } from "./mic-panel.tsx";
import { QuestionCard } from "./question-card.tsx";
import { ShortcutList, useShortcuts } from "./shortcuts.tsx";
import { speak, stopSpeaking } from "./speech.ts";
import { useVoiceAnswer } from "./use-voice-answer.ts";

type Phase =
  | { kind: "ready" }
  | { kind: "recording" }
  | { kind: "sending" }
  | { kind: "waiting"; order: number }
  | { kind: "result"; response: AnswerResponse }
  | { kind: "failed"; message: string }
  | { kind: "transcript"; message: string };

/** Seconds a recording may still run when it was started after the clock ran out (the server allows 30). */
const OVERTIME_SECONDS = 25;

/** The interview while it runs: one question at a time, answered by voice or by typing. */
export function Room({ session, onChanged }: { session: SessionDetail; onChanged: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [dialog, confirm] = useConfirm();
  const voice = useVoiceAnswer(session.id);
  const [mode, setMode] = useState<"voice" | "text">(canRecord() ? "voice" : "text");
  const [muted, setMuted] = useLocalStorage({ key: "rehearse-voice-muted", defaultValue: false });
  const [phase, setPhase] = useState<Phase>({ kind: "ready" });
  const [speaking, setSpeaking] = useState(false);
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>();
  const [showShortcuts, setShowShortcuts] = useState(false);
  const recordingStarted = useRef(0);
  const typedRef = useRef<HTMLTextAreaElement>(null);

  const next = useQuery({
    queryKey: keys.nextQuestion(session.id),
    queryFn: () => api<NextQuestion>(`/api/interviews/${session.id}/next-question`),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
  const question = next.data?.question ?? null;
  const order = question?.question_order ?? 0;

  // A new question: read it aloud (unless muted); the clock starts once it has been read.
  const readAloud = useCallback(() => {
    if (!question) return () => {};
    if (muted) {
      setSpeaking(false);
      return () => {};
    }
    setSpeaking(true);
    return speak(question.question_text, () => setSpeaking(false));
  }, [question, muted]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new question (order) restarts this
  useEffect(() => {
    setPhase({ kind: "ready" });
    setTyped("");
    setActionError(undefined);
    if (!question) return;
    return readAloud();
  }, [order]);

  useEffect(() => () => stopSpeaking(), []);

  // When the microphone is already allowed, open it at once so the level meter shows it works.
  const { openMic } = voice;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on entering the room
  useEffect(() => {
    if (!canRecord() || !navigator.permissions?.query) return;
    navigator.permissions
      .query({ name: "microphone" as PermissionName })
      .then((status) => {
        if (status.state === "granted") void openMic();
      })
      .catch(() => {});
  }, []);

  const answering = phase.kind === "ready" || phase.kind === "recording";
  const left = useCountdown(
    question?.time_limit_seconds ?? 0,
    Boolean(question) && !speaking && answering,
    order,
  );

  const counted = useRef(new Set<number>());
  const settle = useCallback(
    (response: AnswerResponse) => {
      // The progress line counts this answer at once (the server counts it from now on too).
      if (!counted.current.has(response.question_order)) {
        counted.current.add(response.question_order);
        queryClient.setQueryData<NextQuestion>(keys.nextQuestion(session.id), (data) =>
          data ? { ...data, answered: Math.min(data.total, data.answered + 1) } : data,
        );
      }
      if (response.scoring_status === "scored") {
        setPhase({ kind: "result", response });
        announce(`Answer scored ${response.response_score?.toFixed(1) ?? ""} out of 10.`);
      } else if (response.scoring_status === "failed") {
        const message = response.ai_feedback ?? "We couldn't score that recording. Please answer again.";
        setPhase({ kind: "failed", message });
        announce(message, "assertive");
      } else if (response.gemini_analysis_raw?.awaiting_transcript) {
        setPhase({
          kind: "transcript",
          message:
            response.ai_feedback ?? "Speech recognition is not available. Type what you said to be scored.",
        });
      } else {
        setPhase({ kind: "waiting", order: response.question_order });
      }
      void queryClient.invalidateQueries({ queryKey: keys.interview(session.id) });
    },
    [announce, queryClient, session.id],
  );

  // While the server is still scoring: listen for its event, and look now and then in case it was missed.
  useEffect(() => {
    if (phase.kind !== "waiting") return;
    const check = async () => {
      // Through the query cache: the same event also refetches the session there, and one request serves both.
      const detail = await queryClient
        .fetchQuery({
          queryKey: keys.interview(session.id),
          queryFn: () => api<SessionDetail>(`/api/interviews/${session.id}`),
          staleTime: 0,
        })
        .catch(() => undefined);
      const response = detail?.responses.find((r) => r.question_order === phase.order && r.attempt === 1);
      if (
        response &&
        (response.scoring_status !== "pending" || response.gemini_analysis_raw?.awaiting_transcript)
      )
        settle(response);
    };
    const stop = onServerEvent((event) => {
      if (event.data.session_id === session.id && event.data.question_order === phase.order) void check();
    });
    const timer = window.setInterval(check, 4000);
    return () => {
      stop();
      window.clearInterval(timer);
    };
  }, [phase, session.id, settle, queryClient]);

  const failWith = useCallback(
    (error: unknown) => {
      if (
        (error instanceof ApiError || error instanceof StreamFailure) &&
        error.code === "already_answered"
      ) {
        setPhase({ kind: "waiting", order });
        return;
      }
      const message = humanize(error);
      setPhase({ kind: "failed", message });
      announce(message, "assertive");
    },
    [announce, order],
  );

  const record = async () => {
    if (!question || !(phase.kind === "ready" || phase.kind === "failed")) return;
    stopSpeaking();
    setSpeaking(false);
    const started = await voice.start(order);
    if (started) {
      recordingStarted.current = performance.now();
      setPhase({ kind: "recording" });
      announce("Recording. Press D or the I'm done button when you finish.");
    }
  };

  const done = useCallback(async () => {
    if (phase.kind !== "recording") return;
    setPhase({ kind: "sending" });
    announce("Sending your answer for scoring.");
    try {
      settle(await voice.finish());
    } catch (error) {
      failWith(error);
    }
  }, [phase.kind, voice, settle, failWith, announce]);

  // The clock ran out while recording: the answer is sent as it is.
  useEffect(() => {
    if (phase.kind !== "recording") return;
    const timer = window.setInterval(() => {
      const elapsed = (performance.now() - recordingStarted.current) / 1000;
      const limit = question?.time_limit_seconds ?? 0;
      if (left <= 0 && elapsed > Math.min(OVERTIME_SECONDS, limit)) void done();
    }, 500);
    return () => window.clearInterval(timer);
  }, [phase.kind, left, question, done]);

  /** Sends an answer (typed, a transcript, a skip) and shows its result or what went wrong. */
  const send = async (call: () => Promise<AnswerResponse>) => {
    setPhase({ kind: "sending" });
    try {
      settle(await call());
    } catch (error) {
      failWith(error);
    }
  };

  const submitText = async (text: string) => {
    if (!question || !text.trim()) return;
    await send(() =>
      api<AnswerResponse>(`/api/interviews/${session.id}/answers`, {
        method: "POST",
        body: { question_order: order, text: text.trim() },
      }),
    );
  };

  const submitTranscript = async () => {
    if (!typed.trim()) return;
    await send(() =>
      api<AnswerResponse>(`/api/interviews/${session.id}/answers/${order}/transcript`, {
        method: "PUT",
        body: { text: typed.trim() },
      }),
    );
  };

  const skip = async () => {
    if (!question || !(phase.kind === "ready" || phase.kind === "failed")) return;
    const sure = await confirm({
      title: "Skip this question?",
      message:
        "It counts as answered with no content and scores low in the report. You can re-answer it after the interview.",
      confirmLabel: "Skip it",
    });
    if (!sure) return;
    await send(() =>
      api<AnswerResponse>(`/api/interviews/${session.id}/answers/${order}/skip`, { method: "POST" }),
    );
  };

  const goNext = async () => {
    setPhase({ kind: "ready" });
    await next.refetch();
  };

  const act = async (action: "pause" | "complete" | "cancel") => {
    setBusy(true);
    setActionError(undefined);
    try {
      await api(`/api/interviews/${session.id}/${action}`, {
        method: "POST",
        body: action === "complete" ? { time_zone: browserTimeZone() } : undefined,
      });
      void queryClient.invalidateQueries({ queryKey: keys.interviews });
      if (action === "complete") {
        void queryClient.invalidateQueries({ queryKey: keys.analytics });
        navigate(`/interviews/${session.id}/report`);
      } else if (action === "cancel") {
        navigate("/history");
      } else {
        stopSpeaking();
        onChanged();
      }
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
    }
  };

  const end = async () => {
    const answered = session.responses.some((r) => r.scoring_status === "scored") || phase.kind === "result";
    const finish = await confirm({
      title: "End the interview?",
      message: answered
        ? "Finish now to get your report for the questions answered so far."
        : "No answer has been scored yet, so there is nothing to report. Ending will cancel this interview.",
      confirmLabel: answered ? "Finish and see my report" : "Cancel the interview",
      cancelLabel: "Keep going",
      danger: !answered,
    });
    if (finish) await act(answered ? "complete" : "cancel");
  };

  const toggleMute = () => {
    if (!muted) stopSpeaking();
    setSpeaking(false);
    setMuted(!muted);
  };

  // Leaving mid-answer would lose it: ask first.
  const blocker = useBlocker(phase.kind === "recording" || phase.kind === "sending");
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    void confirm({
      title: "Leave the interview?",
      message: "Your answer in progress will be lost. The interview stays open and you can continue later.",
      confirmLabel: "Leave",
      cancelLabel: "Stay",
      danger: true,
    }).then((leave) => {
      if (leave) {
        voice.discard();
        blocker.proceed();
      } else blocker.reset();
    });
  }, [blocker, confirm, voice]);

  useShortcuts({
    r: () => void record(),
    d: () => void done(),
    t: () => {
      setMode("text");
      window.setTimeout(() => typedRef.current?.focus(), 50);
    },
    q: () => {
      if (!muted && answering) readAloud();
    },
    m: toggleMute,
    n: () => {
      if (phase.kind === "result") void goNext();
    },
    s: () => void skip(),
    p: () => {
      if (phase.kind === "ready" || phase.kind === "result") void act("pause");
    },
    "?": () => setShowShortcuts((v) => !v),
  });

  if (next.isPending) return <PageLoader label="Choosing your next question…" />;
  if (next.isError) return <ErrorAlert error={next.error} onRetry={() => next.refetch()} />;

  const controlsLocked = phase.kind === "recording" || phase.kind === "sending" || phase.kind === "waiting";

  return (
    <Stack gap="md">
      {dialog}
      <Group justify="space-between" wrap="wrap" className="no-print">
        <Text size="sm" c="dimmed" role="status">
          {next.data.answered} of {next.data.total} answered
        </Text>
        <Group gap="xs">
          <Button
            variant="default"
            onClick={() => setShowShortcuts((v) => !v)}
            aria-expanded={showShortcuts}
            aria-keyshortcuts="?"
          >
            Keyboard shortcuts
          </Button>
          <Button
            variant="default"
            onClick={() => void act("pause")}
            disabled={controlsLocked}
            loading={busy}
            aria-keyshortcuts="P"
            data-testid="pause-button"
          >
            Pause
          </Button>
          <Button
            color="red"
            variant="outline"
            onClick={end}
            disabled={controlsLocked}
            data-testid="end-button"
          >
            End interview
          </Button>
        </Group>
      </Group>
      <Collapse expanded={showShortcuts}>
        <Card withBorder padding="sm">
          <ShortcutList />
        </Card>
      </Collapse>
      {actionError !== undefined && <ErrorAlert error={actionError} />}

      {!question ? (
        <Card withBorder padding="lg">
          <Stack>
            <Title order={2} size="h3">
              That was the last question
            </Title>
            <Text>Finish the interview to see your scores, feedback and improvement plan.</Text>
            <Button
              onClick={() => void act("complete")}
              loading={busy}
              w="fit-content"
              data-testid="finish-button"
            >
              Finish and see my report
            </Button>
          </Stack>
        </Card>
      ) : (
        <>
          <QuestionCard
            question={question}
            total={next.data.total}
            left={left}
            muted={muted}
            speaking={speaking}
            onToggleMute={toggleMute}
            onRepeat={readAloud}
          />

          {phase.kind === "result" ? (
            <>
              <AnswerResult response={phase.response} />
              <Button
                onClick={() => void goNext()}
                aria-keyshortcuts="N"
                w="fit-content"
                data-testid="next-question"
              >
                Next question
              </Button>
            </>
          ) : phase.kind === "waiting" || phase.kind === "sending" ? (
            <Alert color="blue" icon={<Loader size="sm" />} title="Scoring your answer" role="status">
              {voice.phase === "uploading"
                ? "The live connection dropped, so we're uploading your recording instead…"
                : "This takes a few seconds."}
            </Alert>
          ) : phase.kind === "transcript" ? (
            <Card withBorder padding="lg">
              <Stack>
                <Alert color="yellow" title="Type what you said">
                  {phase.message}
                </Alert>
                <Textarea
                  label="Your answer, as you said it"
                  autosize
                  minRows={4}
                  value={typed}
                  onChange={(e) => setTyped(e.currentTarget.value)}
                  data-testid="transcript-input"
                />
                <Button onClick={() => void submitTranscript()} disabled={!typed.trim()} w="fit-content">
                  Submit transcript
                </Button>
              </Stack>
            </Card>
          ) : (
            <Card withBorder padding="lg">
              <Stack gap="md">
                {phase.kind === "failed" && (
                  <Alert color="red" title="Please answer again" role="alert" data-testid="answer-error">
                    {phase.message}
                  </Alert>
                )}
                <Group justify="space-between" wrap="wrap">
                  <Title order={2} size="h4">
                    Your answer
                  </Title>
                  <Button
                    variant="subtle"
                    onClick={() => setMode(mode === "voice" ? "text" : "voice")}
                    disabled={phase.kind === "recording"}
                    aria-keyshortcuts="T"
                    data-testid="toggle-answer-mode"
                  >
                    {mode === "voice" ? "Type instead" : "Answer by voice"}
                  </Button>
                </Group>
                {mode === "voice" ? (
                  <Stack gap="md">
                    <MicPanel voice={voice} onTypeInstead={() => setMode("text")} />
                    <Group wrap="wrap">
                      {phase.kind === "recording" ? (
                        <Button
                          size="lg"
                          color="red"
                          leftSection={<StopIcon />}
                          onClick={() => void done()}
                          aria-keyshortcuts="D"
                          data-testid="done-button"
                        >
                          I'm done
                        </Button>
                      ) : (
                        <Button
                          size="lg"
                          leftSection={<MicIcon />}
                          onClick={() => void record()}
                          aria-keyshortcuts="R"
                          loading={voice.micState === "opening"}
                          data-testid="record-button"
                        >
                          {phase.kind === "failed" ? "Record again" : "Start answering"}
                        </Button>
                      )}
                      {phase.kind === "recording" && (
                        <Button
                          variant="default"
                          onClick={() => {
                            voice.discard();
                            setPhase({ kind: "ready" });
                          }}
                        >
                          Discard and restart
                        </Button>
                      )}
                      <Button
                        variant="subtle"
                        color="gray"
                        onClick={() => void skip()}
                        disabled={phase.kind === "recording"}
                        aria-keyshortcuts="S"
                        data-testid="skip-button"
                      >
                        Skip question
                      </Button>
                    </Group>
                    {voice.streamState === "reconnecting" && phase.kind === "recording" && (
                      <Alert color="yellow" role="status">
                        Connection lost — still recording, and reconnecting. Nothing you say is lost.
                      </Alert>
                    )}
                    <div>
                      <Text size="sm" fw={600} id="captions-label">
                        Live captions
                      </Text>
                      <div
                        className="captions"
                        role="log"
                        aria-labelledby="captions-label"
                        aria-live="off"
                        data-testid="captions"
                      >
                        {voice.captions.length > 0 ? (
                          <Text>{voice.captions.join(" ")}</Text>
                        ) : (
                          <Text c="dimmed" size="sm">
                            {phase.kind === "recording"
                              ? "Listening… captions appear a few seconds after you speak."
                              : "Your words appear here while you answer."}
                          </Text>
                        )}
                      </div>
                    </div>
                  </Stack>
                ) : (
                  <Stack gap="sm">
                    <Textarea
                      ref={typedRef}
                      label="Type your answer"
                      description="Answer as you would say it: a situation, what you did, and the result."
                      autosize
                      minRows={5}
                      maxRows={14}
                      value={typed}
                      onChange={(e) => setTyped(e.currentTarget.value)}
                      data-testid="typed-answer"
                    />
                    <Group>
                      <Button
                        onClick={() => void submitText(typed)}
                        disabled={!typed.trim()}
                        data-testid="submit-typed-answer"
                      >
                        Submit answer
                      </Button>
                      <Button
                        variant="subtle"
                        color="gray"
                        onClick={() => void skip()}
                        data-testid="skip-button"
                      >
                        Skip question
                      </Button>
                    </Group>
                  </Stack>
                )}
              </Stack>
            </Card>
          )}
        </>
      )}
    </Stack>
  );
}
