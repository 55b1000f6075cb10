import type { ReactNode } from 'react';
import { useT } from '../i18n/use-t.ts';
import { Banner } from '../components/banner.tsx';
import { summarizeError } from '../lib/problem.ts';
import { Link } from '../lib/router.tsx';
import { ViewToggle } from '../metrics-explorer/view-toggle.tsx';

type CardFrameProps = {
  id: string;
  title: string;
  subtitle?: string | null | undefined;
  exploreHref?: string | undefined;
  table?: { shown: boolean; toggle(): void } | undefined;
  error?: unknown;
  onRetry?: (() => void) | undefined;
  children: ReactNode;
};

/** A dashboard card: title, chart/table toggle, a link to the explorer, and errors as a banner. */
export function CardFrame({ id, title, subtitle, exploreHref, table, error, onRetry, children }: CardFrameProps) {
  const { t } = useT();
  return (
    <section className="card dashboard-card" aria-labelledby={`${id}-title`} data-testid={id}>
      <div className="card__header metrics-card-header">
        <div>
          <h4 id={`${id}-title`} className="card__title">{title}</h4>
          {subtitle ? <p className="card__subtitle">{subtitle}</p> : null}
        </div>
        <div className="dashboard-card__actions">
          {table ? <ViewToggle table={table.shown} onToggle={table.toggle} controls={`${id}-body`} /> : null}
          {exploreHref ? <Link to={exploreHref} className="button button--ghost button--small" aria-label={t('dashboard.exploreMetric', { metric: title })}>{t('dashboard.explore')}</Link> : null}
        </div>
      </div>
      <div id={`${id}-body`}>
        {error === undefined || error === null ? children : (
          <Banner tone="error" {...summarizeError(error, t)}>
            {onRetry ? <button type="button" className="button button--secondary" onClick={onRetry}>{t('errors.retry')}</button> : null}
          </Banner>
        )}
      </div>
    </section>
  );
}
