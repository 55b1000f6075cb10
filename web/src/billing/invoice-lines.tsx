import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../i18n/i18n.ts';
import { money, period } from './billing-format.ts';
import { formatDecimalMoney } from '../lib/format-money.ts';
import type { BilledInvoice, BillingLine, MoneyJson, TaxTreatment } from './types.ts';

/** The reason for no VAT in the reader's language; a note of another kind as the server wrote it. */
function taxTreatmentText(treatment: TaxTreatment, t: TFunction): string {
  switch (treatment.kind) {
    case 'reverse_charge': return t('billing.invoices.taxTreatment.reverseCharge', { vatId: treatment.customerVatId });
    case 'outside_eu': return t('billing.invoices.taxTreatment.outsideEu');
    case 'other': return treatment.text;
  }
}

const AGGREGATIONS = ['sum', 'count', 'max', 'unique_count', 'latest'];

/** A proration or usage note in the reader's language (from its parts); any other note as the server wrote it. */
function noteText(line: BillingLine, t: TFunction, locale: string, quantities: Intl.NumberFormat): string | null {
  const usage = line.usageNote;
  if (usage) {
    const quantity = quantities.format(usage.quantity as `${number}`);
    const aggregation = usage.aggregation === null ? ''
      : ` (${AGGREGATIONS.includes(usage.aggregation) ? t(`billing.lineNotes.aggregation.${usage.aggregation}`) : usage.aggregation})`;
    // The period column shows the span already when the two agree.
    const sameSpan = usage.startDate === line.periodStartDate && usage.endDate === line.periodEndDate;
    const span = sameSpan || usage.startDate === null || usage.endDate === null ? '' : `, ${period(usage.startDate, usage.endDate, locale)}`;
    const trueUp = usage.rated && usage.minimum && usage.trueUp
      ? `; ${t('billing.lineNotes.usageTrueUp', { rated: money(usage.rated, locale), minimum: money(usage.minimum, locale), trueUp: money(usage.trueUp, locale) })}` : '';
    return `${t('billing.lineNotes.usage', { quantity })}${aggregation}${span}${trueUp}`;
  }
  const parts = line.noteParts;
  if (!parts) return line.note;
  const values = { billable: parts.billableDays, period: parts.periodDays, billedBefore: parts.billedBefore ? money(parts.billedBefore, locale) : '' };
  return t(`billing.lineNotes.${parts.kind}`, values);
}

/** What the lines table reads of a document: an invoice, or a credit note on the invoice's scale. */
export type LinesDocument = Pick<BilledInvoice, 'lines' | 'currency' | 'subtotal' | 'total' | 'taxTreatment'>;

/** The lines of an invoice (or a credit note), its tax per rate and totals; `footnote` says how to read them. */
export function InvoiceLines({ invoice, footnote }: { invoice: LinesDocument; footnote?: string }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  const quantity = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
  return (
    <section className="card" aria-labelledby="invoice-lines-title">
      <h2 id="invoice-lines-title" className="card__title">{t('billing.invoices.lines')}</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('billing.invoices.lineDescription')}</th>
              <th scope="col">{t('billing.invoices.servicePeriod')}</th>
              <th scope="col" className="billing-num">{t('billing.invoices.quantity')}</th>
              <th scope="col" className="billing-num">{t('billing.invoices.unitPrice')}</th>
              <th scope="col" className="billing-num">{t('billing.invoices.tax')}</th>
              <th scope="col" className="billing-num">{t('billing.invoices.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((line) => (
              <tr key={line.lineNumber}>
                <th scope="row" className="table__primary">
                  {line.description}
                  {line.note ? <span className="billing-note">{noteText(line, t, locale, quantity)}</span> : null}
                </th>
                <td className="table__nowrap">{period(line.periodStartDate, line.periodEndDate, locale)}</td>
                <td className="billing-num">{quantity.format(line.quantity as `${number}`)}</td>
                <td className="billing-num">{unitPrice(line, invoice.currency, locale)}</td>
                <td className="billing-num">{line.taxRateBps === null ? '—' : `${money(line.tax, locale)} (${percent.format(line.taxRateBps / 10_000)})`}</td>
                <td className="billing-num">{money(line.amount, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="billing-totals">
        <dt>{t('billing.invoices.subtotal')}</dt><dd>{money(invoice.subtotal, locale)}</dd>
        {taxByRate(invoice).map(({ rateBps, tax }) => (
          <Row key={rateBps} label={t('billing.invoices.taxAt', { rate: percent.format(rateBps / 10_000) })} value={money(tax, locale)} />
        ))}
        <dt>{t('billing.invoices.total')}</dt><dd><strong>{money(invoice.total, locale)}</strong></dd>
      </dl>
      {invoice.taxTreatment ? <p className="billing-note">{taxTreatmentText(invoice.taxTreatment, t)}</p> : null}
      {footnote ? <p className="billing-note">{footnote}</p> : null}
    </section>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return <><dt>{label}</dt><dd>{value}</dd></>;
}

/** Tax summed per rate in minor units (bigint), as the PDF shows it. */
function taxByRate(invoice: LinesDocument): { rateBps: number; tax: MoneyJson }[] {
  const sums = new Map<number, bigint>();
  for (const line of invoice.lines) {
    if (line.taxRateBps === null || line.taxRateBps === 0) continue;
    sums.set(line.taxRateBps, (sums.get(line.taxRateBps) ?? 0n) + BigInt(line.tax.amountMinor));
  }
  return [...sums].sort(([a], [b]) => a - b).map(([rateBps, minor]) => ({ rateBps, tax: { amountMinor: minor.toString(), currency: invoice.currency } }));
}

/** The exact price when it is below one minor unit (0.0004 €, not 0.00 €), else the rounded one. */
function unitPrice(line: BilledInvoice['lines'][number], currency: string, locale: string): string {
  if (line.unitAmountDecimal) return formatDecimalMoney(line.unitAmountDecimal, currency, locale);
  return line.unitAmount ? money(line.unitAmount, locale) : '—';
}
