import { useTranslation } from 'react-i18next';
import { formatMoney } from '../lib/format-money.ts';
import type { MoneyJson, PublicQuote } from './types.ts';

/** The quote language's locale, the one its PDF uses (src/cpq/document/locale-format.ts). */
export const QUOTE_LOCALES = { en: 'en-US', de: 'de-DE', it: 'it-IT', ru: 'ru-RU' } as const;

export function formatPlainDate(date: string, locale: string): string {
  // A calendar date: formatted in UTC so no time zone moves it to another day.
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

const TOTALS = ['list', 'lineDiscount', 'headerDiscount', 'tcv', 'acv', 'firstYear', 'oneTime', 'mrr', 'arr'] as const;

/** Seller, customer, terms, lines and totals of a public quote, formatted in the quote's language. */
export function PublicQuoteView({ data }: { data: PublicQuote }) {
  const { t } = useTranslation();
  const { quote } = data;
  const locale = QUOTE_LOCALES[quote.language];
  const m = (value: MoneyJson) => formatMoney(value.amountMinor, value.currency, locale);
  const totals = TOTALS.filter((key) => quote.totals[key] !== undefined);
  return (
    <>
      <section className="card" aria-labelledby="accept-terms-title">
        <h2 id="accept-terms-title" className="card__title">{t('quotes.accept.termsTitle')}</h2>
        <dl className="quotes-facts">
          <div><dt>{t('quotes.accept.customer')}</dt><dd>{quote.customer}</dd></div>
          <div><dt>{t('quotes.accept.preparedBy')}</dt><dd>{quote.preparedBy ?? '—'}</dd></div>
          <div><dt>{t('quotes.accept.term')}</dt><dd>{t('quotes.accept.termValue', { start: formatPlainDate(quote.startDate, locale), end: formatPlainDate(quote.endDate, locale), count: quote.termMonths })}</dd></div>
          <div><dt>{t('quotes.paymentTermsDays')}</dt><dd>{t('quotes.accept.days', { count: quote.paymentTermsDays })}</dd></div>
          <div><dt>{t('quotes.accept.validUntil')}</dt><dd>{formatPlainDate(quote.validUntilDate, locale)}</dd></div>
        </dl>
      </section>
      <section className="card" aria-labelledby="accept-lines-title">
        <h2 id="accept-lines-title" className="card__title">{t('quotes.linesTitle')}</h2>
        <ul className="quotes-public-lines">
          {quote.lines.map((line) => (
            <li key={line.lineNumber} className="quotes-public-line">
              <p className="quotes-line__name">{line.name}</p>
              {line.description ? <p className="muted">{line.description}</p> : null}
              <p className="muted">
                {line.ramp
                  ? line.ramp.map((year) => t('quotes.accept.rampYear', { year: year.year, count: year.quantity })).join(' · ')
                  : t('quotes.accept.quantity', { count: line.quantity })}
                {' · '}
                {t(`quotes.period.${line.billingPeriod}` as 'quotes.period.monthly', { defaultValue: line.billingPeriod })}
              </p>
              <dl className="quotes-line__amounts">
                <div><dt>{t('quotes.list')}</dt><dd>{m(line.list)}</dd></div>
                <div><dt>{t('quotes.discounts')}</dt><dd>{m(line.discount)}</dd></div>
                <div><dt>{t('quotes.net')}</dt><dd>{m(line.net)}</dd></div>
              </dl>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="accept-totals-title">
        <h2 id="accept-totals-title" className="card__title">{t('quotes.totalsTitle')}</h2>
        <dl className="quotes-totals__list">
          {totals.map((key) => {
            const value = quote.totals[key];
            return value ? (
              <div key={key} className={key === 'tcv' ? 'quotes-totals__row quotes-totals__row--key' : 'quotes-totals__row'}>
                <dt>{t(`quotes.totals.${key}`)}</dt>
                <dd data-testid={`public-total-${key}`}>{m(value)}</dd>
              </div>
            ) : null;
          })}
          {quote.years.length > 1 ? quote.years.map((year) => (
            <div key={year.year} className="quotes-totals__row">
              <dt>{t('quotes.rampYear', { year: year.year })}</dt>
              <dd>{m(year.amount)}</dd>
            </div>
          )) : null}
        </dl>
      </section>
    </>
  );
}
