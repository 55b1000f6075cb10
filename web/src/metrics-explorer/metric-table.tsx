import { useState } from 'react';
import { useT } from '../i18n/use-t.ts';
import { intlLocale } from '../i18n/i18n.ts';
import { formatMoney } from '../lib/format-money.ts';
import { formatNumber } from '../lib/format.ts';
import { formatFigure, formatPeriod } from './metric-format.ts';
import { cellLabel, columnLabel } from './metric-labels.ts';
import type { MovementKind, ReportQuery, SeriesPoint, Unit } from './metrics-api.ts';
import { useSegmentName, type SegmentName } from './segment-name.tsx';
import { discriminatorOf } from './series-lines.ts';
import type { Column, Row, TableModel } from './table-model.ts';
import type { ExplainTarget } from './use-explain.ts';

const PAGE_ROWS = 400;
const MOVEMENT_OF: Record<string, MovementKind | 'start' | 'end'> = {
  mrrStartMinor: 'start', newMinor: 'new', expansionMinor: 'expansion', reactivationMinor: 'reactivation', contractionMinor: 'contraction', churnMinor: 'churn', mrrEndMinor: 'end',
};

type MetricTableProps = {
  model: TableModel;
  metric: { name: string; title: string; unit: Unit };
  query: ReportQuery;
  caption: string;
  onExplain(target: ExplainTarget): void;
};

function cellText(column: Column, row: Row, metric: MetricTableProps['metric'], locale: string, noneLabel: string, nameOf: SegmentName): string {
  const value = row.cells[column.key];
  if (column.key === 'segment') return value === null ? noneLabel : nameOf(String(value));
  if (value === null || value === undefined) return '—';
  if ((column.kind === 'figure' || column.kind === 'restated') && typeof value === 'number') return formatFigure(metric.name, metric.unit, value, row.currency, locale);
  if (column.kind === 'money' && row.currency && (typeof value === 'number' || typeof value === 'string')) return formatMoney(value, row.currency, locale);
  if (typeof value === 'number') return formatNumber(value, locale);
  return typeof value === 'string' ? cellLabel(metric.name, column.key, value) : String(value);
}

/**
 * The report as a table: the accessible twin of the chart. Each figure is a button that opens its
 * explanation (the records that add up to it); movement bridges explain per movement.
 */
export function MetricTable({ model, metric, query, caption, onExplain }: MetricTableProps) {
  const { t } = useT();
  const locale = intlLocale();
  const noneLabel = t('metricsExplorer.noneValue');
  const nameOf = useSegmentName();
  const [shown, setShown] = useState(PAGE_ROWS);
  const explainable = (column: Column) => column.kind === 'figure' || MOVEMENT_OF[column.key] !== undefined;
  return (
    <>
      <div className="metrics-table">
        <table className="table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {model.columns.map((column) => (
                <th key={column.key} scope="col" className={column.kind === 'money' || column.kind === 'number' || column.kind === 'figure' || column.kind === 'restated' ? 'metrics-num' : undefined}>
                  {/* The breakdown column is named by what it breaks down by (Owner, Country…). */}
                  {column.key === 'segment' && query.breakdown ? t(`metricsExplorer.breakdowns.${query.breakdown}`) : columnLabel(column.key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {model.rows.slice(0, shown).map((row) => (
              <tr key={row.key}>
                {model.columns.map((column) => {
                  const text = column.kind === 'period' ? formatPeriod(row.period, locale, t) : cellText(column, row, metric, locale, noneLabel, nameOf);
                  if (column.kind === 'period') {
                    return (
                      <th key={column.key} scope="row" className="table__nowrap">
                        {text}
                        {row.restatedOnly ? <span className="badge badge--neutral metrics-restated-only">{t('metricsExplorer.asOf.restatedOnly')}</span> : null}
                      </th>
                    );
                  }
                  const numeric = column.kind !== 'text';
                  if (!explainable(column) || row.cells[column.key] === null || row.cells[column.key] === undefined) {
                    return <td key={column.key} className={numeric ? 'metrics-num' : undefined}>{text}</td>;
                  }
                  const movement = MOVEMENT_OF[column.key];
                  return (
                    <td key={column.key} className="metrics-num">
                      <button
                        type="button" className="metrics-figure-button" data-testid={`cell-${column.key}`}
                        aria-label={t('metricsExplorer.explainFigure', { figure: text, period: formatPeriod(row.period, locale, t) })}
                        onClick={() => onExplain({ metric: metric.name, title: metric.title, unit: metric.unit, query, period: row.period, segment: row.segment, currency: row.currency, movement, match: discriminatorOf(row.source as SeriesPoint), figure: text })}
                      >
                        {text}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {model.rows.length > shown ? (
        <button type="button" className="button button--secondary button--small" onClick={() => setShown((count) => count + PAGE_ROWS)}>
          {t('metricsExplorer.showMoreRows', { shown, total: model.rows.length })}
        </button>
      ) : null}
    </>
  );
}
