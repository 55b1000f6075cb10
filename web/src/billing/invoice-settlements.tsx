import { useTranslation } from 'react-i18next';
import { Link } from '../lib/router.tsx';
import { day, money } from './billing-format.ts';
import { creditNoteReasonText } from './credit-note-view.ts';
import type { CreditNote, Settlement } from './types.ts';

/** Payments and credit notes applied to (or taken off) the invoice, and its credit notes (each linking to its page). */
export function InvoiceSettlements({ settlements, creditNotes }: { settlements: Settlement[]; creditNotes: CreditNote[] }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="invoice-settlements-title">
      <h2 id="invoice-settlements-title" className="card__title">{t('billing.invoices.settlements')}</h2>
      {settlements.length === 0 ? <p className="muted">{t('billing.invoices.noSettlements')}</p> : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('billing.invoices.date')}</th>
                <th scope="col">{t('billing.invoices.source')}</th>
                <th scope="col">{t('billing.invoices.kind')}</th>
                <th scope="col" className="billing-num">{t('billing.invoices.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {settlements.map((s, index) => (
                <tr key={`${s.sourceId}-${index}`}>
                  <td className="table__nowrap">{day(s.effectiveDate)}</td>
                  <td>
                    {t(`billing.invoices.sources.${s.sourceType}`)}{' '}
                    {s.sourceType === 'credit_note'
                      ? <Link to={`/billing/credit-notes/${encodeURIComponent(s.sourceId)}`}>{s.sourceId}</Link>
                      : <span className="muted">{s.sourceId}</span>}
                  </td>
                  <td>{t(`billing.invoices.reasons.${s.reason}`)}</td>
                  <td className="billing-num">{money(s.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {creditNotes.length > 0 ? (
        <>
          <h3 className="billing-subtitle">{t('billing.invoices.creditNotes')}</h3>
          <ul className="billing-list" data-testid="credit-notes">
            {creditNotes.map((note) => (
              <li key={note.id}>
                <Link to={`/billing/credit-notes/${encodeURIComponent(note.id)}`}><strong>{note.number}</strong></Link> · {day(note.issueDate)} · {money(note.total)}
                {' · '}{creditNoteReasonText(note.reasonParts, t, (date) => day(date))} ·{' '}
                <a href={`/api/v1/credit-notes/${encodeURIComponent(note.id)}/document.pdf`} target="_blank" rel="noreferrer"
                  aria-label={t('billing.invoices.creditNotePdfLabel', { number: note.number })}>{t('billing.invoices.creditNotePdf')}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
