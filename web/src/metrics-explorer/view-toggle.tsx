import { useT } from '../i18n/use-t.ts';

/** Switches a card between its chart and the same figures as a table (aria-pressed: the table is shown). */
export function ViewToggle({ table, onToggle, controls }: { table: boolean; onToggle(): void; controls: string }) {
  const { t } = useT();
  return (
    <button type="button" className="button button--ghost button--small" aria-pressed={table} aria-controls={controls} onClick={onToggle}>
      {table ? t('metricsExplorer.showChart') : t('metricsExplorer.showTable')}
    </button>
  );
}
