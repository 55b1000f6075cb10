import { useTranslation } from 'react-i18next';
import { ArrowRightIcon, SparkIcon } from '../components/icons.tsx';
import { Link } from '../lib/router.tsx';
import type { Section } from '../lib/sections.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';

export function PageHeader({ title, description }: { title: string; description?: string }) {
  return (
    <header className="page__header">
      <h1 id="page-title" className="page__title" tabIndex={-1}>
        {title}
      </h1>
      {description ? <p className="page__description">{description}</p> : null}
    </header>
  );
}

function EmptyState({ title, body }: { title?: string; body: string }) {
  const { t } = useTranslation();
  return (
    <div className="empty-state">
      <span className="empty-state__icon" aria-hidden="true">
        <SparkIcon width={22} height={22} />
      </span>
      {title ? <h2 className="empty-state__title">{title}</h2> : null}
      <p className="empty-state__body">{body}</p>
      <Link to="/" className="button button--secondary">
        {t('placeholder.back')}
        <ArrowRightIcon />
      </Link>
    </div>
  );
}

/** The sections still to be built: named, described, and honest that they are not there yet. */
export function PlaceholderPage({ section }: { section: Exclude<Section, 'dashboard' | 'settings'> }) {
  const { t } = useTranslation();
  const name = t(`nav.${section}`);
  useDocumentTitle(name);
  return (
    <>
      <PageHeader title={name} description={t(`sections.${section}`)} />
      <EmptyState title={t('placeholder.title', { section: name })} body={t('placeholder.body')} />
    </>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('forbidden.title'));
  return (
    <>
      <PageHeader title={t('forbidden.title')} />
      <EmptyState body={t('forbidden.body')} />
    </>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.documentTitle'));
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <EmptyState body={t('notFound.body')} />
    </>
  );
}
