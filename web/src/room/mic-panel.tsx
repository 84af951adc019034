import { Alert, Button, Group, Select, Stack, Text } from "@mantine/core";
import { canRecord } from "../audio/devices.ts";
import { LevelMeter } from "./level-meter.tsx";
import type { VoiceAnswer } from "./use-voice-answer.ts";

/** Microphone choice, permission state and the live input level. */
export function MicPanel({ voice, onTypeInstead }: { voice: VoiceAnswer; onTypeInstead: () => void }) {
  if (!canRecord()) {
    return (
      <Alert color="orange" title="Recording isn't available in this browser" role="alert">
        <Text size="sm">
          {window.isSecureContext
            ? "This browser cannot record audio here. Use a current Chrome, Edge, Firefox or Safari — or type your answers."
            : "Recording needs a secure connection (https or localhost). You can type your answers instead."}
        </Text>
        <Button mt="sm" size="xs" variant="white" onClick={onTypeInstead}>
          Type answers instead
        </Button>
      </Alert>
    );
  }
  const busy = voice.phase !== "idle";
  return (
    <Stack gap="xs">
      <Group align="flex-end" wrap="wrap" gap="sm">
        <Select
          label="Microphone"
          placeholder={
            voice.mics.length ? "Default microphone" : "Default microphone (allow access to list others)"
          }
          data={voice.mics.map((m) => ({ value: m.deviceId, label: m.label }))}
          value={voice.deviceId}
          onChange={(id) => void voice.selectDevice(id)}
          clearable
          disabled={busy}
          w={{ base: "100%", sm: 320 }}
          data-testid="mic-select"
        />
        {voice.micState !== "on" && (
          <Button
            variant="default"
            onClick={() => void voice.openMic()}
            loading={voice.micState === "opening"}
            data-testid="mic-enable"
          >
            {voice.micState === "error" ? "Try again" : "Turn on microphone"}
          </Button>
        )}
      </Group>
      <div>
        <Text size="sm" id="level-label" mb={4}>
          Input level {voice.micState === "on" ? "— speak to test it" : "(microphone off)"}
        </Text>
        <LevelMeter level={voice.level} active={voice.micState === "on"} />
      </div>
      {voice.micState === "error" && voice.micError && (
        <Alert color="red" role="alert" title="Microphone problem" data-testid="mic-error">
          <Text size="sm">{voice.micError}</Text>
          <Group mt="sm" gap="xs">
            <Button size="xs" variant="white" color="red" onClick={() => void voice.openMic()}>
              Try again
            </Button>
            <Button size="xs" variant="white" onClick={onTypeInstead}>
              Type answers instead
            </Button>
          </Group>
        </Alert>
      )}
    </Stack>
  );
}
