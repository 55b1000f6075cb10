import type { OpenInvoice } from '../billing/index.ts';

export type Allocation = { invoiceId: string; amountMinor: bigint };

/**
 * Automatic cash application (docs/payments.md "Cash application"): when the reference names open
 * invoices, pay those (oldest first) and keep the rest as credit — the customer told us what they
 * paid; otherwise pay the oldest open invoices first. Each invoice gets at most what it has due.
 */
export function planAutomaticApplication(amountMinor: bigint, referenced: readonly OpenInvoice[], open: readonly OpenInvoice[]): Allocation[] {
  const targets = referenced.length > 0 ? referenced : open;
  return fillOldestFirst(amountMinor, targets);
}

export function fillOldestFirst(amountMinor: bigint, invoices: readonly OpenInvoice[]): Allocation[] {
  const allocations: Allocation[] = [];
  let left = amountMinor;
  for (const invoice of invoices) {
    if (left <= 0n) break;
    const part = invoice.amountDueMinor < left ? invoice.amountDueMinor : left;
    if (part <= 0n) continue;
    allocations.push({ invoiceId: invoice.id, amountMinor: part });
    left -= part;
  }
  return allocations;
}

/**
 * Candidate invoice numbers in a free-text reference: tokens of letters, digits and - _ / .
 * ("Payment INV-2026-000123, INV-2026-000124" → both), as written and upper-cased.
 */
export function invoiceNumbersIn(reference: string | null): string[] {
  if (reference === null) return [];
  const tokens = reference.match(/[A-Za-z0-9][A-Za-z0-9\-_/.]*[A-Za-z0-9]/g) ?? [];
  const numbers = new Set<string>();
  for (const token of tokens) {
    if (!/\d/.test(token)) continue;
    numbers.add(token);
    numbers.add(token.toUpperCase());
  }
  return [...numbers].slice(0, 50);
}
