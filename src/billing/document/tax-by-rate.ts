import type { BillingLineJson } from '../invoicing/invoice-documents.ts';

/**
 * The invoice's tax per rate, as the law asks an invoice to show it: the sum of the lines' tax
 * (each rounded once per line, docs/billing.md "Taxes"), ordered by rate. Untaxed lines add nothing.
 */
export function taxByRate(lines: readonly Pick<BillingLineJson, 'taxRateBps' | 'taxMinor'>[]): Array<{ rateBps: number; taxMinor: bigint }> {
  const sums = new Map<number, bigint>();
  for (const line of lines) {
    if (line.taxRateBps === null || line.taxRateBps === 0) continue;
    sums.set(line.taxRateBps, (sums.get(line.taxRateBps) ?? 0n) + line.taxMinor);
  }
  return [...sums.entries()].sort(([a], [b]) => a - b).map(([rateBps, taxMinor]) => ({ rateBps, taxMinor }));
}
