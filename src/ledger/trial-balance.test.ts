import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { AppError } from '../shared/errors.ts';
import { credit, debit, eur, usd } from './fixtures.ts';
import { accountBalance, postJournalEntry, trialBalance } from './index.ts';

const amounts = (report: Awaited<ReturnType<typeof trialBalance>>) =>
  report.rows.map((r) => [r.currency, r.accountCode, r.debit.amountMinor, r.credit.amountMinor, r.balance.amountMinor]);

// A month told in minor units: invoice (deferred), payment, recognition, a USD invoice.
describe('trial balance and account balances as of a date', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-02-15T09:00:00Z' });
    const post = (entryDate: string, description: string, lines: Parameters<typeof postJournalEntry>[1]['lines']) =>
      postJournalEntry(t.ctx, { entryDate, description, lines });
    await post('2026-01-01', 'Annual invoice', [debit('1100', eur(119_000)), credit('2000', eur(100_000)), credit('2100', eur(19_000))]);
    await post('2026-01-10', 'Payment', [debit('1000', eur(119_000)), credit('1100', eur(119_000))]);
    await post('2026-01-31', 'Recognition January', [debit('2000', eur(8_493)), credit('4000', eur(8_493))]);
    await post('2026-02-01', 'USD invoice', [debit('1100', usd(5_000)), credit('4100', usd(5_000))]);
  });
  afterAll(() => t.close());

  it('includes entries dated on the as-of date and none after it', async () => {
    expect(amounts(await trialBalance(t.ctx, { asOfDate: '2025-12-31' }))).toEqual([]);
    expect(amounts(await trialBalance(t.ctx, { asOfDate: '2026-01-01' }))).toEqual([
      ['EUR', '1100', 119_000n, 0n, 119_000n], ['EUR', '2000', 0n, 100_000n, 100_000n], ['EUR', '2100', 0n, 19_000n, 19_000n],
    ]);
    const endOfJanuary = await trialBalance(t.ctx, { asOfDate: '2026-01-31' });
    expect(amounts(endOfJanuary)).toEqual([
      ['EUR', '1000', 119_000n, 0n, 119_000n], ['EUR', '1100', 119_000n, 119_000n, 0n], ['EUR', '2000', 8_493n, 100_000n, 91_507n],
      ['EUR', '2100', 0n, 19_000n, 19_000n], ['EUR', '4000', 0n, 8_493n, 8_493n],
    ]);
    expect(endOfJanuary.totals).toEqual([{ currency: 'EUR', debit: eur(246_493), credit: eur(246_493) }]);
    expect(endOfJanuary.rows[0]).toMatchObject({ accountName: 'Cash', accountType: 'asset', normalSide: 'debit' });
  });

  it('totals each currency on its own and filters by currency', async () => {
    const all = await trialBalance(t.ctx, { asOfDate: '2026-02-28' });
    expect(all.totals).toEqual([
      { currency: 'EUR', debit: eur(246_493), credit: eur(246_493) },
      { currency: 'USD', debit: usd(5_000), credit: usd(5_000) },
    ]);
    const dollars = await trialBalance(t.ctx, { asOfDate: '2026-02-28', currency: 'usd' });
    expect(dollars.currency).toBe('USD');
    expect(amounts(dollars)).toEqual([['USD', '1100', 5_000n, 0n, 5_000n], ['USD', '4100', 0n, 5_000n, 5_000n]]);
  });

  it('gives one account’s balance, positive on its normal side, zero without postings', async () => {
    expect(await accountBalance(t.ctx, '2000', { asOfDate: '2026-01-31', currency: 'EUR' })).toEqual({
      accountCode: '2000', asOfDate: '2026-01-31', currency: 'EUR', debit: eur(8_493), credit: eur(100_000), balance: eur(91_507),
    });
    expect((await accountBalance(t.ctx, '1100', { asOfDate: '2026-01-09', currency: 'EUR' })).balance).toEqual(eur(119_000));
    expect((await accountBalance(t.ctx, '6100', { asOfDate: '2026-01-31', currency: 'EUR' })).balance).toEqual(eur(0));
    const error = await accountBalance(t.ctx, '9999', { asOfDate: '2026-01-31', currency: 'EUR' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('not_found');
  });
});
