import { intlLocale } from '../i18n/i18n.ts';
import { formatMoney } from '../lib/format-money.ts';
import type { MoneyJson } from './types.ts';

/** One line per currency: totals in different currencies are shown side by side, never added. */
export function MoneyTotals({ totals, className }: { totals: readonly MoneyJson[]; className?: string }) {
  const locale = intlLocale();
  if (totals.length === 0) return null;
  return (
    <ul className={className ?? 'pipeline-totals'}>
      {totals.map((total) => (
        <li key={total.currency} data-currency={total.currency}>
          {formatMoney(total.amountMinor, total.currency, locale)}
        </li>
      ))}
    </ul>
  );
}
