import { useMemo, useState } from 'react';
import { useT } from '../i18n/use-t.ts';
import { toMinor } from '../metrics-explorer/metric-format.ts';
import { explorerHref } from '../metrics-explorer/explorer-state.ts';
import { metricTitle } from '../metrics-explorer/metric-labels.ts';
import type { SeriesPoint } from '../metrics-explorer/metrics-api.ts';
import { Skeleton } from '../metrics-explorer/skeleton.tsx';
import { matchesSegment } from '../metrics-explorer/table-model.ts';
import { BucketChart, type Bucket } from './bucket-chart.tsx';
import { CardFrame } from './card-frame.tsx';
import { findMetric, queryFor, useDashboard } from './dashboard-context.ts';
import { useExplainedReport } from './use-explained-report.ts';

/** Σ of the open deals per stage, in the stage order of their probabilities (prospecting before negotiation). */
function stageBuckets(point: SeriesPoint): Bucket[] {
  const stages = new Map<string, { amountMinor: bigint; probabilityBps: number }>();
  for (const deal of point.explain?.contributions ?? []) {
    if (deal['status'] !== 'open' || typeof deal['stage'] !== 'string') continue;
    const entry = stages.get(deal['stage']) ?? { amountMinor: 0n, probabilityBps: Number(deal['probabilityBps'] ?? 0) };
    entry.amountMinor += toMinor(deal['convertedMinor'] ?? deal['amountMinor']);
    stages.set(deal['stage'], entry);
  }
  return [...stages.entries()]
    .sort(([a, x], [b, y]) => x.probabilityBps - y.probabilityBps || a.localeCompare(b))
    .map(([stage, entry]) => ({ key: stage, label: stage.replace(/_/g, ' '), amountMinor: entry.amountMinor }));
}

/** Open pipeline at the end of the report, by stage; a bar opens the deals of that stage. */
export function PipelineStageCard() {
  const { t } = useT();
  const { catalogue, query, segmentValue, explain } = useDashboard();
  const definition = findMetric(catalogue, 'pipeline-value');
  const report = definition ? { ...queryFor(definition, query), interval: 'all' as const } : query;
  const state = useExplainedReport(definition ? 'pipeline-value' : null, report);
  const [table, setTable] = useState(false);
  const filter = report.breakdown ? segmentValue : null;
  const point = useMemo(() => (state.status === 'ready' ? (state.data.series.find((candidate) => matchesSegment(candidate, filter)) ?? null) : null), [state, filter]);
  const buckets = useMemo(() => (point ? stageBuckets(point) : []), [point]);
  if (!definition) return null;
  const title = metricTitle(definition);
  const currency = point?.currency ?? (state.status === 'ready' ? state.data.currency : undefined);
  return (
    <CardFrame
      id="card-pipeline-stages" title={t('dashboard.pipelineByStage')} subtitle={t('dashboard.pipelineByStageHint')} exploreHref={explorerHref('pipeline-value', { ...report, interval: 'month' }, filter)}
      table={{ shown: table, toggle: () => setTable((shown) => !shown) }} error={state.status === 'error' ? state.error : undefined} onRetry={state.reload}
    >
      {state.status !== 'ready' ? <Skeleton height={240} /> : !point || !currency || buckets.length === 0 ? <p className="card__empty">{t('dashboard.noOpenDeals')}</p> : (
        <BucketChart
          id="pipeline-stages" title={title} buckets={buckets} currency={currency} table={table}
          onOpen={(bucket, figure) => point.explain && explain({
            metric: 'pipeline-value', title: `${title} · ${bucket.label}`, unit: 'money', query: report, period: point.period, segment: point.segment, currency,
            figure, filter: { field: 'stage', value: bucket.key }, preloaded: { explain: point.explain, currency },
          })}
        />
      )}
    </CardFrame>
  );
}
