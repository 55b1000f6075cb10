import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { inTransaction } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { auditTrail, countEntryRows, credit, debit, eur, makeEntryInput, usd } from './fixtures.ts';
import { accountBalance, getJournalEntry, postJournalEntry, setLedgerAccountActive } from './index.ts';

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('postJournalEntry', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('posts a balanced entry with its number, lines, references and one audit row', async () => {
    const entry = await postJournalEntry(t.ctx, makeEntryInput({
      entryDate: Temporal.PlainDate.from('2026-01-12'),
      description: 'Invoice INV-0001',
      source: { type: 'invoice', id: 'inv_1' },
      lines: [
        debit('1100', eur(11900), { accountId: 'acct_1', invoiceId: 'inv_1' }),
        { accountCode: '4000', credit: eur(10000), memo: 'Pro plan, January', refs: { subscriptionId: 'sub_1' } },
        credit('2100', eur(1900)),
      ],
    }));
    expect(entry).toEqual({
      id: expect.stringMatching(/^je_[0-9A-Z]{26}$/),
      number: 'JE-2026-000001',
      entryDate: '2026-01-12',
      description: 'Invoice INV-0001',
      source: { type: 'invoice', id: 'inv_1' },
      idempotencyKey: null,
      reversesEntryId: null,
      reversedByEntryId: null,
      postedAt: '2026-01-15T09:00:00.000Z',
      postedBy: 'system',
      lines: [
        { lineNumber: 1, accountCode: '1100', debit: eur(11900), credit: null, memo: null, refs: { accountId: 'acct_1', subscriptionId: null, invoiceId: 'inv_1' } },
        { lineNumber: 2, accountCode: '4000', debit: null, credit: eur(10000), memo: 'Pro plan, January', refs: { accountId: null, subscriptionId: 'sub_1', invoiceId: null } },
        { lineNumber: 3, accountCode: '2100', debit: null, credit: eur(1900), memo: null, refs: { accountId: null, subscriptionId: null, invoiceId: null } },
      ],
    });
    expect(await getJournalEntry(t.ctx, entry.id)).toEqual(entry);
    const trail = await auditTrail(t.ctx, 'journal_entry', entry.id);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: 'post', actor_id: 'system', before: null, after: { number: 'JE-2026-000001', line_count: 3 } });
    expect((trail[0]?.after as { lines: unknown[] }).lines).toHaveLength(3);
  });

  it('refuses an unbalanced entry, naming the currency and its lines, and writes nothing', async () => {
    const before = await countEntryRows(t.ctx);
    const error = await appError(postJournalEntry(t.ctx, makeEntryInput({
      lines: [debit('1100', eur(11900)), credit('4000', eur(10000)), credit('2100', eur(1800))],
    })));
    expect(error.code).toBe('business_rule_violated');
    expect(error.status).toBe(422);
    expect(error.detail).toContain('EUR does not balance: debits 119.00, credits 118.00 (lines 1, 2, 3)');
    expect(error.fieldErrors.map((f) => f.field)).toEqual(['body.lines.0', 'body.lines.1', 'body.lines.2']);
    expect(await countEntryRows(t.ctx)).toEqual(before);
  });

  it('balances per currency: EUR and USD pairs in one entry pass, an EUR debit against a USD credit does not', async () => {
    const both = await postJournalEntry(t.ctx, makeEntryInput({
      lines: [debit('1000', eur(500)), credit('1100', eur(500)), debit('1000', usd(700)), credit('1100', usd(300)), credit('2200', usd(400))],
    }));
    expect(both.lines).toHaveLength(5);
    const error = await appError(postJournalEntry(t.ctx, makeEntryInput({ lines: [debit('1000', eur(1000)), credit('1100', usd(1000))] })));
    expect(error.code).toBe('business_rule_violated');
    expect(error.detail).toContain('EUR does not balance: debits 10.00, credits 0.00 (lines 1)');
    expect(error.detail).toContain('USD does not balance: debits 0.00, credits 10.00 (lines 2)');
  });

  it('names the line for shape errors: both or neither side, zero, negative, unknown currency', async () => {
    const cases: Array<[unknown, string]> = [
      [{ accountCode: '1000', debit: eur(1), credit: eur(1) }, 'body.lines.1.debit'],
      [{ accountCode: '1000' }, 'body.lines.1.debit'],
      [{ accountCode: '1000', debit: eur(0) }, 'body.lines.1.debit.amountMinor'],
      [{ accountCode: '1000', credit: eur(-5) }, 'body.lines.1.credit.amountMinor'],
      [{ accountCode: '1000', debit: { amountMinor: 5n, currency: 'XXX' } }, 'body.lines.1.debit.currency'],
      [{ accountCode: 'cash', debit: eur(5) }, 'body.lines.1.accountCode'],
    ];
    for (const [line, field] of cases) {
      const error = await appError(postJournalEntry(t.ctx, makeEntryInput({ lines: [credit('1100', eur(5)), line as never] })));
      expect(error.code, field).toBe('validation_failed');
      expect(error.fieldErrors.map((f) => f.field)).toContain(field);
    }
    const single = await appError(postJournalEntry(t.ctx, makeEntryInput({ lines: [debit('1000', eur(5))] })));
    expect(single.fieldErrors.map((f) => f.field)).toEqual(['body.lines']);
    const badDate = await appError(postJournalEntry(t.ctx, makeEntryInput({ entryDate: '2026-02-30' })));
    expect(badDate.fieldErrors.map((f) => f.field)).toEqual(['body.entryDate']);
  });

  it('refuses unknown and inactive accounts, naming the line', async () => {
    const unknown = await appError(postJournalEntry(t.ctx, makeEntryInput({ lines: [debit('1100', eur(5)), credit('4999', eur(5))] })));
    expect(unknown.code).toBe('validation_failed');
    expect(unknown.fieldErrors).toEqual([{ field: 'body.lines.1.accountCode', message: 'line 2: account 4999 is not a ledger account' }]);
    await setLedgerAccountActive(t.ctx, '4100', false);
    const inactive = await appError(postJournalEntry(t.ctx, makeEntryInput({ lines: [debit('1100', eur(5)), credit('4100', eur(5))] })));
    expect(inactive.fieldErrors).toEqual([{ field: 'body.lines.1.accountCode', message: 'line 2: account 4100 is inactive and takes no new postings' }]);
    await setLedgerAccountActive(t.ctx, '4100', true);
    await expect(postJournalEntry(t.ctx, makeEntryInput({ lines: [debit('1100', eur(5)), credit('4100', eur(5))] }))).resolves.toBeDefined();
  });

  it('posts once per idempotency key: a replay returns the first entry, different content is refused', async () => {
    const input = makeEntryInput({ idempotencyKey: 'invoice.issued:inv_42', source: { type: 'invoice', id: 'inv_42' } });
    const first = await postJournalEntry(t.ctx, input);
    const rows = await countEntryRows(t.ctx);
    const replay = await postJournalEntry(t.ctx, { ...input, entryDate: Temporal.PlainDate.from('2026-01-10'), source: { type: 'invoice', id: 'inv_42' } });
    expect(replay).toEqual(first);
    expect(await countEntryRows(t.ctx)).toEqual(rows);
    const changed = await appError(postJournalEntry(t.ctx, { ...input, lines: [debit('1100', eur(1)), credit('4000', eur(1))] }));
    expect(changed.code).toBe('idempotency_key_reused');
    expect(changed.extra).toEqual({ entryId: first.id, number: first.number });
    expect(await countEntryRows(t.ctx)).toEqual(rows);
  });

  it('joins the caller’s transaction: when the caller rolls back, the entry and its number are gone', async () => {
    const before = await countEntryRows(t.ctx);
    const failed = inTransaction(t.ctx, async (tx) => {
      await postJournalEntry(tx, makeEntryInput({ lines: [debit('1200', eur(777)), credit('4200', eur(777))] }));
      throw new Error('the invoice could not be issued');
    });
    await expect(failed).rejects.toThrow('the invoice could not be issued');
    expect(await countEntryRows(t.ctx)).toEqual(before);
    expect((await accountBalance(t.ctx, '1200', { asOfDate: '2026-12-31', currency: 'EUR' })).balance).toEqual(eur(0));
  });
});
