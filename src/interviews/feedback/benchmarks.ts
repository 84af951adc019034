import {
  DEFAULT_BENCHMARK,
  type Dimension,
  type ExperienceLevel,
  ROLE_BENCHMARKS,
} from "./benchmarks-data.ts";

export type { Dimension, ExperienceLevel };

/** What an interviewer expects for this role at this level; roles without their own entry get the default. */
export function benchmarkFor(
  role: string,
  level: ExperienceLevel,
): { expected: Record<Dimension, number>; note: string } {
  const entry = ROLE_BENCHMARKS.find((b) => b.role.toLowerCase() === role.toLowerCase() && b.level === level);
  if (entry) return { expected: entry.expected, note: entry.note };
  return {
    expected: DEFAULT_BENCHMARK[level],
    note: `No role-specific benchmark for ${role}; compared with the general ${level}-level expectation.`,
  };
}
