import { lazy, Suspense } from 'react';
import type { ChartOption } from './chart-option.ts';
import type { PointClick } from './echart.tsx';

const EChart = lazy(() => import('./echart.tsx').then((module) => ({ default: module.EChart })));

type LazyChartProps = { option: ChartOption; height?: number; label: string; onPointClick?: ((click: PointClick) => void) | undefined };

/**
 * A chart for sighted mouse users; `label` summarises it for assistive technology (role=img), and
 * every card offers the same figures as a table with keyboard-operable explain buttons.
 */
export function LazyChart({ option, height = 260, label, onPointClick }: LazyChartProps) {
  return (
    <div className="metrics-chart" role="img" aria-label={label}>
      <Suspense fallback={<div className="metrics-skeleton" style={{ height }} aria-hidden="true" />}>
        <EChart option={option} height={height} onPointClick={onPointClick} />
      </Suspense>
    </div>
  );
}
