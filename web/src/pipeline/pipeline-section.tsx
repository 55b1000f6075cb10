import { useTranslation } from 'react-i18next';
import { Link } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { NotFoundPage, PageHeader } from '../shell/status-pages.tsx';
import { BoardPage } from './board-page.tsx';
import { LeadsPage } from './leads-page.tsx';
import { ListPage } from './list-page.tsx';
import { OpportunityPage } from './opportunity-page.tsx';
import './pipeline.css';

const TABS = [
  { path: '/pipeline', labelKey: 'pipeline.tabs.board' },
  { path: '/pipeline/list', labelKey: 'pipeline.tabs.list' },
  { path: '/pipeline/leads', labelKey: 'pipeline.tabs.leads' },
] as const;

const OPPORTUNITY_PATH = /^\/pipeline\/opportunities\/([^/]+)$/;

/** Entry of the pipeline section: routes /pipeline/… to its pages. */
export function PipelineSection({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const tab = TABS.find((candidate) => candidate.path === pathname);
  const opportunityId = OPPORTUNITY_PATH.exec(pathname)?.[1];
  useDocumentTitle(tab ? `${t(tab.labelKey)} · ${t('pipeline.title')}` : t('pipeline.title'));
  if (opportunityId !== undefined) return <OpportunityPage id={decodeURIComponent(opportunityId)} />;
  if (!tab) return <NotFoundPage />;
  return (
    <>
      <PageHeader title={t('pipeline.title')} description={t('pipeline.description')} />
      <nav className="tabs" aria-label={t('pipeline.tabs.label')}>
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
      {tab.path === '/pipeline' ? <BoardPage /> : null}
      {tab.path === '/pipeline/list' ? <ListPage /> : null}
      {tab.path === '/pipeline/leads' ? <LeadsPage /> : null}
    </>
  );
}
