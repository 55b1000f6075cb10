import { ledgerAccountName } from './ledger-account-name.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { PageLoading } from '../components/spinner.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { formatDateTime } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import { actorName, useActorNames } from '../lib/use-actor-names.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { day, money } from './billing-format.ts';
import { useLedgerPermissions } from './ledger-access.ts';
import { LedgerSource, ReversalBadge } from './ledger-source.tsx';
import type { JournalEntry, LedgerAccount } from './ledger-types.ts';
import { entryTotals } from './ledger-view.ts';
import { ReverseEntryDialog } from './reverse-entry-dialog.tsx';
import { useResource } from './use-resource.ts';

const entryPath = (id: string) => `/billing/ledger/entries/${encodeURIComponent(id)}`;

/** /billing/ledger/entries/<id>: an entry's lines and source; entries are immutable, a wrong one is reversed (once). */
export function LedgerEntryPage({ entryId }: { entryId: string }) {
  const { t } = useTranslation();
  const entry = useResource<JournalEntry>(`/ledger/entries/${encodeURIComponent(entryId)}`);
  const { canReverse } = useLedgerPermissions();
  const [reversing, setReversing] = useState(false);
  const data = entry.data;
  const actorNames = useActorNames([data?.postedBy]);
  useDocumentTitle(data?.number ?? t('billing.ledger.entries.detailTitle'));
  if (entry.problem) return <Banner tone="error" title={entry.problem.title} detail={entry.problem.detail} />;
  if (!data) return <PageLoading label={t('app.loading')} />;
  const locale = intlLocale();
  const reversible = canReverse && data.reversesEntryId === null && data.reversedByEntryId === null;
  return (
    <>
      <PageHeader title={data.number} description={t('billing.ledger.entries.immutableNote')} />
      <div className="billing-actions">
        <ReversalBadge entry={data} />
        {reversible ? <button type="button" className="button button--danger-ghost" onClick={() => setReversing(true)}>{t('billing.ledger.reverse.open')}</button> : null}
      </div>
      {data.reversesEntryId !== null ? (
        <p className="billing-reversal" data-testid="ledger-reverses">{t('billing.ledger.entries.reverses')} <LinkedEntry id={data.reversesEntryId} /></p>
      ) : null}
      {data.reversedByEntryId !== null ? (
        <p className="billing-reversal" data-testid="ledger-reversed-by">{t('billing.ledger.entries.reversedBy')} <LinkedEntry id={data.reversedByEntryId} /></p>
      ) : null}
      <section className="card" aria-labelledby="ledger-entry-facts">
        <h2 id="ledger-entry-facts" className="card__title">{t('billing.ledger.entries.facts')}</h2>
        <dl className="billing-facts">
          <dt>{t('billing.ledger.entries.date')}</dt><dd data-testid="ledger-entry-date">{day(data.entryDate, locale)}</dd>
          <dt>{t('billing.ledger.entries.description')}</dt><dd>{data.description}</dd>
          <dt>{t('billing.ledger.entries.source')}</dt><dd><LedgerSource entry={data} /> {data.source ? <span className="muted">{data.source.id}</span> : null}</dd>
          <dt>{t('billing.ledger.entries.postedAt')}</dt><dd>{formatDateTime(data.postedAt, locale)}</dd>
          <dt>{t('billing.ledger.entries.postedBy')}</dt><dd data-testid="ledger-entry-posted-by">{actorName(data.postedBy, actorNames)}</dd>
        </dl>
      </section>
      <EntryLines entry={data} />
      <ReverseEntryDialog open={reversing} entry={data} onClose={() => setReversing(false)} onReversed={() => { setReversing(false); entry.reload(); }} />
    </>
  );
}

/** The other side of a reversal, by its number once loaded. */
function LinkedEntry({ id }: { id: string }) {
  const linked = useResource<JournalEntry>(`/ledger/entries/${encodeURIComponent(id)}`);
  return <Link to={entryPath(id)}>{linked.data?.number ?? id}</Link>;
}

function EntryLines({ entry }: { entry: JournalEntry }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  const accounts = useResource<{ data: LedgerAccount[] }>('/ledger/accounts');
  const nameOf = (code: string) => {
    const account = accounts.data?.data.find((candidate) => candidate.code === code);
    return account ? ledgerAccountName(t, code, account.name) : '';
  };
  const amount = (minor: bigint, currency: string) => money({ amountMinor: minor.toString(), currency }, locale);
  return (
    <section className="card" aria-labelledby="ledger-entry-lines">
      <h2 id="ledger-entry-lines" className="card__title">{t('billing.ledger.entries.lines')}</h2>
      <div className="table-wrap">
        <table className="table" data-testid="ledger-entry-lines">
          <thead><tr>
            <th scope="col">{t('billing.ledger.account')}</th>
            <th scope="col">{t('billing.ledger.entries.memo')}</th>
            <th scope="col">{t('billing.currency')}</th>
            <th scope="col" className="billing-num">{t('billing.ledger.debit')}</th>
            <th scope="col" className="billing-num">{t('billing.ledger.credit')}</th>
          </tr></thead>
          <tbody>
            {entry.lines.map((line) => (
              <tr key={line.lineNumber}>
                <th scope="row" className="table__primary">{line.accountCode} {nameOf(line.accountCode)}</th>
                <td>{line.memo ?? ''}</td>
                <td>{(line.debit ?? line.credit)?.currency ?? ''}</td>
                <td className="billing-num">{line.debit ? money(line.debit, locale) : ''}</td>
                <td className="billing-num">{line.credit ? money(line.credit, locale) : ''}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {entryTotals(entry).map((total) => (
              <tr key={total.currency} className="billing-total-row">
                <th scope="row" colSpan={2}>{t('billing.ledger.total')}</th>
                <td>{total.currency}</td>
                <td className="billing-num">{amount(total.debitMinor, total.currency)}</td>
                <td className="billing-num">{amount(total.creditMinor, total.currency)}</td>
              </tr>
            ))}
          </tfoot>
        </table>
      </div>
    </section>
  );
}
