import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { money } from '../shared/money.ts';
import { accountBalance, postJournalEntry, reverseJournalEntry, trialBalance, type JournalLineInput } from './index.ts';

const ACCOUNTS = ['1000', '1100', '2000', '2100', '2200', '4000', '4900', '6100'] as const;
const NORMAL_DEBIT = new Set(['1000', '1100', '6100']);
const CURRENCIES = ['EUR', 'USD', 'JPY'] as const;
const DATES = ['2026-01-05', '2026-01-31', '2026-02-14', '2026-03-01'] as const;

/** Positive amounts split into debits and credits of equal total, in one currency. */
const balancedLegs = (currency: string) =>
  fc.array(fc.bigInt({ min: 1n, max: 10n ** 12n }), { minLength: 1, maxLength: 3 }).chain((debits) => {
    const total = debits.reduce((a, b) => a + b, 0n);
    return fc.uniqueArray(fc.bigInt({ min: 1n, max: total }), { maxLength: 2 }).map((cuts) => {
      const bounds = [0n, ...cuts.filter((c) => c < total).sort((a, b) => (a < b ? -1 : 1)), total];
      const credits = bounds.slice(1).map((b, i) => b - (bounds[i] ?? 0n)).filter((c) => c > 0n);
      return { currency, debits, credits };
    });
  });

const account = fc.constantFrom(...ACCOUNTS);
const entryArb = fc.record({
  date: fc.constantFrom(...DATES),
  legs: fc.uniqueArray(fc.constantFrom(...CURRENCIES), { minLength: 1, maxLength: 2 }).chain((cs) => fc.tuple(...cs.map(balancedLegs))),
  accounts: fc.array(account, { minLength: 8, maxLength: 8 }),
}).map(({ date, legs, accounts }) => {
  const lines: JournalLineInput[] = [];
  for (const leg of legs) {
    for (const amount of leg.debits) lines.push({ accountCode: accounts[lines.length % 8] ?? '1000', debit: money(amount, leg.currency) });
    for (const amount of leg.credits) lines.push({ accountCode: accounts[lines.length % 8] ?? '1000', credit: money(amount, leg.currency) });
  }
  return { date, lines };
});
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 3, arbitrary: entryArb.map((entry) => ({ kind: 'post' as const, ...entry })) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'reverse' as const, pick })) },
);

type Operation = { kind: 'post'; date: string; lines: JournalLineInput[] } | { kind: 'reverse'; pick: number };
type ModelLine = { date: string; accountCode: string; currency: string; signedMinor: bigint };

// One database for all runs, so the model accumulates with it: every line ever posted, signed debit-positive.
describe('ledger properties', () => {
  let t: TestContext;
  const model: ModelLine[] = [];
  const reversible: Array<{ id: string; date: string; lines: ModelLine[] }> = [];
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-03-15T09:00:00Z' });
  });
  afterAll(() => t.close());

  it('after any postings and reversals, the trial balance balances per currency and balances equal their lines', async () => {
    await fc.assert(fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 6 }), async (operations) => {
      for (const op of operations) await apply(op);
      for (const asOfDate of ['2026-01-31', '2026-03-31']) {
        const report = await trialBalance(t.ctx, { asOfDate });
        for (const total of report.totals) expect(total.debit.amountMinor).toBe(total.credit.amountMinor);
        for (const row of report.rows) expect(row.balance.amountMinor).toBe(expectedBalance(row.accountCode, row.currency, asOfDate));
        const [code, currency] = [ACCOUNTS[operations.length % ACCOUNTS.length] ?? '1000', CURRENCIES[operations.length % 3] ?? 'EUR'];
        const single = await accountBalance(t.ctx, code, { asOfDate, currency });
        expect(single.balance.amountMinor).toBe(expectedBalance(code, currency, asOfDate));
      }
    }), { numRuns: 25 });
  });

  async function apply(op: Operation): Promise<void> {
    if (op.kind === 'post') {
      const entry = await postJournalEntry(t.ctx, { entryDate: op.date, description: 'property', lines: op.lines });
      const lines = entry.lines.map((l) => {
        const amount = l.debit ?? l.credit;
        if (!amount) throw new Error('line without amount');
        return { date: op.date, accountCode: l.accountCode, currency: amount.currency, signedMinor: l.debit ? amount.amountMinor : -amount.amountMinor };
      });
      model.push(...lines);
      reversible.push({ id: entry.id, date: op.date, lines });
      return;
    }
    if (reversible.length === 0) return;
    const [target] = reversible.splice(op.pick % reversible.length, 1);
    if (!target) return;
    const reversal = await reverseJournalEntry(t.ctx, target.id, { reason: 'property' });
    expect(reversal.entryDate).toBe(target.date);
    model.push(...target.lines.map((l) => ({ ...l, signedMinor: -l.signedMinor })));
  }

  function expectedBalance(accountCode: string, currency: string, asOfDate: string): bigint {
    const net = model
      .filter((l) => l.accountCode === accountCode && l.currency === currency && l.date <= asOfDate)
      .reduce((sum, l) => sum + l.signedMinor, 0n);
    return NORMAL_DEBIT.has(accountCode) ? net : -net;
  }
});
