import { useMemo, useState } from 'react';
import { useT } from '../i18n/use-t.ts';
import { intlLocale } from '../i18n/i18n.ts';
import { waterfallOption, type WaterfallStep } from '../metrics-explorer/chart-builders.ts';
import { explorerHref } from '../metrics-explorer/explorer-state.ts';
import { LazyChart } from '../metrics-explorer/lazy-chart.tsx';
import { formatFigure, minorToChartNumber } from '../metrics-explorer/metric-format.ts';
import { metricTitle } from '../metrics-explorer/metric-labels.ts';
import { isMovementRows, type MovementRow } from '../metrics-explorer/metrics-api.ts';
import { chartNumberFormat } from '../metrics-explorer/series-lines.ts';
import { Skeleton } from '../metrics-explorer/skeleton.tsx';
import { matchesSegment } from '../metrics-explorer/table-model.ts';
import { useDashboardMetric } from './use-dashboard-metric.ts';
import { CardFrame } from './card-frame.tsx';
import { findMetric, queryFor, useDashboard } from './dashboard-context.ts';

const STEPS = [
  ['start', 'mrrStartMinor'], ['new', 'newMinor'], ['expansion', 'expansionMinor'], ['reactivation', 'reactivationMinor'],
  ['contraction', 'contractionMinor'], ['churn', 'churnMinor'], ['end', 'mrrEndMinor'],
] as const;

/**
 * The MRR bridge over the whole report (interval "all": the end of the month before the first
 * month → the end of the last): start, new, expansion, reactivation, contraction, churn, end.
 */
export function WaterfallCard() {
  const { t } = useT();
  const locale = intlLocale();
  const { catalogue, query, segmentValue, explain } = useDashboard();
  const definition = findMetric(catalogue, 'mrr-movements');
  const report = definition ? { ...queryFor(definition, query), interval: 'all' as const } : query;
  const state = useDashboardMetric(definition ? 'mrr-movements' : null, report);
  const [table, setTable] = useState(false);
  const filter = report.breakdown ? segmentValue : null;
  const bridges = useMemo(() => (state.status === 'ready' && isMovementRows(state.data) ? state.data.filter((row) => matchesSegment(row, filter)) : []), [state, filter]);
  if (!definition) return null;
  const title = metricTitle(definition);
  const open = (row: MovementRow, step: (typeof STEPS)[number]) => explain({
    metric: 'mrr-movements', title, unit: 'money', query: report, period: row.period, segment: row.segment, currency: row.currency,
    movement: step[0], figure: formatFigure('mrr', 'money', row[step[1]], row.currency, locale),
  });
  const empty = bridges.every((row) => row.mrrStartMinor === 0 && row.mrrEndMinor === 0);
  return (
    <CardFrame
      id="card-mrr-bridge" title={t('dashboard.bridgeTitle')} subtitle={t('dashboard.bridgeHint')} exploreHref={explorerHref('mrr-movements', { ...report, interval: 'month' }, filter)}
      table={{ shown: table, toggle: () => setTable((shown) => !shown) }} error={state.status === 'error' ? state.error : undefined} onRetry={state.reload}
    >
      {state.status !== 'ready' ? <Skeleton height={260} /> : empty ? <p className="card__empty">{t('dashboard.noSubscriptions')}</p> : bridges.map((row) => {
        const steps: WaterfallStep[] = STEPS.map(([key, field]) => ({ key, label: t(`metricsExplorer.movements.${key}`), value: minorToChartNumber(row[field], row.currency) }));
        const summary = STEPS.map(([key, field]) => `${t(`metricsExplorer.movements.${key}`)} ${formatFigure('mrr', 'money', row[field], row.currency, locale)}`).join(', ');
        return (
          <div key={`${row.segment ?? ''}-${row.currency}`} className="dashboard-bridge">
            {bridges.length > 1 ? <p className="dashboard-bridge__label">{[row.segment, row.currency].filter(Boolean).join(' · ')}</p> : null}
            {table ? (
              <ul className="dashboard-bridge__list">
                {STEPS.map((step) => (
                  <li key={step[0]}>
                    <span>{t(`metricsExplorer.movements.${step[0]}`)}</span>
                    <button type="button" className="metrics-figure-button" data-testid={`bridge-${step[0]}`} onClick={() => open(row, step)}>
                      {formatFigure('mrr', 'money', row[step[1]], row.currency, locale)}
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <LazyChart
                option={waterfallOption(steps, locale, chartNumberFormat('money', [row.currency], locale))} height={260}
                label={t('dashboard.bridgeSummary', { metric: title, summary })}
                onPointClick={({ seriesIndex, dataIndex }) => {
                  const step = STEPS[dataIndex];
                  if (seriesIndex === 1 && step) open(row, step);
                }}
              />
            )}
          </div>
        );
      })}
    </CardFrame>
  );
}
