import { useTranslation } from 'react-i18next';
import { Link } from '../lib/router.tsx';
import { LedgerEntriesPage } from './ledger-entries-page.tsx';
import { LedgerEntryPage } from './ledger-entry-page.tsx';
import { TrialBalancePage } from './trial-balance-page.tsx';

type LedgerView = 'trialBalance' | 'entries';

/** /billing/ledger (trial balance and periods), /billing/ledger/entries, /billing/ledger/entries/<id>. */
export function LedgerSection({ sub, id }: { sub: string; id: string | null }) {
  const view: LedgerView = sub === 'entries' ? 'entries' : 'trialBalance';
  return (
    <>
      <LedgerNav current={view} />
      {view === 'trialBalance' ? <TrialBalancePage /> : id === null ? <LedgerEntriesPage /> : <LedgerEntryPage key={id} entryId={id} />}
    </>
  );
}

function LedgerNav({ current }: { current: LedgerView }) {
  const { t } = useTranslation();
  const links: { view: LedgerView; to: string }[] = [{ view: 'trialBalance', to: '/billing/ledger' }, { view: 'entries', to: '/billing/ledger/entries' }];
  return (
    <nav className="tabs billing-subtabs" aria-label={t('billing.ledger.navLabel')}>
      <ul className="tabs__list">
        {links.map((link) => (
          <li key={link.view}>
            <Link to={link.to} className="tabs__link" aria-current={link.view === current ? 'page' : undefined}>{t(`billing.ledger.nav.${link.view}`)}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
