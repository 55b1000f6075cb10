import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartOption } from './chart-option.ts';

// Only the parts the dashboard and explorer draw (bars, lines, axes, tooltip, legend), so the
// chart chunk stays small; this module is loaded lazily (lazy-chart.tsx).
use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export type PointClick = { seriesIndex: number; dataIndex: number };
type EChartProps = { option: ChartOption; height: number; onPointClick?: ((click: PointClick) => void) | undefined };

/** One ECharts instance on a div: created on mount, disposed on unmount, resized with the window and its box. */
export function EChart({ option, height, onPointClick }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const clickHandler = useRef(onPointClick);
  clickHandler.current = onPointClick;

  useEffect(() => {
    const node = element.current;
    if (!node) return;
    const instance = init(node, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => {
      const { seriesIndex, dataIndex } = params as { seriesIndex?: number; dataIndex?: number };
      if (seriesIndex !== undefined && dataIndex !== undefined) clickHandler.current?.({ seriesIndex, dataIndex });
    });
    // ResizeObserver reports the box once as soon as it observes it: redrawing the chart then
    // (at the size it was just drawn at) would draw it twice, so only a changed size redraws.
    let size = `${node.clientWidth}x${node.clientHeight}`;
    const resize = () => {
      const next = `${node.clientWidth}x${node.clientHeight}`;
      if (next === size) return;
      size = next;
      instance.resize();
    };
    window.addEventListener('resize', resize);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(resize);
    observer?.observe(node);
    return () => {
      window.removeEventListener('resize', resize);
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={element} className="metrics-chart__canvas" style={{ height }} />;
}
