import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.tsx';
import { DataTable, type DataTableColumn } from '../components/data-table.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { dateSamples, formatDateTime, formatNumber } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { usePagedList } from '../lib/use-paged-list.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { DecisionPanel } from './decision-panel.tsx';
import type { InboxItem } from './types.ts';
import { money } from './use-money.ts';

/** /quotes/approvals: the requests waiting for the signed-in user (by user or role), oldest first. */
export function ApprovalsInboxPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('quotes.inboxTitle'));
  const list = usePagedList<InboxItem>('/approvals/inbox', { limit: 100 });
  const [selected, setSelected] = useState<InboxItem | null>(null);
  const [decided, setDecided] = useState<string | null>(null);
  const locale = intlLocale();
  // The customer, the deal (the quote's name, linking to it) and the rule (free text) may be cut; amounts, levels, times and the button are read whole (column-fit.ts).
  const tcv = (item: InboxItem) => money(item.quote.tcv, locale);
  const level = (item: InboxItem) => formatNumber(item.level, locale);
  const columns: DataTableColumn<InboxItem>[] = [
    { key: 'customer', header: t('quotes.columnCustomer'), width: '10rem', clip: true, cell: (item) => item.quote.accountName ?? item.quote.accountId },
    {
      key: 'quote', header: t('quotes.columnQuote'), minWidth: '10rem', clip: true,
      cell: (item) => (
        <Link to={`/quotes/${item.quote.id}`} tabIndex={-1} title={item.quote.id}>
          {t('quotes.listQuoteName', { opportunity: item.quote.opportunityName ?? item.quote.opportunityId, version: item.quote.versionNumber })}
        </Link>
      ),
    },
    { key: 'tcv', header: t('quotes.totals.tcv'), align: 'end', fit: { texts: list.rows.map(tcv) }, cell: tcv },
    { key: 'rule', header: t('quotes.columnRule'), width: '8rem', clip: true, cell: (item) => item.ruleName },
    { key: 'level', header: t('quotes.columnLevel'), align: 'end', fit: { texts: list.rows.map(level) }, cell: level },
    { key: 'requested', header: t('quotes.columnRequested'), fit: { texts: dateSamples(locale, { time: true }) }, cell: (item) => formatDateTime(item.requestedAt, locale) },
    {
      key: 'review', header: t('quotes.columnReview'), fit: { texts: [t('quotes.review')], as: 'button' },
      cell: (item) => <button type="button" className="button button--secondary button--small" onClick={(e) => { e.stopPropagation(); setSelected(item); }}>{t('quotes.review')}</button>,
    },
  ];
  return (
    <>
      <PageHeader title={t('quotes.inboxTitle')} description={t('quotes.inboxDescription')} />
      <p><Link to="/quotes">{t('quotes.backToList')}</Link></p>
      {decided ? <p className="banner banner--success quotes-decided" role="status">{decided}</p> : null}
      <DataTable label={t('quotes.inboxTitle')} columns={columns} rows={list.rows} rowKey={(item) => item.id} onOpen={setSelected}
        loading={list.loading} problem={list.problem} onRetry={list.retry} hasMore={list.hasMore} onLoadMore={list.loadMore}
        emptyMessage={t('quotes.inboxEmpty')} testId="approvals-inbox" rowHeightPx={52} />
      {selected ? (
        <DecisionPanel
          key={selected.id}
          item={selected}
          onClose={() => setSelected(null)}
          onDecided={(message) => {
            setSelected(null);
            setDecided(message);
            list.reload();
          }}
        />
      ) : null}
      <OwnQuoteNote items={list.rows} />
    </>
  );
}

/** The server never routes your own quotes to you; should one appear (a role change), say why it has no buttons. */
function OwnQuoteNote({ items }: { items: readonly InboxItem[] }) {
  const { t } = useTranslation();
  const { user } = useSession();
  return items.some((item) => item.quote.ownerUserId === user.id) ? <p className="muted">{t('quotes.ownQuoteNote')}</p> : null;
}
