import { Progress } from "@mantine/core";

/** A progress bar whose progressbar element (Mantine's section) carries the accessible name. */
export function LabeledProgress({
  value,
  label,
  color,
  size,
  animated,
  testId,
}: {
  value: number;
  label: string;
  color?: string;
  size?: "xs" | "sm" | "md" | "lg";
  animated?: boolean;
  testId?: string;
}) {
  return (
    <Progress.Root size={size} data-testid={testId}>
      <Progress.Section
        value={value}
        color={color}
        aria-label={label}
        animated={animated}
        striped={animated}
      />
    </Progress.Root>
  );
}
