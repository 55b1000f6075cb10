import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { measureInCanvas } from '../components/column-fit.ts';
import type { ChartOption } from './chart-option.ts';
import { fitLegend, LEGEND_FONT } from './legend-fit.ts';

// Only the parts the dashboard and explorer draw (bars, lines, axes, tooltip, legend), so the
// chart chunk stays small; this module is loaded lazily (lazy-chart.tsx).
use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export type PointClick = { seriesIndex: number; dataIndex: number };

/** The option as drawn at this width: a legend too long for one row wraps (legend-fit.ts). */
function optionAt(option: ChartOption, widthPx: number): ChartOption {
  return fitLegend(option, widthPx, (text) => measureInCanvas(text, LEGEND_FONT));
}

function plotTop(option: ChartOption): unknown {
  return Array.isArray(option.grid) ? undefined : option.grid?.top;
}
type EChartProps = { option: ChartOption; height: number; onPointClick?: ((click: PointClick) => void) | undefined };

/**
 * One ECharts instance on a div: created on mount, disposed on unmount, resized with the window and its box.
 * The box is read in the effect and the chart drawn in a microtask: the charts mounted by one render
 * first all read their size (one layout of the page), then all draw, instead of each chart's
 * init measuring its box (getComputedStyle) in a page the previous chart's drawing had just
 * changed — a forced layout per chart (issue #7: eight charts on the dashboard).
 */
export function EChart({ option, height, onPointClick }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const clickHandler = useRef(onPointClick);
  clickHandler.current = onPointClick;
  const latestOption = useRef(option);
  latestOption.current = option;
  const widthPx = useRef(0);

  useEffect(() => {
    const node = element.current;
    if (!node) return;
    let size = { width: node.clientWidth, height: node.clientHeight };
    widthPx.current = size.width;
    let instance: ECharts | null = null;
    let disposed = false;
    queueMicrotask(() => {
      if (disposed) return;
      instance = init(node, undefined, { renderer: 'svg', width: size.width, height: size.height });
      chart.current = instance;
      instance.on('click', (params) => {
        const { seriesIndex, dataIndex } = params as { seriesIndex?: number; dataIndex?: number };
        if (seriesIndex !== undefined && dataIndex !== undefined) clickHandler.current?.({ seriesIndex, dataIndex });
      });
      instance.setOption(optionAt(latestOption.current, size.width), { notMerge: true });
    });
    // ResizeObserver reports the box once as soon as it observes it: redrawing the chart then
    // (at the size it was just drawn at) would draw it twice, so only a changed size redraws.
    const resize = () => {
      const next = { width: node.clientWidth, height: node.clientHeight };
      if (next.width === size.width && next.height === size.height) return;
      const before = optionAt(latestOption.current, size.width);
      size = next;
      widthPx.current = next.width;
      instance?.resize(next);
      // Narrower or wider, the legend may need another number of rows.
      const after = optionAt(latestOption.current, next.width);
      if (plotTop(after) !== plotTop(before)) instance?.setOption(after, { notMerge: true });
    };
    window.addEventListener('resize', resize);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(resize);
    observer?.observe(node);
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      observer?.disconnect();
      instance?.dispose();
      chart.current = null;
    };
  }, []);

  // The first option is drawn by the microtask above (chart.current is null until then).
  useEffect(() => {
    chart.current?.setOption(optionAt(option, widthPx.current), { notMerge: true });
  }, [option]);

  return <div ref={element} className="metrics-chart__canvas" style={{ height }} />;
}
