import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, navigate } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { NotFoundPage, PageHeader } from '../shell/status-pages.tsx';
import { AuditPage } from './audit-page.tsx';
import { ImportRunPage, ImportsPage } from './imports-page.tsx';
import { NewImportPage } from './new-import-page.tsx';
import { QualityPage } from './quality-page.tsx';
import './data.css';

const TABS = [
  { path: '/data/imports', labelKey: 'data.tabImports' },
  { path: '/data/quality', labelKey: 'data.tabQuality' },
  { path: '/data/audit', labelKey: 'data.tabAudit' },
] as const;

function pageOf(pathname: string) {
  if (pathname === '/data/imports') return <ImportsPage />;
  if (pathname === '/data/imports/new') return <NewImportPage />;
  const run = /^\/data\/imports\/([^/]+)$/.exec(pathname);
  if (run?.[1]) return <ImportRunPage key={run[1]} runId={decodeURIComponent(run[1])} />;
  if (pathname === '/data/quality') return <QualityPage />;
  if (pathname === '/data/audit') return <AuditPage />;
  return null;
}

/** Entry of the data section: routes /data/… (imports, data quality, audit log) to its pages. */
export function DataSection({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const tab = TABS.find((candidate) => pathname === candidate.path || pathname.startsWith(`${candidate.path}/`));
  useDocumentTitle(tab ? `${t(tab.labelKey)} · ${t('data.title')}` : t('data.title'));
  useEffect(() => {
    if (pathname === '/data') navigate('/data/imports', { replace: true });
  }, [pathname]);
  if (pathname === '/data') return null;
  const page = pageOf(pathname);
  if (!page) return <NotFoundPage />;
  return (
    <>
      <PageHeader title={t('data.title')} description={t('data.description')} />
      <nav className="tabs" aria-label={t('data.navLabel')}>
        <ul className="tabs__list">
          {TABS.map((candidate) => (
            <li key={candidate.path}>
              <Link to={candidate.path} className="tabs__link" aria-current={candidate === tab ? 'page' : undefined}>
                {t(candidate.labelKey)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {page}
    </>
  );
}
