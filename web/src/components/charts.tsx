// Every chart of the app, in one module that is loaded only when a chart is first shown (recharts is large).
// Each chart is a figure with a caption and, for screen readers, the same numbers as a table.
import "@mantine/charts/styles.css";
import { BarChart, LineChart } from "@mantine/charts";
import { Table, Text, VisuallyHidden } from "@mantine/core";
import type { ReactNode } from "react";

/** Score axes run 0–10 in steps of 2. */
const TEN = [0, 2, 4, 6, 8, 10];

type Row = Record<string, string | number | null>;

function Figure({
  caption,
  rows,
  columns,
  children,
  testId,
}: {
  caption: string;
  rows: Row[];
  columns: { key: string; label: string }[];
  children: ReactNode;
  testId?: string;
}) {
  return (
    <figure style={{ margin: 0 }} data-testid={testId}>
      <figcaption>
        <Text fw={600} size="sm" mb="xs">
          {caption}
        </Text>
      </figcaption>
      <div aria-hidden="true">{children}</div>
      <VisuallyHidden>
        <Table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.key}>{c.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their position
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c.key}>{row[c.key] ?? "—"}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </Table>
      </VisuallyHidden>
    </figure>
  );
}

const oneDecimal = (v: number) => v.toFixed(1);

export interface Series {
  name: string;
  label: string;
  color: string;
}

/** Scores over time, one line per series (e.g. overall, technical, communication, confidence). */
export function ScoreTrendChart({
  caption,
  data,
  series,
}: {
  caption: string;
  data: Row[];
  series: Series[];
}) {
  return (
    <Figure
      caption={caption}
      rows={data}
      columns={[{ key: "label", label: "Session" }, ...series.map((s) => ({ key: s.name, label: s.label }))]}
      testId="chart-score-trend"
    >
      <LineChart
        h={260}
        data={data}
        dataKey="label"
        series={series}
        curveType="monotone"
        connectNulls
        yAxisProps={{ domain: [0, 10], ticks: TEN }}
        valueFormatter={oneDecimal}
        withLegend
        lineChartProps={{ accessibilityLayer: false }}
      />
    </Figure>
  );
}

/** Horizontal or vertical bars for one or more series over categories. */
export function BarsChart({
  caption,
  data,
  dataKey,
  series,
  horizontal,
  max = 10,
  height = 260,
  testId,
  unit,
  categoryLabel = "Category",
}: {
  caption: string;
  data: Row[];
  dataKey: string;
  series: Series[];
  horizontal?: boolean;
  max?: number | "auto";
  height?: number;
  testId?: string;
  unit?: string;
  categoryLabel?: string;
}) {
  const domain: [number, number | "auto"] = [0, max];
  return (
    <Figure
      caption={caption}
      rows={data}
      columns={[
        { key: dataKey, label: categoryLabel },
        ...series.map((s) => ({ key: s.name, label: s.label })),
      ]}
      testId={testId}
    >
      <BarChart
        h={height}
        data={data}
        dataKey={dataKey}
        series={series}
        orientation={horizontal ? "vertical" : "horizontal"}
        yAxisProps={
          horizontal
            ? { width: 140 }
            : { domain, allowDecimals: max === 10, ...(max === 10 ? { ticks: TEN } : {}) }
        }
        xAxisProps={horizontal ? { domain, ...(max === 10 ? { ticks: TEN } : {}) } : undefined}
        valueFormatter={max === 10 ? oneDecimal : undefined}
        withLegend={series.length > 1}
        withBarValueLabel={horizontal}
        unit={unit}
        barChartProps={{ accessibilityLayer: false }}
      />
    </Figure>
  );
}
