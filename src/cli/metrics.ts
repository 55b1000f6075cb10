import {
  computeMetric, importEcbRatesCsv, listMetrics, resolveReportingCurrency, type Explain, type MetricQuery, type MetricResult, type MovementRow, type SeriesPoint,
} from '../metrics/index.ts';
import type { Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { namingOptions } from './option-names.ts';
import { formatMinor } from '../shared/money.ts';
import { withCompanyCurrencyHint } from './reporting-currency-option.ts';
import { assertMetricName } from './metric-name.ts';
import { namingFile, readInputFile } from './input-file.ts';

export type MetricsCommandOptions = { from?: string; to?: string; interval?: string; by?: string; currency?: string; explain?: boolean; json?: boolean; grossMargin?: string; asOf?: string };
type Out = { out: NodeJS.WritableStream };
// Ratios whose numerator and denominator are counts (or money without a point currency), printed as plain numbers.
const COUNT_RATIOS = new Set(['customer-churn-rate', 'win-loss-ratio', 'stage-conversion-rate', 'lead-conversion', 'csat', 'adoption-rate']);
// Ratios that are not shares of a whole (3 wins per loss is 3, not 300 %).
const PLAIN_RATIOS = new Set(['win-loss-ratio', 'quick-ratio']);
// Contributions shown per figure in text; --json carries all of them.
const SHOWN_CONTRIBUTIONS = 10;

const METRIC_OPTIONS = {
  'querystring.from': '--from', 'querystring.to': '--to', 'querystring.interval': '--interval', 'querystring.segment': '--by',
  'querystring.currency': '--currency', 'querystring.grossMargin': '--gross-margin', 'querystring.asOf': '--as-of',
};

/**
 * `revline metrics [name]`: a metric as a table or JSON (the API's shape); without a name, the list
 * of metrics. Without --currency, in the company reporting currency (per currency while none is
 * set); --currency original: per currency.
 */
export async function runMetrics(ctx: Ctx, name: string | undefined, options: MetricsCommandOptions & Out): Promise<number> {
  if (name === undefined) {
    const rows = listMetrics().map((m) => [m.name, m.unit, m.title]);
    options.out.write(options.json ? `${JSON.stringify(listMetrics())}\n` : table(['metric', 'unit', 'title'], rows));
    return 0;
  }
  assertMetricName(name);
  if (options.from === undefined || options.to === undefined) {
    const missing = [...(options.from === undefined ? ['--from'] : []), ...(options.to === undefined ? ['--to'] : [])];
    throw new AppError('validation_failed', 'give the months to report: --from YYYY-MM --to YYYY-MM', { fieldErrors: missing.map((field) => ({ field, message: 'is required (YYYY-MM)' })) });
  }
  const reporting = await resolveReportingCurrency(ctx, options.currency);
  // Option values are checked by the metric's own query schema (the same as the API's), so the casts only name the intent.
  const result = await namingOptions(METRIC_OPTIONS, computeMetric(ctx, name, {
    from: options.from, to: options.to, interval: options.interval as MetricQuery['interval'], segment: options.by as MetricQuery['segment'],
    currency: reporting.currency, explain: options.explain === true, ...(options.grossMargin === undefined ? {} : { grossMargin: options.grossMargin }),
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
  }).catch((error: unknown) => {
    throw withCompanyCurrencyHint(error, reporting);
  }));
  if (options.json) options.out.write(`${JSON.stringify(result)}\n`);
  else options.out.write(Array.isArray(result) ? describeMovements(result) : describeMetric(result));
  if (!options.json && options.asOf !== undefined) options.out.write(describeRestatements(result, options.asOf));
  return 0;
}

export const FX_RATES_FILE = 'ECB-style rates: a header line Date,USD,JPY,… and one line per day';

/** `revline fx import <file>`: ECB-style reference rates; exit 1 when some cells were rejected. */
export async function runFxImport(ctx: Ctx, file: string, options: { source?: string; base?: string; json?: boolean } & Out): Promise<number> {
  const csv = readInputFile(file, FX_RATES_FILE);
  const result = await namingFile(file, namingOptions({ 'body.base': '--base', 'body.source': '--source' }, importEcbRatesCsv(ctx, csv, { source: options.source ?? 'ecb', base: options.base ?? 'EUR' })));
  if (options.json) options.out.write(`${JSON.stringify(result)}\n`);
  else {
    options.out.write(`Rates ${result.firstDate ?? '–'} … ${result.lastDate ?? '–'} (${result.base} base, ${result.source}): ${result.inserted} new, ${result.updated} changed, ${result.unchanged} unchanged\n`);
    for (const cell of result.rejected) options.out.write(`  rejected line ${cell.line} ${cell.column}: ${cell.message}\n`);
  }
  return result.rejected.length === 0 ? 0 : 1;
}

export function describeMetric(result: MetricResult): string {
  const hasSegment = result.series.some((p) => 'segment' in p);
  const hasCurrency = result.series.some((p) => p.currency !== undefined);
  const header = ['period', ...(hasSegment ? ['segment'] : []), ...(hasCurrency ? ['currency'] : []), result.metric, ...extraColumns(result)];
  const rows = result.series.map((point) => [
    point.period, ...(hasSegment ? [point.segment ?? '(none)'] : []), ...(hasCurrency ? [point.currency ?? ''] : []),
    PLAIN_RATIOS.has(result.metric) && point.value !== null ? String(point.value) : formatValue(result.unit, point.value, point.currency), ...extraColumns(result).map((column) => extraValue(result, point, column)),
  ]);
  return table(header, rows) + explained(result.series);
}

function extraColumns(result: MetricResult): string[] {
  // Stage, aging-bucket and revenue-bridge rows repeat per period; their label tells them apart.
  const stage = ['stage', 'bucket', 'line'].filter((label) => result.series.some((p) => typeof p[label] === 'string'));
  if (result.unit === 'ratio' && result.series.some((p) => typeof p['numerator'] === 'number' || result.metric === 'win-rate')) return [...stage, 'numerator', 'denominator'];
  if (result.unit === 'ratio' && result.series.some((p) => typeof p['count'] === 'number')) return [...stage, 'count', 'total'];
  // Deal durations carry a median and a deal count; DSO (also days) carries neither.
  if (result.unit === 'days') {
    const median = result.series.some((p) => 'median' in p) ? ['median'] : [];
    const deals = result.series.some((p) => typeof p['count'] === 'number') ? ['deals'] : [];
    return [...stage, ...median, ...deals];
  }
  return stage;
}

function extraValue(result: MetricResult, point: SeriesPoint, column: string): string {
  if (result.metric === 'win-rate') return String(column === 'numerator' ? point['wonCount'] : Number(point['wonCount']) + Number(point['lostCount']));
  if (column === 'stage' || column === 'bucket' || column === 'line') return String(point[column] ?? '–');
  if (column === 'deals') return String(point['count'] ?? '–');
  if (column === 'count' || column === 'total') return String(point[column] ?? '–');
  if (COUNT_RATIOS.has(result.metric)) return String(point[column] ?? '–');
  if (column === 'median') return point['median'] === null || point['median'] === undefined ? '–' : String(point['median']);
  const amount = point[column];
  return result.metric === 'customer-churn-rate' || typeof amount !== 'number' ? String(amount) : formatMinor(BigInt(amount), point.currency ?? 'XXX');
}

function formatValue(unit: MetricResult['unit'], value: number | null, currency: string | undefined): string {
  if (value === null) return '–';
  if (unit === 'money' && currency) return formatMinor(BigInt(value), currency);
  if (unit === 'ratio') return `${(value * 100).toFixed(2)} %`;
  if (unit === 'number' || unit === 'months') return value.toFixed(2);
  return String(value);
}

export function describeMovements(rows: readonly MovementRow[]): string {
  const hasSegment = rows.some((row) => 'segment' in row);
  const money = (row: MovementRow, minor: number) => formatMinor(BigInt(minor), row.currency);
  const header = ['period', ...(hasSegment ? ['segment'] : []), 'currency', 'start', 'new', 'expansion', 'contraction', 'churn', 'reactivation', 'end', 'customers'];
  const body = rows.map((row) => [
    row.period, ...(hasSegment ? [row.segment ?? '(none)'] : []), row.currency, money(row, row.mrrStartMinor), money(row, row.newMinor),
    money(row, row.expansionMinor), money(row, -row.contractionMinor), money(row, -row.churnMinor), money(row, row.reactivationMinor), money(row, row.mrrEndMinor),
    `${row.customersStart} +${row.customersNew} +${row.customersReactivated} −${row.customersChurned} = ${row.customersEnd}`,
  ]);
  return table(header, body) + explained(rows);
}

function explained(points: ReadonlyArray<{ period: string; explain?: Explain }>): string {
  const blocks = points.filter((p) => p.explain).map((p) => {
    const explain = p.explain as Explain;
    const shown = explain.contributions.slice(0, SHOWN_CONTRIBUTIONS).map((c) => `    ${JSON.stringify(c)}`);
    const more = explain.contributions.length > SHOWN_CONTRIBUTIONS ? [`    … ${explain.contributions.length - SHOWN_CONTRIBUTIONS} more (--json lists all)`] : [];
    return [`${p.period}: ${explain.formula}`, ...shown, ...more].join('\n');
  });
  return blocks.length === 0 ? '' : `\n${blocks.join('\n')}\n`;
}

/** --as-of: the figures above are as reported then; this table puts each beside its value now (docs/metrics.md "As of"). */
function describeRestatements(result: MetricResult | MovementRow[], asOf: string): string {
  const points: ReadonlyArray<{ segment?: string | null }> = Array.isArray(result) ? result : result.series;
  const hasSegment = points.some((point) => 'segment' in point);
  const rows = (Array.isArray(result)
    ? result.map((row) => [row.period, row.segment ?? '(none)', row.currency, formatMinor(BigInt(row.mrrEndMinor), row.currency),
      row.restated === undefined ? '–' : formatMinor(BigInt(row.restated.mrrEndMinor), row.currency), formatMinor(BigInt(row.restatementMinor ?? 0), row.currency)])
    : result.series.map((point) => {
      const restated = typeof point['restatedValue'] === 'number' ? point['restatedValue'] : null;
      const restatement = typeof point['restatement'] === 'number' ? point['restatement'] : null;
      return [point.period, point.segment ?? '(none)', point.currency ?? '', formatValue(result.unit, point.value, point.currency),
        formatValue(result.unit, restated, point.currency), formatValue(result.unit, restatement, point.currency)];
    })).map((row) => (hasSegment ? row : row.filter((_, i) => i !== 1)));
  const figure = Array.isArray(result) ? 'MRR at period end' : result.metric;
  const header = ['period', ...(hasSegment ? ['segment'] : []), 'currency', 'as reported', 'as restated', 'restatement'];
  return `\nAs reported at ${asOf} and as restated now (${figure}):\n${table(header, rows)}`;
}

/** Left-aligned text columns, numbers right-aligned. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((row) => /^[−\-+]?[\d.,]+( %)?$|^–$/.test(row[i] ?? '')));
  const line = (cells: string[]) => cells.map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
