import { lazy, Suspense, useState } from 'react';
import type { ChartOption } from './chart-option.ts';
import type { EChart as EChartComponent, PointClick } from './echart.tsx';

let loadedChart: typeof EChartComponent | null = null;
let chartModule: Promise<{ default: typeof EChartComponent }> | null = null;

/**
 * Loads the chart chunk (once). Start-up (main.tsx) and the dashboard call it early, so that a
 * chart mounting after its data arrived finds the chunk loaded and draws at once: a lazy component
 * suspends on its first render even when its chunk is already there, and React then holds the
 * revealed content back for up to 300 ms (its Suspense fallback throttle), which cost the dashboard
 * about that much between its reports' answer and its charts (issue #7).
 */
export function preloadChart(): Promise<{ default: typeof EChartComponent }> {
  chartModule ??= import('./echart.tsx').then((module) => {
    loadedChart = module.EChart;
    return { default: module.EChart };
  });
  chartModule.catch(() => {
    chartModule = null; // a failed load is retried by the next chart
  });
  return chartModule;
}

const LazyEChart = lazy(preloadChart);

type LazyChartProps = { option: ChartOption; height?: number; label: string; onPointClick?: ((click: PointClick) => void) | undefined };

/**
 * A chart for sighted mouse users; `label` summarises it for assistive technology (role=img), and
 * every card offers the same figures as a table with keyboard-operable explain buttons.
 */
export function LazyChart({ option, height = 260, label, onPointClick }: LazyChartProps) {
  // Chosen once per chart: switching from the lazy wrapper to the loaded component would remount it.
  const [Chart] = useState(() => loadedChart ?? LazyEChart);
  return (
    <div className="metrics-chart" role="img" aria-label={label}>
      <Suspense fallback={<div className="metrics-skeleton" style={{ height }} aria-hidden="true" />}>
        <Chart option={option} height={height} onPointClick={onPointClick} />
      </Suspense>
    </div>
  );
}
