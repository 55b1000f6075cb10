import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { KeyIcon, UsersIcon } from '../components/icons.tsx';
import { Link, navigate } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { NotFoundPage, PageHeader } from '../shell/status-pages.tsx';
import { ApiKeysPage } from './api-keys-page.tsx';
import { UsersPage } from './users-page.tsx';

const TABS = [
  { path: '/settings/api-keys', labelKey: 'settings.apiKeys', icon: <KeyIcon /> },
  { path: '/settings/users', labelKey: 'settings.users', icon: <UsersIcon /> },
] as const;

export function SettingsPage({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const tab = TABS.find((candidate) => candidate.path === pathname);
  useDocumentTitle(tab ? `${t(tab.labelKey)} · ${t('settings.title')}` : t('settings.title'));
  useEffect(() => {
    if (pathname === '/settings') navigate('/settings/api-keys', { replace: true });
  }, [pathname]);
  if (pathname !== '/settings' && !tab) return <NotFoundPage />;
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('sections.settings')} />
      <nav className="tabs" aria-label={t('settings.navLabel')}>
        <ul className="tabs__list">
          {TABS.map((candidate) => (
            <li key={candidate.path}>
              <Link to={candidate.path} className="tabs__link" aria-current={candidate === tab ? 'page' : undefined}>
                {candidate.icon}
                {t(candidate.labelKey)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab?.path === '/settings/api-keys' ? <ApiKeysPage /> : null}
      {tab?.path === '/settings/users' ? <UsersPage /> : null}
    </>
  );
}
