import { useTranslation } from 'react-i18next';
import type { InvoiceStatus } from './types.ts';

const TONES: Record<InvoiceStatus, string> = { draft: 'badge--neutral', issued: 'billing-badge--info', paid: 'badge--success', void: 'badge--danger' };

export function InvoiceStatusBadge({ status, overdue = false }: { status: InvoiceStatus; overdue?: boolean }) {
  const { t } = useTranslation();
  if (overdue) return <span className="badge billing-badge--warning">{t('billing.status.overdue')}</span>;
  return <span className={`badge ${TONES[status]}`} data-testid="invoice-status">{t(`billing.status.${status}`)}</span>;
}
