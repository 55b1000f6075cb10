import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { AppError } from '../shared/errors.ts';
import { auditTrail, credit, debit, eur, makeEntryInput, usd } from './fixtures.ts';
import { accountBalance, closePeriod, getJournalEntry, postJournalEntry, reverseJournalEntry, setLedgerAccountActive, trialBalance } from './index.ts';

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('reverseJournalEntry', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-04-20T09:00:00Z' });
  });
  afterAll(() => t.close());

  it('posts the mirror entry on the original’s date, once, and balances return to zero', async () => {
    const original = await postJournalEntry(t.ctx, makeEntryInput({
      entryDate: '2026-04-02',
      source: { type: 'invoice', id: 'inv_7' },
      lines: [debit('1100', eur(11900), { accountId: 'acct_7' }), credit('4000', eur(10000)), credit('2100', eur(1900)), debit('1100', usd(300)), credit('4100', usd(300))],
    }));
    expect((await accountBalance(t.ctx, '1100', { asOfDate: '2026-04-30', currency: 'EUR' })).balance).toEqual(eur(11900));

    const reversal = await reverseJournalEntry(t.ctx, original.id, { reason: 'issued to the wrong customer' });
    expect(reversal).toMatchObject({
      entryDate: '2026-04-02',
      description: `Reversal of ${original.number}: issued to the wrong customer`,
      source: { type: 'invoice', id: 'inv_7' },
      reversesEntryId: original.id,
      reversedByEntryId: null,
    });
    expect(reversal.lines.map((l) => [l.accountCode, l.debit, l.credit, l.refs.accountId])).toEqual([
      ['1100', null, eur(11900), 'acct_7'], ['4000', eur(10000), null, null], ['2100', eur(1900), null, null],
      ['1100', null, usd(300), null], ['4100', usd(300), null, null],
    ]);
    expect((await getJournalEntry(t.ctx, original.id)).reversedByEntryId).toBe(reversal.id);
    const report = await trialBalance(t.ctx, { asOfDate: '2026-04-30' });
    for (const row of report.rows) expect(row.balance.amountMinor, `${row.accountCode} ${row.currency}`).toBe(0n);
    expect((await auditTrail(t.ctx, 'journal_entry', reversal.id)).map((a) => a.action)).toEqual(['reverse']);

    const again = await appError(reverseJournalEntry(t.ctx, original.id, { reason: 'twice' }));
    expect(again.code).toBe('conflict');
    expect(again.extra).toEqual({ reversedByEntryId: reversal.id });
    const ofReversal = await appError(reverseJournalEntry(t.ctx, reversal.id, { reason: 'undo the undo' }));
    expect(ofReversal.code).toBe('business_rule_violated');
  });

  it('reverses once when two reversals race', async () => {
    const original = await postJournalEntry(t.ctx, makeEntryInput({ entryDate: '2026-04-03' }));
    const results = await Promise.allSettled([1, 2, 3].map(() => reverseJournalEntry(t.ctx, original.id, { reason: 'race' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as AppError] : []));
    expect(failures.map((e) => e.code)).toEqual(['conflict', 'conflict']);
  });

  it('dates a reversal of an entry in a closed month on the first day of the first open month after it', async () => {
    const january = await postJournalEntry(t.ctx, makeEntryInput({ entryDate: '2026-01-20' }));
    const february = await postJournalEntry(t.ctx, makeEntryInput({ entryDate: '2026-02-11' }));
    await closePeriod(t.ctx, '2026-01');
    await closePeriod(t.ctx, '2026-02');
    expect((await reverseJournalEntry(t.ctx, january.id, { reason: 'late correction' })).entryDate).toBe('2026-03-01');
    const explicit = await appError(reverseJournalEntry(t.ctx, february.id, { reason: 'x', entryDate: '2026-02-28' }));
    expect(explicit).toMatchObject({ code: 'business_rule_violated', extra: { period: '2026-02' } });
    expect((await reverseJournalEntry(t.ctx, february.id, { reason: 'x', entryDate: '2026-04-15' })).entryDate).toBe('2026-04-15');
    // The closed months' figures are as they were signed off.
    expect((await accountBalance(t.ctx, '1100', { asOfDate: '2026-02-28', currency: 'EUR' })).balance).toEqual(eur(2 * 11900));
  });

  it('refuses a reversal dated before the original, and reverses into an account deactivated since', async () => {
    const original = await postJournalEntry(t.ctx, makeEntryInput({ entryDate: '2026-04-10', lines: [debit('1200', eur(50)), credit('4200', eur(50))] }));
    const early = await appError(reverseJournalEntry(t.ctx, original.id, { reason: 'x', entryDate: '2026-04-09' }));
    expect(early.fieldErrors.map((f) => f.field)).toEqual(['body.entryDate']);
    await setLedgerAccountActive(t.ctx, '4200', false);
    await expect(reverseJournalEntry(t.ctx, original.id, { reason: 'usage billed in error' })).resolves.toMatchObject({ reversesEntryId: original.id });
    await setLedgerAccountActive(t.ctx, '4200', true);
    expect((await appError(reverseJournalEntry(t.ctx, 'je_missing', { reason: 'x' }))).code).toBe('not_found');
  });
});
