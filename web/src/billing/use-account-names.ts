import { useAccountNames as useNames } from '../lib/use-account-names.ts';

/**
 * Customer names for the account ids on screen (invoices and payments carry only the id):
 * '…' while loading, the id itself when the name cannot be read.
 */
export function useAccountNames(accountIds: readonly string[]): (accountId: string) => string {
  const names = useNames(accountIds);
  return (accountId) => (names.has(accountId) ? (names.get(accountId) ?? accountId) : '…');
}
