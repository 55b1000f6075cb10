import { useMemo, useState } from 'react';
import { useT } from '../i18n/use-t.ts';
import { explorerHref } from '../metrics-explorer/explorer-state.ts';
import { metricTitle } from '../metrics-explorer/metric-labels.ts';
import { Skeleton } from '../metrics-explorer/skeleton.tsx';
import { matchesSegment } from '../metrics-explorer/table-model.ts';
import { useStages } from '../pipeline/use-stages.ts';
import { BucketChart } from './bucket-chart.tsx';
import { CardFrame } from './card-frame.tsx';
import { findMetric, queryFor, useDashboard } from './dashboard-context.ts';
import { stageBuckets } from './stage-buckets.ts';
import { useExplainedReport } from './use-explained-report.ts';

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
  // A deal carries its stage's key; the configured stages name it, in the reader's language (t changes with it).
  const stages = useStages();
  const buckets = useMemo(() => (point ? stageBuckets(point, stages) : []), [point, stages, t]);
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
