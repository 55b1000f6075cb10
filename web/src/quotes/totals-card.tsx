import { useTranslation } from 'react-i18next';
import type { Quote, Totals } from './types.ts';
import { money } from './use-money.ts';

const SHOWN: readonly (keyof Totals)[] = ['list', 'lineDiscount', 'headerDiscount', 'tcv', 'acv', 'firstYear', 'oneTime', 'recurring', 'mrr', 'arr'];
const KEY: readonly (keyof Totals)[] = ['tcv', 'acv', 'firstYear', 'mrr', 'arr'];

/** The server's totals, as computed by src/cpq/price-quote.ts (nothing is added up here). */
export function TotalsCard({ quote, updating }: { quote: Quote; updating: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="card quotes-totals" aria-labelledby="quote-totals-title" aria-busy={updating || undefined}>
      <div className="card__header">
        <h2 id="quote-totals-title" className="card__title">{t('quotes.totalsTitle')}</h2>
        <p className="card__subtitle" role="status">{updating ? t('quotes.updating') : t('quotes.upToDate')}</p>
      </div>
      <dl className="quotes-totals__list">
        {SHOWN.map((key) => (
          <div key={key} className={KEY.includes(key) ? 'quotes-totals__row quotes-totals__row--key' : 'quotes-totals__row'}>
            <dt>{t(`quotes.totals.${key}`)}</dt>
            <dd data-testid={`total-${key}`}>{money(quote.totals[key])}</dd>
          </div>
        ))}
      </dl>
      {quote.years.length > 1 ? (
        <dl className="quotes-totals__list quotes-totals__years">
          {quote.years.map((year) => (
            <div key={year.year} className="quotes-totals__row">
              <dt>{t('quotes.rampYear', { year: year.year })}</dt>
              <dd>{money(year.amount)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  );
}
