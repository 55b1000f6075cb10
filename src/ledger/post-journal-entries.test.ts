import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { AppError } from '../shared/errors.ts';
import { auditTrail, countEntryRows, credit, debit, eur, makeEntryInput, usd } from './fixtures.ts';
import { checkJournalEntries, getJournalEntry, postCheckedJournalEntries, postJournalEntries, postJournalEntry, trialBalance } from './index.ts';
import { inTransaction } from '../shared/context.ts';
import { ledgerDb } from './tables.ts';

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

// The bulk door must write exactly what postJournalEntry writes, one entry at a time.
describe('postJournalEntries', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('posts each entry as postJournalEntry would: gapless numbers per year in input order, lines, one audit row each', async () => {
    const single = await postJournalEntry(t.ctx, makeEntryInput({ entryDate: '2026-01-10', description: 'single' }));
    const refs = await postJournalEntries(t.ctx, [
      makeEntryInput({ entryDate: '2026-01-11', description: 'bulk a', idempotencyKey: 'bulk:a' }),
      makeEntryInput({ entryDate: '2027-02-01', description: 'bulk b', lines: [debit('1100', usd(500), { invoiceId: 'inv_b' }), credit('4000', usd(500))] }),
      makeEntryInput({ entryDate: '2026-01-12', description: 'bulk c' }),
    ]);
    expect(single.number).toBe('JE-2026-000001');
    expect(refs.map((ref) => ref.number)).toEqual(['JE-2026-000002', 'JE-2027-000001', 'JE-2026-000003']);
    const b = await getJournalEntry(t.ctx, refs[1]?.id ?? '');
    expect(b).toMatchObject({ entryDate: '2027-02-01', description: 'bulk b', idempotencyKey: null, postedBy: 'system' });
    expect(b.lines).toEqual([
      { lineNumber: 1, accountCode: '1100', debit: usd(500), credit: null, memo: null, refs: { accountId: null, subscriptionId: null, invoiceId: 'inv_b' } },
      { lineNumber: 2, accountCode: '4000', debit: null, credit: usd(500), memo: null, refs: { accountId: null, subscriptionId: null, invoiceId: null } },
    ]);
    for (const ref of refs) {
      const trail = await auditTrail(t.ctx, 'journal_entry', ref.id);
      expect(trail).toHaveLength(1);
      expect(trail[0]).toMatchObject({ action: 'post', before: null, after: { number: ref.number } });
    }
    const balance = await trialBalance(t.ctx, { asOfDate: '2027-12-31' });
    expect(balance.totals.every((total) => total.debit.amountMinor === total.credit.amountMinor)).toBe(true);
  });

  it('a replayed key returns the entry posted before; the same key with other content is refused and nothing is written', async () => {
    const first = await postJournalEntries(t.ctx, [makeEntryInput({ entryDate: '2026-01-20', description: 'replay me', idempotencyKey: 'bulk:replay' })]);
    const before = await countEntryRows(t.ctx);
    const again = await postJournalEntries(t.ctx, [
      makeEntryInput({ entryDate: '2026-01-20', description: 'replay me', idempotencyKey: 'bulk:replay' }),
      makeEntryInput({ entryDate: '2026-01-21', description: 'new one' }),
    ]);
    expect(again[0]).toEqual(first[0]);
    expect((await countEntryRows(t.ctx)).entries).toBe(before.entries + 1);
    const after = await countEntryRows(t.ctx);
    const error = await appError(postJournalEntries(t.ctx, [
      makeEntryInput({ entryDate: '2026-01-22', description: 'would be fine' }),
      makeEntryInput({ entryDate: '2026-01-20', description: 'other content', idempotencyKey: 'bulk:replay' }),
    ]));
    expect(error.code).toBe('idempotency_key_reused');
    expect(await countEntryRows(t.ctx)).toEqual(after);
  });

  it('refuses the whole batch when one entry does not balance, naming it', async () => {
    const before = await countEntryRows(t.ctx);
    const error = await appError(postJournalEntries(t.ctx, [
      makeEntryInput(),
      makeEntryInput({ lines: [debit('1100', eur(100)), credit('4000', eur(99))] }),
    ]));
    expect(error.code).toBe('business_rule_violated');
    expect(error.message).toMatch(/EUR does not balance/);
    expect(await countEntryRows(t.ctx)).toEqual(before);
    expect((await appError(postJournalEntries(t.ctx, [makeEntryInput({ lines: [debit('9999', eur(1)), credit('4000', eur(1))] })]))).code).toBe('validation_failed');
  });

  it('in two steps, numbers nothing until the second, and the idempotency hash covers a description given only then', async () => {
    const counter = async (ctx: typeof t.ctx) => (await ledgerDb(ctx).selectFrom('journal_entry_counters').select('last_sequence')
      .where('fiscal_year', '=', 2026).executeTakeFirst())?.last_sequence;
    const counterBefore = await counter(t.ctx);
    const first = await inTransaction(t.ctx, async (tx) => {
      const checked = await checkJournalEntries(tx, [makeEntryInput({ entryDate: '2026-02-01', description: 'placeholder', idempotencyKey: 'two:step' })]);
      expect(await counter(tx)).toBe(counterBefore);
      const refs = await postCheckedJournalEntries(tx, checked, ['Invoice INV-2026-000042']);
      return { refs };
    });
    expect(await counter(t.ctx)).toBe((counterBefore ?? 0n) + 1n);
    const entry = await getJournalEntry(t.ctx, first.refs[0]?.id ?? '');
    expect(entry.description).toBe('Invoice INV-2026-000042');
    // Replaying the final content returns the entry; the placeholder content is other content.
    expect(await postJournalEntries(t.ctx, [makeEntryInput({ entryDate: '2026-02-01', description: 'Invoice INV-2026-000042', idempotencyKey: 'two:step' })])).toEqual(first.refs);
    expect((await appError(postJournalEntries(t.ctx, [makeEntryInput({ entryDate: '2026-02-01', description: 'placeholder', idempotencyKey: 'two:step' })]))).code).toBe('idempotency_key_reused');
    const before = await countEntryRows(t.ctx);
    const refused = await appError(inTransaction(t.ctx, async (tx) => postCheckedJournalEntries(tx, await checkJournalEntries(tx, [makeEntryInput()]), [' padded '])));
    expect(refused.code).toBe('validation_failed');
    expect(await countEntryRows(t.ctx)).toEqual(before);
  });
});
