import { Anchor, Badge, Card, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { Feedback } from "../api/types.ts";
import { BarsChart } from "../components/lazy-charts.tsx";
import { score, titleCase } from "../format.ts";

function Goals({ title, items }: { title: string; items: string[] | null | undefined }) {
  if (!items?.length) return null;
  return (
    <div>
      <Title order={3} size="h5" mb={4}>
        {title}
      </Title>
      <List size="sm" spacing={4}>
        {items.map((item) => (
          <List.Item key={item}>{item}</List.Item>
        ))}
      </List>
    </div>
  );
}

/** The improvement plan, resources, and how this interview compares with the role's benchmark and peers. */
export function PlanSection({ feedback }: { feedback: Feedback }) {
  const bench = feedback.industry_benchmark_comparison;
  const peers = feedback.peer_comparison;
  const dims = ["overall", "technical", "communication", "confidence"];
  return (
    <Stack gap="lg">
      <Card withBorder padding="lg" className="print-block">
        <Title order={2} size="h3" mb="sm">
          Your improvement plan
        </Title>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <Goals title="This week" items={feedback.short_term_goals} />
          <Goals title="This month and beyond" items={feedback.long_term_goals} />
          <Goals title="How to practise" items={feedback.practice_suggestions} />
        </SimpleGrid>
      </Card>
      {feedback.recommended_resources && feedback.recommended_resources.length > 0 && (
        <Card withBorder padding="lg" className="print-block">
          <Title order={2} size="h3" mb="sm">
            Resources
          </Title>
          <Stack gap="sm">
            {feedback.recommended_resources.map((r) => (
              <div key={r.url}>
                <Anchor href={r.url} target="_blank" rel="noreferrer" fw={600}>
                  {r.title}
                </Anchor>
                {r.kind && (
                  <Badge ml="xs" size="sm" variant="light" color="gray">
                    {r.kind}
                  </Badge>
                )}
                {r.why && <Text size="sm">{r.why}</Text>}
              </div>
            ))}
          </Stack>
        </Card>
      )}
      {bench && (
        <Card withBorder padding="lg" className="print-block" data-testid="benchmark">
          <Title order={2} size="h3" mb={4}>
            Against the benchmark
          </Title>
          <Text size="sm" mb="sm">
            {bench.role} at {titleCase(bench.experience_level ?? "mid")} level
            {bench.assumed_level ? " (assumed — set your experience level on your profile)" : ""}:{" "}
            <strong>{bench.verdict}</strong>. {bench.note}
          </Text>
          <BarsChart
            caption="Your scores and what's expected (out of 10)"
            data={dims.map((d) => ({
              dimension: titleCase(d),
              you: bench.actual?.[d] ?? null,
              expected: bench.expected?.[d] ?? null,
            }))}
            dataKey="dimension"
            series={[
              { name: "you", label: "You", color: "indigo.6" },
              { name: "expected", label: "Expected", color: "gray.5" },
            ]}
            testId="chart-benchmark"
          />
          <Text size="sm" mt="md" data-testid="peer-comparison">
            {peers?.available
              ? (peers.summary ??
                `You scored higher than ${score(peers.percentile, 0)}% of completed interviews for this role.`)
              : `Peer comparison isn't available yet${peers?.reason ? `: ${peers.reason}` : ""}.`}
          </Text>
        </Card>
      )}
    </Stack>
  );
}
