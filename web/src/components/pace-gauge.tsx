import { Stack, Text } from "@mantine/core";

const MIN = 60;
const MAX = 220;
const LOW = 110;
const HIGH = 170;

const at = (wpm: number) => `${((Math.min(MAX, Math.max(MIN, wpm)) - MIN) / (MAX - MIN)) * 100}%`;

/** Speaking pace on a scale with the comfortable 110–170 words-per-minute band marked. */
export function PaceGauge({ wpm }: { wpm: number }) {
  const rounded = Math.round(wpm);
  const verdict = wpm < LOW ? "slower than" : wpm > HIGH ? "faster than" : "within";
  return (
    <Stack gap={6} data-testid="pace-gauge">
      <Text size="sm" fw={600}>
        Speaking pace: {rounded} words per minute
      </Text>
      {/* biome-ignore lint/a11y/useSemanticElements: a scale with a marked band, which <meter> cannot draw */}
      <div
        role="meter"
        aria-label="Speaking pace in words per minute"
        aria-valuemin={MIN}
        aria-valuemax={MAX}
        aria-valuenow={rounded}
        aria-valuetext={`${rounded} words per minute, ${verdict} the 110 to 170 range`}
        style={{
          position: "relative",
          height: 14,
          borderRadius: 7,
          background: "var(--mantine-color-default-border)",
        }}
      >
        <span
          style={{
            position: "absolute",
            left: at(LOW),
            width: `calc(${at(HIGH)} - ${at(LOW)})`,
            top: 0,
            bottom: 0,
            background: "var(--mantine-color-green-6)",
            opacity: 0.55,
          }}
        />
        <span
          style={{
            position: "absolute",
            left: at(wpm),
            top: -4,
            bottom: -4,
            width: 4,
            marginLeft: -2,
            borderRadius: 2,
            background: "var(--mantine-color-text)",
          }}
        />
      </div>
      <Text size="xs" c="dimmed">
        {MIN} · comfortable band {LOW}–{HIGH} · {MAX}+ — {rounded} wpm is {verdict} the band.
      </Text>
    </Stack>
  );
}
