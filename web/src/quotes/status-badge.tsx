import { useTranslation } from 'react-i18next';
import type { QuoteStatus } from './types.ts';

const TONES: Record<QuoteStatus, string> = {
  draft: 'badge--neutral', pending_approval: 'quotes-badge--warning', approved: 'badge--success', rejected: 'badge--danger',
  sent: 'quotes-badge--info', accepted: 'badge--success', expired: 'badge--neutral', superseded: 'badge--neutral',
};

export function QuoteStatusBadge({ status }: { status: QuoteStatus }) {
  const { t } = useTranslation();
  return <span className={`badge ${TONES[status]}`} data-testid="quote-status">{t(`quotes.status.${status}`)}</span>;
}
