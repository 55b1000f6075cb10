import { useTranslation } from 'react-i18next';

/** Switches a card between its chart and the same figures as a table (aria-pressed: the table is shown). */
export function ViewToggle({ table, onToggle, controls }: { table: boolean; onToggle(): void; controls: string }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button button--ghost button--small" aria-pressed={table} aria-controls={controls} onClick={onToggle}>
      {table ? t('metricsExplorer.showChart') : t('metricsExplorer.showTable')}
    </button>
  );
}
