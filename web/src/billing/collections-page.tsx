import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { PageLoading } from '../components/spinner.tsx';
import { Link } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { day, money, toMinor } from './billing-format.ts';
import { CollectionNoteForm, CollectionPromiseForm } from './collection-forms.tsx';
import { CustomerLink } from './customer-link.tsx';
import type { MoneyJson, WorklistAccount } from './types.ts';
import { useResource } from './use-resource.ts';

type Action = { accountId: string; kind: 'note' | 'promise' } | null;

/** /billing/collections: overdue customers, most overdue first, with dunning stage, last contact and promise to pay. */
export function CollectionsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('billing.collections.title'));
  const worklist = useResource<{ data: WorklistAccount[] }>('/collections/worklist');
  const [action, setAction] = useState<Action>(null);
  if (worklist.problem) return <Banner tone="error" title={worklist.problem.title} detail={worklist.problem.detail} />;
  if (!worklist.data) return <PageLoading label={t('app.loading')} />;
  const done = () => {
    setAction(null);
    worklist.reload();
  };
  const rows = worklist.data.data;
  return (
    <>
      <PageHeader title={t('billing.collections.title')} description={t('billing.collections.description')} />
      {rows.length === 0 ? <p className="muted">{t('billing.collections.empty')}</p> : (
        <section className="card"><div className="table-wrap">
          <table className="table billing-collections__table" data-testid="collections-worklist">
            <caption className="visually-hidden">{t('billing.collections.title')}</caption>
            <thead><tr>
              <th scope="col">{t('billing.customer')}</th>
              <th scope="col" className="billing-num">{t('billing.collections.overdueAmount')}</th>
              <th scope="col" className="billing-num">{t('billing.collections.daysOverdue')}</th>
              <th scope="col">{t('billing.collections.stage')}</th>
              <th scope="col">{t('billing.collections.lastContact')}</th>
              <th scope="col">{t('billing.collections.promise')}</th>
              <th scope="col"><span className="visually-hidden">{t('billing.collections.actions')}</span></th>
            </tr></thead>
            <tbody>
              {rows.map((row) => <WorklistRow key={row.accountId} row={row} action={action} setAction={setAction} onDone={done} />)}
            </tbody>
          </table>
        </div></section>
      )}
    </>
  );
}

function WorklistRow({ row, action, setAction, onDone }: { row: WorklistAccount; action: Action; setAction(action: Action): void; onDone(): void }) {
  const { t } = useTranslation();
  const worst = row.invoices.reduce<WorklistAccount['invoices'][number] | null>((max, invoice) => (max === null || invoice.daysPastDue > max.daysPastDue ? invoice : max), null);
  const open = action?.accountId === row.accountId ? action.kind : null;
  const totals = sumByCurrency(row.invoices.map((invoice) => invoice.amountDue));
  return (
    <>
      <tr data-testid="worklist-row">
        <th scope="row" className="table__primary billing-collections__customer">
          <CustomerLink accountId={row.accountId} name={row.accountName} />
          {row.onHold ? <span className="badge badge--danger billing-gap">{t('billing.collections.onHold')}</span> : null}
          <span className="billing-note billing-links">{row.invoices.map((invoice) => <Link key={invoice.invoiceId} to={`/billing/invoices/${encodeURIComponent(invoice.invoiceId)}`}>{invoice.number ?? invoice.invoiceId}</Link>)}</span>
        </th>
        <td className="billing-num">{totals.map((total) => <div key={total.currency}>{money(total)}</div>)}</td>
        <td className="billing-num">{worst ? t('billing.collections.days', { count: worst.daysPastDue }) : '—'}</td>
        <td>{worst?.stage ? t(`billing.stages.${worst.stage}`, { defaultValue: worst.stage }) : t('billing.collections.noStage')}</td>
        <td className="table__nowrap">{day(row.lastContactDate)}</td>
        <td>{row.promise ? t('billing.collections.promiseValue', { amount: money(row.promise.amount), date: day(row.promise.promisedDate) }) : '—'}</td>
        <td className="table__actions">
          <button type="button" className="button button--small button--secondary" aria-expanded={open === 'note'} onClick={() => setAction(open === 'note' ? null : { accountId: row.accountId, kind: 'note' })}>
            {t('billing.collections.addNote')}<span className="visually-hidden"> – {row.accountName}</span>
          </button>
          <button type="button" className="button button--small button--secondary" aria-expanded={open === 'promise'} onClick={() => setAction(open === 'promise' ? null : { accountId: row.accountId, kind: 'promise' })}>
            {t('billing.collections.addPromise')}<span className="visually-hidden"> – {row.accountName}</span>
          </button>
        </td>
      </tr>
      {open !== null || row.notes.length > 0 ? (
        <tr>
          <td colSpan={7}>
            {row.notes.length > 0 ? <ul className="billing-list">{row.notes.map((note) => <li key={note.id}>{note.body}{note.contacted ? ` (${t('billing.collections.contacted')})` : ''}</li>)}</ul> : null}
            {open === 'note' ? <CollectionNoteForm accountId={row.accountId} onSaved={onDone} onCancel={() => setAction(null)} /> : null}
            {open === 'promise' ? <CollectionPromiseForm accountId={row.accountId} currency={totals[0]?.currency ?? 'EUR'} onSaved={onDone} onCancel={() => setAction(null)} /> : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}

function sumByCurrency(amounts: MoneyJson[]): MoneyJson[] {
  const sums = new Map<string, bigint>();
  for (const amount of amounts) sums.set(amount.currency, (sums.get(amount.currency) ?? 0n) + toMinor(amount));
  return [...sums].map(([currency, minor]) => ({ currency, amountMinor: minor.toString() }));
}
