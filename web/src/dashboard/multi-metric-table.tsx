import { useT } from '../i18n/use-t.ts';
import { intlLocale } from '../i18n/i18n.ts';
import { formatFigure, formatPeriod } from '../metrics-explorer/metric-format.ts';
import type { MetricLine } from './multi-metric-card.tsx';

type MultiMetricTableProps = { caption: string; periods: readonly string[]; entries: readonly MetricLine[]; onExplain(entry: MetricLine, period: string): void };

/** Periods down, metrics across: the table twin of a multi-metric chart, each figure explainable. */
export function MultiMetricTable({ caption, periods, entries, onExplain }: MultiMetricTableProps) {
  const { t } = useT();
  const locale = intlLocale();
  return (
    <div className="metrics-table">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('metricsExplorer.columns.period')}</th>
            {entries.map((entry) => <th key={entry.definition.name} scope="col" className="metrics-num">{entry.title}</th>)}
          </tr>
        </thead>
        <tbody>
          {periods.map((period) => (
            <tr key={period}>
              <th scope="row" className="table__nowrap">{formatPeriod(period, locale, t)}</th>
              {entries.map((entry) => {
                const point = entry.line.points.find((candidate) => candidate?.period === period);
                const figure = point ? formatFigure(entry.definition.name, entry.definition.unit, point.value, entry.line.currency, locale) : '—';
                return (
                  <td key={entry.definition.name} className="metrics-num">
                    {point && point.value !== null ? (
                      <button type="button" className="metrics-figure-button" onClick={() => onExplain(entry, period)}
                        aria-label={t('metricsExplorer.explainFigure', { figure: `${entry.title} ${figure}`, period: formatPeriod(period, locale, t) })}>
                        {figure}
                      </button>
                    ) : figure}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
