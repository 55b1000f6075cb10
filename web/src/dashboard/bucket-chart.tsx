import { useT } from '../i18n/use-t.ts';
import { intlLocale } from '../i18n/i18n.ts';
import { seriesOption } from '../metrics-explorer/chart-builders.ts';
import { LazyChart } from '../metrics-explorer/lazy-chart.tsx';
import { formatMoney } from '../lib/format-money.ts';
import { minorToChartNumber } from '../metrics-explorer/metric-format.ts';
import { chartNumberFormat } from '../metrics-explorer/series-lines.ts';

export type Bucket = { key: string; label: string; amountMinor: bigint };

type BucketChartProps = { id: string; title: string; buckets: readonly Bucket[]; currency: string; table: boolean; onOpen(bucket: Bucket, figure: string): void };

/** Amounts by category (pipeline stage, AR aging bucket) as bars, or as a list of explainable figures. */
export function BucketChart({ id, title, buckets, currency, table, onOpen }: BucketChartProps) {
  const { t } = useT();
  const locale = intlLocale();
  const figureOf = (bucket: Bucket) => formatMoney(bucket.amountMinor, currency, locale);
  if (table) {
    return (
      <ul className="dashboard-bridge__list" data-testid={`${id}-list`}>
        {buckets.map((bucket) => (
          <li key={bucket.key}>
            <span>{bucket.label}</span>
            <button type="button" className="metrics-figure-button" onClick={() => onOpen(bucket, figureOf(bucket))}>{figureOf(bucket)}</button>
          </li>
        ))}
      </ul>
    );
  }
  const option = seriesOption({
    categories: buckets.map((bucket) => bucket.label), lines: [{ name: title, values: buckets.map((bucket) => minorToChartNumber(Number(bucket.amountMinor), currency)) }],
    kind: 'bar', named: true, locale, format: chartNumberFormat('money', [currency], locale),
  });
  return (
    <LazyChart
      option={option} height={240}
      label={t('dashboard.multiSummary', { title, summary: buckets.map((bucket) => `${bucket.label} ${figureOf(bucket)}`).join('; ') })}
      onPointClick={({ dataIndex }) => {
        const bucket = buckets[dataIndex];
        if (bucket) onOpen(bucket, figureOf(bucket));
      }}
    />
  );
}
