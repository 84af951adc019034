/** The microphone's input level as a bar (role meter), with a hint when nothing is heard. */
export function LevelMeter({ level, active }: { level: number; active: boolean }) {
  // A perceptual scale: quiet speech (peak ~0.05) should already move the bar.
  const percent = active ? Math.round(Math.min(1, Math.sqrt(level) * 1.4) * 100) : 0;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a styled bar; <meter> cannot be styled alike across browsers
    <div
      className="level-meter"
      role="meter"
      aria-label="Microphone input level"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={active ? (percent < 5 ? "silent" : percent < 40 ? "quiet" : "good") : "microphone off"}
      data-testid="level-meter"
    >
      <span style={{ width: `${percent}%` }} />
    </div>
  );
}
