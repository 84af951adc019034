import { Skeleton } from "@mantine/core";
import { type ComponentProps, lazy, Suspense } from "react";

const charts = () => import("./charts.tsx");
const ScoreTrend = lazy(() => charts().then((m) => ({ default: m.ScoreTrendChart })));
const Bars = lazy(() => charts().then((m) => ({ default: m.BarsChart })));

const fallback = <Skeleton h={260} aria-label="Loading chart" />;

export function ScoreTrendChart(props: ComponentProps<typeof ScoreTrend>) {
  return (
    <Suspense fallback={fallback}>
      <ScoreTrend {...props} />
    </Suspense>
  );
}

export function BarsChart(props: ComponentProps<typeof Bars>) {
  return (
    <Suspense fallback={fallback}>
      <Bars {...props} />
    </Suspense>
  );
}
