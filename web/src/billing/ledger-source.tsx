import { useTranslation } from 'react-i18next';
import { Link } from '../lib/router.tsx';
import type { JournalEntry } from './ledger-types.ts';
import { sourcePath } from './ledger-view.ts';

/** An entry's source document by kind, linking to its page where the web app has one (the link wins over a clickable row). */
export function LedgerSource({ entry, tabIndex }: { entry: Pick<JournalEntry, 'source' | 'lines'>; tabIndex?: number }) {
  const { t } = useTranslation();
  if (entry.source === null) return <span className="muted">—</span>;
  const label = t(`billing.ledger.sources.${entry.source.type}`, { defaultValue: entry.source.type });
  const path = sourcePath(entry);
  if (path === null) return <span title={entry.source.id}>{label}</span>;
  return <Link to={path} tabIndex={tabIndex} title={entry.source.id} onClick={(event) => event.stopPropagation()} data-testid="ledger-source-link">{label}</Link>;
}

/** "Reversed" / "Reversal" beside an entry number. */
export function ReversalBadge({ entry }: { entry: Pick<JournalEntry, 'reversesEntryId' | 'reversedByEntryId'> }) {
  const { t } = useTranslation();
  if (entry.reversesEntryId !== null) return <span className="badge billing-badge--info billing-gap">{t('billing.ledger.entries.isReversal')}</span>;
  if (entry.reversedByEntryId !== null) return <span className="badge badge--neutral billing-gap">{t('billing.ledger.entries.isReversed')}</span>;
  return null;
}
