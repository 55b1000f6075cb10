import type { ChartOption } from './chart-option.ts';

/**
 * A legend that does not fit in one row wraps to more rows, and the plot moves down to make room for them. ECharts'
 * scrolling legend showed the series that fit and paged the rest behind "1/2" arrows: in German, "Netto-MRR-
 * Abwanderungsrate" and "Zahlungseingang" were out of sight on the dashboard's cards at 1280 px.
 */

// ECharts' legend defaults: 25 px symbol, 5 px to its text, 10 px between items and between rows, 5 px padding.
const SYMBOL_PX = 25;
const SYMBOL_GAP_PX = 5;
const ITEM_GAP_PX = 10;
const PADDING_PX = 5;
export const LEGEND_FONT = '12px sans-serif';
// The builders' grid starts 32 px down, under one row of legend (chart-builders.ts); each further row is this high.
const FIRST_ROW_TOP_PX = 32;
const ROW_PX = 24;

/** How many rows ECharts lays the legend's names out in, in a chart this wide. */
export function legendRows(names: readonly string[], widthPx: number, measure: (text: string) => number): number {
  const room = widthPx - 2 * PADDING_PX;
  let rows = names.length > 0 ? 1 : 0;
  let x = 0;
  for (const name of names) {
    const item = SYMBOL_PX + SYMBOL_GAP_PX + measure(name);
    if (x > 0 && x + item > room) {
      rows += 1;
      x = 0;
    }
    x += item + ITEM_GAP_PX;
  }
  return rows;
}

/** The option for a chart this wide: as built when its legend fits one row, else a wrapping legend above a lower plot. */
export function fitLegend(option: ChartOption, widthPx: number, measure: (text: string) => number): ChartOption {
  const legend = Array.isArray(option.legend) ? undefined : option.legend;
  if (legend === undefined || legend.show === false || widthPx <= 0) return option;
  const series = Array.isArray(option.series) ? option.series : option.series ? [option.series] : [];
  const names = series.map((each) => (typeof each.name === 'string' ? each.name : '')).filter((name) => name !== '');
  const rows = legendRows(names, widthPx, measure);
  if (rows <= 1) return option;
  const grid = Array.isArray(option.grid) ? undefined : option.grid;
  return { ...option, legend: { ...legend, type: 'plain' }, grid: { ...grid, top: FIRST_ROW_TOP_PX + (rows - 1) * ROW_PX } };
}
