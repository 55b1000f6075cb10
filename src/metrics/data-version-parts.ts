/**
 * The parts of an MRR data version (load-mrr-store.ts dataVersionOf): subscription count and version
 * sum, highest item and pause ids, account count and version sum. Null for a stamp that is not one
 * (a generated store's 'memory', an as-of store's `…@instant`).
 */
export type DataVersionParts = {
  subscriptions: number; versionSum: bigint; maxItemId: bigint; maxPauseId: bigint; accounts: number; accountVersionSum: bigint;
};

export function partsOf(version: string): DataVersionParts | null {
  const parts = version.split(':');
  if (parts.length !== 6 || !parts.every((part) => /^[0-9]+$/.test(part))) return null;
  const [subscriptions = '', versionSum = '', maxItemId = '', maxPauseId = '', accounts = '', accountVersionSum = ''] = parts;
  return {
    subscriptions: Number(subscriptions), versionSum: BigInt(versionSum), maxItemId: BigInt(maxItemId), maxPauseId: BigInt(maxPauseId),
    accounts: Number(accounts), accountVersionSum: BigInt(accountVersionSum),
  };
}
