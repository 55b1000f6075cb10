import { useTranslation } from 'react-i18next';
import { Link } from '../lib/router.tsx';

export const BILLING_TABS = ['invoices', 'credit-notes', 'payments', 'collections', 'aging', 'subscriptions', 'commissions', 'ledger'] as const;
export type BillingTab = (typeof BILLING_TABS)[number];

/** The billing section's sub-navigation. */
export function BillingNav({ current }: { current: BillingTab }) {
  const { t } = useTranslation();
  return (
    <nav className="tabs" aria-label={t('billing.navLabel')}>
      <ul className="tabs__list">
        {BILLING_TABS.map((tab) => (
          <li key={tab}>
            <Link to={`/billing/${tab}`} className="tabs__link" aria-current={tab === current ? 'page' : undefined}>
              {t(`billing.nav.${tab}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
