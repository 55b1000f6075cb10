import { useT } from '../i18n/use-t.ts';

/** A grey placeholder the size of what is loading, announced once as "Loading…". */
export function Skeleton({ height = 120, className = '' }: { height?: number; className?: string }) {
  const { t } = useT();
  return (
    <div className={`metrics-skeleton ${className}`.trim()} style={{ height }} role="status">
      <span className="visually-hidden">{t('app.loading')}</span>
    </div>
  );
}
