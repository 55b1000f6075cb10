import { useState } from 'react';
import { useT } from '../i18n/use-t.ts';
import { intlLocale } from '../i18n/i18n.ts';
import { explorerHref } from '../metrics-explorer/explorer-state.ts';
import { formatPeriod, toMinor } from '../metrics-explorer/metric-format.ts';
import { formatMoney } from '../lib/format-money.ts';
import type { Explain } from '../metrics-explorer/metrics-api.ts';
import { lastDateOfMonth } from '../metrics-explorer/period-range.ts';
import { Skeleton } from '../metrics-explorer/skeleton.tsx';
import { matchesSegment } from '../metrics-explorer/table-model.ts';
import { labelOr, metricTitle } from '../metrics-explorer/metric-labels.ts';
import { BucketChart } from './bucket-chart.tsx';
import { CardFrame } from './card-frame.tsx';
import { findMetric, queryFor, useDashboard } from './dashboard-context.ts';
import { AGING_BUCKETS, useArAging } from './use-ar-aging.ts';
import { useExplainedReport } from './use-explained-report.ts';
import { todayLocalDate } from '../lib/calendar-date.ts';

type Aging = { currency: string; period: string; segment?: string | null | undefined; buckets: Array<{ key: string; amountMinor: bigint; explain: Explain | undefined }> };


/**
 * AR aging at the end of the report (or today, if that is earlier): the catalogue's ar-aging
 * metric when the server lists it, else the payments API's aging. A bar opens its invoices.
 * Under the chart, the payments API's unapplied credit notes and net AR: open invoices less
 * credit notes not yet applied, which is what the ledger's AR account holds (docs/payments.md).
 */
export function ArAgingCard() {
  const { t } = useT();
  const locale = intlLocale();
  const { catalogue, query, segmentValue, explain } = useDashboard();
  const definition = findMetric(catalogue, 'ar-aging');
  const report = definition ? { ...queryFor(definition, query), interval: 'all' as const } : { ...query, interval: 'all' as const, breakdown: null };
  const asOfDate = [lastDateOfMonth(query.to), todayLocalDate()].sort()[0] ?? todayLocalDate();
  const metric = useExplainedReport(definition ? 'ar-aging' : null, report);
  // In the report's currency when it has one: the credits and net AR under the chart are then the
  // converted sums of every document currency, as the chart's buckets are.
  const payments = useArAging(asOfDate, t('dashboard.agingFormula'), query.currency);
  const [table, setTable] = useState(false);
  const filter = report.breakdown ? segmentValue : null;
  const state = definition ? metric : payments;
  let aging: Aging | null = null;
  if (definition && metric.status === 'ready') {
    const points = metric.data.series.filter((point) => matchesSegment(point, filter));
    const currency = points[0]?.currency ?? metric.data.currency;
    const mine = points.filter((point) => (point.currency ?? metric.data.currency) === currency);
    if (currency) aging = { currency, period: mine[0]?.period ?? 'all', segment: mine[0]?.segment, buckets: mine.map((point) => ({ key: String(point['bucket']), amountMinor: toMinor(point.value ?? 0), explain: point.explain })) };
  } else if (!definition && payments.status === 'ready' && payments.data[0]) {
    const first = payments.data[0];
    aging = { currency: first.currency, period: 'all', buckets: first.buckets.map((bucket) => ({ ...bucket, explain: first.explain })) };
  }
  const title = definition ? metricTitle(definition) : t('dashboard.arAging');
  const order = (key: string) => (AGING_BUCKETS as readonly string[]).indexOf(key);
  const buckets = (aging?.buckets ?? []).sort((a, b) => order(a.key) - order(b.key)).map((bucket) => ({ ...bucket, label: labelOr(`dashboard.buckets.${bucket.key}`, bucket.key) }));
  const credits = payments.status === 'ready' && aging ? payments.data.find((entry) => entry.currency === aging?.currency) : undefined;
  const empty = buckets.every((bucket) => bucket.amountMinor === 0n) && (credits?.unappliedCreditsMinor ?? 0n) === 0n;
  return (
    <CardFrame
      id="card-ar-aging" title={title} subtitle={t('dashboard.asOf', { date: formatPeriod(definition ? query.to : asOfDate, locale, t) })}
      exploreHref={definition ? explorerHref('ar-aging', { ...report, interval: 'month' }, filter) : undefined}
      table={{ shown: table, toggle: () => setTable((shown) => !shown) }} error={state.status === 'error' ? state.error : undefined} onRetry={state.reload}
    >
      {state.status !== 'ready' ? <Skeleton height={240} /> : aging === null || empty ? <p className="card__empty">{t('dashboard.noReceivables')}</p> : (<>
        <BucketChart
          id="ar-aging" title={title} buckets={buckets} currency={aging.currency} table={table}
          onOpen={(bucket, figure) => {
            const source = buckets.find((candidate) => candidate.key === bucket.key)?.explain;
            if (!aging || !source) return;
            explain({
              metric: 'ar-aging', title: `${title} · ${bucket.label}`, unit: 'money', query: report, period: aging.period, segment: aging.segment, currency: aging.currency,
              figure, filter: definition ? undefined : { field: 'bucket', value: bucket.key }, preloaded: { explain: source, currency: aging.currency }, explorable: definition !== null,
            });
          }}
        />
        {credits ? (
          <p className="card__note" data-testid="ar-aging-net">
            {t('dashboard.agingCredits', { amount: formatMoney(-credits.unappliedCreditsMinor, credits.currency, locale) })}
            {' · '}
            {t('dashboard.agingNet', { amount: formatMoney(credits.netMinor, credits.currency, locale), date: formatPeriod(credits.asOfDate, locale, t) })}
          </p>
        ) : null}
      </>)}
    </CardFrame>
  );
}
