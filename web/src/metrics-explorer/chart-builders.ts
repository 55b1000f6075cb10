import type { ChartOption, SeriesOption } from './chart-option.ts';

/** Chart options from plain numbers (display geometry only; labels are formatted by the caller). */
export const PALETTE = ['#4f46e5', '#0e9384', '#c4320a', '#6938ef', '#b54708', '#026aa2', '#c11574', '#3f621a'];
export const MOVEMENT_COLORS = { start: '#98a2b3', new: '#067647', expansion: '#2e90fa', reactivation: '#0e9384', contraction: '#dc6803', churn: '#b42318', end: '#4f46e5' } as const;

export type ChartLine = { name: string; values: ReadonlyArray<number | null> };
type Format = (value: number) => string;

function axisFormatter(locale: string): Format {
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  return (value) => compact.format(value);
}

const grid = { left: 8, right: 16, top: 32, bottom: 8, containLabel: true };

/** Axis labels for shares: 25 %, not 0.25. */
export function percentAxis(locale: string): Format {
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  return (value) => percent.format(value);
}

// Every label, slanted, rather than every other one: a category's name (a stage, an AR bucket) cannot be
// guessed from its neighbours as a month can.
const ALL_LABELS_SLANTED = { interval: 0, rotate: 30 } as const;

/**
 * One line (or bar group) per series over the periods, or over named categories (`named`: each label shown,
 * slanted, where the axis would otherwise hide every other one: Qualifizierung, 1–30 Tage).
 */
export function seriesOption(options: { categories: readonly string[]; lines: readonly ChartLine[]; kind: 'line' | 'bar'; locale: string; format: Format; axis?: Format | undefined; stacked?: boolean; named?: boolean }): ChartOption {
  const series: SeriesOption[] = options.lines.map((line, index) => options.kind === 'line'
    ? { type: 'line', name: line.name, data: [...line.values], symbolSize: 8, color: PALETTE[index % PALETTE.length], connectNulls: false }
    : { type: 'bar', name: line.name, data: [...line.values], color: PALETTE[index % PALETTE.length], ...(options.stacked ? { stack: 'total' } : {}) });
  return {
    animation: false,
    grid,
    legend: { show: options.lines.length > 1, top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: (value) => (typeof value === 'number' ? options.format(value) : '—') },
    xAxis: { type: 'category', data: [...options.categories], ...(options.named ? { axisLabel: ALL_LABELS_SLANTED } : {}) },
    yAxis: { type: 'value', axisLabel: { formatter: options.axis ?? axisFormatter(options.locale) } },
    series,
  };
}

export type WaterfallStep = { key: keyof typeof MOVEMENT_COLORS; label: string; value: number };

/**
 * A bridge start → end: start and end stand on the axis, each movement floats from the running
 * total (an invisible base bar stacked under it); contraction and churn step down.
 */
export function waterfallOption(steps: readonly WaterfallStep[], locale: string, format: Format): ChartOption {
  let running = 0;
  const base: number[] = [];
  const shown: Array<{ value: number; itemStyle: { color: string } }> = [];
  for (const step of steps) {
    const isTotal = step.key === 'start' || step.key === 'end';
    const down = step.key === 'contraction' || step.key === 'churn';
    if (isTotal) {
      base.push(0);
      running = step.value;
    } else if (down) {
      running -= step.value;
      base.push(running);
    } else {
      base.push(running);
      running += step.value;
    }
    shown.push({ value: step.value, itemStyle: { color: MOVEMENT_COLORS[step.key] } });
  }
  return {
    animation: false,
    grid,
    tooltip: { trigger: 'item', renderMode: 'richText', valueFormatter: (value) => (typeof value === 'number' ? format(value) : '—') },
    // Seven labels on a narrow card: all of them, slanted, rather than every other one.
    xAxis: { type: 'category', data: steps.map((step) => step.label), axisLabel: ALL_LABELS_SLANTED },
    yAxis: { type: 'value', axisLabel: { formatter: axisFormatter(locale) } },
    series: [
      { type: 'bar', stack: 'bridge', data: base, itemStyle: { color: 'transparent' }, emphasis: { disabled: true }, tooltip: { show: false }, silent: true },
      { type: 'bar', stack: 'bridge', data: shown, label: { show: true, position: 'top', fontSize: 10, formatter: (params) => (Number(params.value) === 0 ? '' : format(Number(params.value))) } },
    ],
  };
}

/** Movements per period: gains up, losses down (stacked), and the MRR at each period's end as a line. */
export function movementsOption(options: { categories: readonly string[]; gains: readonly ChartLine[]; losses: readonly ChartLine[]; end: ChartLine; colors: readonly string[]; locale: string; format: Format }): ChartOption {
  const bars: SeriesOption[] = [...options.gains, ...options.losses.map((line) => ({ ...line, values: line.values.map((value) => (value === null ? null : -value)) }))]
    .map((line, index) => ({ type: 'bar', name: line.name, stack: 'movements', data: [...line.values], color: options.colors[index] }));
  return {
    animation: false,
    grid,
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: (value) => (typeof value === 'number' ? options.format(Math.abs(value)) : '—') },
    xAxis: { type: 'category', data: [...options.categories] },
    yAxis: { type: 'value', axisLabel: { formatter: axisFormatter(options.locale) } },
    series: [...bars, { type: 'line', name: options.end.name, data: [...options.end.values], color: MOVEMENT_COLORS.end, symbolSize: 8 }],
  };
}
