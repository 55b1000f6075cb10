import { useTranslation } from 'react-i18next';
import { Link } from '../lib/router.tsx';
import { day, money } from './billing-format.ts';
import type { CreditNoteDetail, CreditNoteSettlements } from './types.ts';

/** What became of a credit note's credit: a void's went to its invoice in full; an adjustment's is applied to invoices or refunded. */
export function CreditNoteSettlementsCard({ note, settlements }: { note: CreditNoteDetail; settlements: CreditNoteSettlements }) {
  const { t } = useTranslation();
  const { applications, refunds } = settlements;
  return (
    <section className="card" aria-labelledby="credit-note-settlements-title" data-testid="credit-note-settlements">
      <h2 id="credit-note-settlements-title" className="card__title">{t('billing.creditNotes.settlements')}</h2>
      {note.invoiceId !== null && applications.length === 0 ? (
        <p>{t('billing.creditNotes.voidCredited', { number: note.invoiceNumber ?? note.invoiceId })}</p>
      ) : null}
      {note.invoiceId === null && applications.length === 0 ? <p className="muted">{t('billing.creditNotes.noApplications')}</p> : null}
      {applications.length > 0 ? (
        <>
          <h3 className="billing-subtitle">{t('billing.creditNotes.applications')}</h3>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('billing.creditNotes.date')}</th>
                  <th scope="col">{t('billing.creditNotes.invoice')}</th>
                  <th scope="col">{t('billing.creditNotes.kind')}</th>
                  <th scope="col" className="billing-num">{t('billing.creditNotes.amount')}</th>
                </tr>
              </thead>
              <tbody>
                {applications.map((a, index) => (
                  <tr key={`${a.invoiceId}-${index}`}>
                    <td className="table__nowrap">{day(a.effectiveDate)}</td>
                    <td><Link to={`/billing/invoices/${encodeURIComponent(a.invoiceId)}`}>{a.invoiceNumber ?? a.invoiceId}</Link></td>
                    <td>{t(`billing.creditNotes.appliedKinds.${a.reason}`)}</td>
                    <td className="billing-num">{money(a.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {refunds.length > 0 ? (
        <>
          <h3 className="billing-subtitle">{t('billing.creditNotes.refunds')}</h3>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('billing.creditNotes.date')}</th>
                  <th scope="col">{t('billing.creditNotes.reason')}</th>
                  <th scope="col" className="billing-num">{t('billing.creditNotes.amount')}</th>
                </tr>
              </thead>
              <tbody>
                {refunds.map((r) => (
                  <tr key={r.id}>
                    <td className="table__nowrap">{day(r.date)}</td>
                    <td>{r.reason ?? '—'}</td>
                    <td className="billing-num">{money(r.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
