import type { TFunction } from 'i18next';

/**
 * The seeded chart of accounts' English names (migrations/202611230080_…): only an account that still
 * has its seeded name is worded in the reader's language; one renamed or added by finance keeps its own.
 */
const SEEDED_NAMES: Readonly<Record<string, string>> = {
  '1000': 'Cash', '1100': 'Accounts receivable', '1200': 'Unbilled receivables', '2000': 'Deferred revenue', '2100': 'Tax payable',
  '2200': 'Customer credit', '3000': 'Retained earnings', '3900': 'Opening balance equity', '4000': 'Subscription revenue',
  '4100': 'Services revenue', '4200': 'Usage revenue', '4900': 'FX gain/loss', '6100': 'Bad debt expense', '6200': 'Payment processing fees',
};

export const SEEDED_ACCOUNT_CODES = Object.keys(SEEDED_NAMES);

export function ledgerAccountName(t: TFunction, code: string, name: string): string {
  return SEEDED_NAMES[code] === name ? t(`billing.ledger.accountNames.${code as '1000'}`, { defaultValue: name }) : name;
}
