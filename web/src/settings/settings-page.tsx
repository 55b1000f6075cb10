import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.tsx';
import { KeyIcon, UsersIcon } from '../components/icons.tsx';
import { Link, navigate } from '../lib/router.tsx';
import type { Role } from '../lib/sections.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { NotFoundPage, PageHeader } from '../shell/status-pages.tsx';
import { ApiKeysPage } from './api-keys-page.tsx';
import { CompPlansPage } from './comp-plans-page.tsx';
import { DunningPage } from './dunning-page.tsx';
import { FxRatesPage } from './fx-rates-page.tsx';
import { PipelineStagesPage } from './pipeline-stages-page.tsx';
import { RulesPage } from './rules-page.tsx';
import './settings-pages.css';
import { TaxPage } from './tax-page.tsx';
import { UsersPage } from './users-page.tsx';
import { WebhooksPage } from './webhooks-page.tsx';

type Tab = { path: string; labelKey: string; icon?: ReactNode; roles: readonly Role[]; render(): ReactNode };

/**
 * The tabs, each shown only to the roles whose calls on it succeed (the roles
 * mirror the routes' access lists: src/identity, src/crm/pipeline, src/cpq/route-kit,
 * src/payments/dunning, src/billing/tax, src/metrics, src/commissions/access.ts, src/webhooks). The first tab a
 * role sees is its default.
 */
const TABS: readonly Tab[] = [
  { path: '/settings/api-keys', labelKey: 'settings.apiKeys', icon: <KeyIcon />, roles: ['admin'], render: () => <ApiKeysPage /> },
  { path: '/settings/users', labelKey: 'settings.users', icon: <UsersIcon />, roles: ['admin'], render: () => <UsersPage /> },
  { path: '/settings/pipeline-stages', labelKey: 'settingsPages.tabs.pipelineStages', roles: ['admin', 'revops'], render: () => <PipelineStagesPage /> },
  { path: '/settings/rules', labelKey: 'settingsPages.tabs.rules', roles: ['admin', 'revops'], render: () => <RulesPage /> },
  { path: '/settings/dunning', labelKey: 'settingsPages.tabs.dunning', roles: ['admin', 'finance'], render: () => <DunningPage /> },
  { path: '/settings/tax', labelKey: 'settingsPages.tabs.tax', roles: ['admin', 'finance'], render: () => <TaxPage /> },
  { path: '/settings/fx-rates', labelKey: 'settingsPages.tabs.fxRates', roles: ['admin', 'finance'], render: () => <FxRatesPage /> },
  { path: '/settings/comp-plans', labelKey: 'settingsPages.tabs.compPlans', roles: ['admin', 'finance'], render: () => <CompPlansPage /> },
  { path: '/settings/webhooks', labelKey: 'settingsPages.tabs.webhooks', roles: ['admin'], render: () => <WebhooksPage /> },
];

export function visibleSettingsTabs(role: Role): readonly Tab[] {
  return TABS.filter((tab) => tab.roles.includes(role));
}

export function SettingsPage({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const tabs = visibleSettingsTabs(user.role);
  const tab = tabs.find((candidate) => candidate.path === pathname);
  const defaultPath = tabs[0]?.path ?? null;
  useDocumentTitle(tab ? `${t(tab.labelKey)} · ${t('settings.title')}` : t('settings.title'));
  useEffect(() => {
    if (pathname === '/settings' && defaultPath !== null) navigate(defaultPath, { replace: true });
  }, [pathname, defaultPath]);
  if (pathname !== '/settings' && !tab) return <NotFoundPage />;
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settingsPages.description')} />
      <nav className="tabs" aria-label={t('settings.navLabel')}>
        <ul className="tabs__list">
          {tabs.map((candidate) => (
            <li key={candidate.path}>
              <Link to={candidate.path} className="tabs__link" aria-current={candidate === tab ? 'page' : undefined}>
                {candidate.icon ?? null}
                {t(candidate.labelKey)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab ? tab.render() : null}
    </>
  );
}
