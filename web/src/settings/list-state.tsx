import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { PageLoading } from '../components/spinner.tsx';
import type { ErrorSummary } from '../lib/problem.ts';

type ListStateProps<T> = {
  items: readonly T[] | null;
  problem: ErrorSummary | null;
  /** Offers a retry button in the error banner when given. */
  onRetry?: (() => void) | undefined;
  emptyText: string;
  children: (items: readonly T[]) => ReactNode;
};

/** A settings list's states: the load error (with retry), loading, empty, or the list itself. */
export function ListState<T>({ items, problem, onRetry, emptyText, children }: ListStateProps<T>) {
  const { t } = useTranslation();
  return (
    <>
      {problem ? (
        <Banner tone="error" title={problem.title} detail={problem.detail}>
          {onRetry ? <button type="button" className="button button--secondary" onClick={onRetry}>{t('errors.retry')}</button> : null}
        </Banner>
      ) : null}
      {items === null ? (
        problem ? null : <PageLoading label={t('app.loading')} />
      ) : items.length === 0 ? (
        <p className="card__empty">{emptyText}</p>
      ) : (
        children(items)
      )}
    </>
  );
}
