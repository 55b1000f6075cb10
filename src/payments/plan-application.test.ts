import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OpenInvoice } from '../billing/index.ts';
import { fillOldestFirst, invoiceNumbersIn, planAutomaticApplication } from './plan-application.ts';

const invoice = (id: string, amountDueMinor: bigint): OpenInvoice => ({
  id, accountId: 'acct_1', number: id.toUpperCase(), currency: 'EUR', issueDate: '2026-01-01', dueDate: '2026-01-31', totalMinor: amountDueMinor, amountDueMinor,
});

describe('planning cash application', () => {
  it('fills invoices in order, never above what is due, and leaves the rest', () => {
    expect(fillOldestFirst(250n, [invoice('a', 100n), invoice('b', 100n), invoice('c', 100n)])).toEqual([
      { invoiceId: 'a', amountMinor: 100n }, { invoiceId: 'b', amountMinor: 100n }, { invoiceId: 'c', amountMinor: 50n },
    ]);
    expect(fillOldestFirst(0n, [invoice('a', 100n)])).toEqual([]);
  });

  it('pays only the referenced invoices when there are any', () => {
    expect(planAutomaticApplication(500n, [invoice('b', 100n)], [invoice('a', 100n), invoice('b', 100n)])).toEqual([{ invoiceId: 'b', amountMinor: 100n }]);
    expect(planAutomaticApplication(150n, [], [invoice('a', 100n), invoice('b', 100n)])).toEqual([
      { invoiceId: 'a', amountMinor: 100n }, { invoiceId: 'b', amountMinor: 50n },
    ]);
  });

  it('finds invoice-number tokens in free text', () => {
    expect(invoiceNumbersIn('SEPA inv-2026-000123, INV-2026-000124 / ACME GmbH')).toEqual(['inv-2026-000123', 'INV-2026-000123', 'INV-2026-000124']);
    expect(invoiceNumbersIn(null)).toEqual([]);
    expect(invoiceNumbersIn('thank you')).toEqual([]);
  });

  it('applies exactly min(amount, total due), each part within its invoice (property)', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.array(fc.bigInt({ min: 1n, max: 10n ** 9n }), { maxLength: 20 }), (amount, dues) => {
      const invoices = dues.map((due, index) => invoice(`i${index}`, due));
      const plan = fillOldestFirst(amount, invoices);
      const applied = plan.reduce((sum, part) => sum + part.amountMinor, 0n);
      const totalDue = dues.reduce((sum, due) => sum + due, 0n);
      expect(applied).toBe(amount < totalDue ? amount : totalDue);
      for (const part of plan) expect(part.amountMinor).toBeLessThanOrEqual(invoices.find((i) => i.id === part.invoiceId)?.amountDueMinor ?? 0n);
    }));
  });
});
