import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { inTransaction } from '../shared/context.ts';
import { credit, debit, eur, makeEntryInput } from './fixtures.ts';
import { listJournalEntries, postJournalEntry } from './index.ts';

const numbersOf = (entries: Array<{ number: string }>) => entries.map((e) => e.number).sort();
const expectedNumbers = (year: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `JE-${year}-${String(from + i).padStart(6, '0')}`);

// A fresh database for this file, so the series starts at 1. On PostgreSQL (DATABASE_URL) the
// postings run on separate pooled connections, really at the same time; PGlite runs them in turn.
describe('gapless numbering per series and year', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('numbers 20 concurrent postings 1..20 without gaps or repeats', async () => {
    const entries = await Promise.all(Array.from({ length: 20 }, () => postJournalEntry(t.ctx, makeEntryInput())));
    expect(numbersOf(entries)).toEqual(expectedNumbers(2026, 1, 20));
    expect(new Set(entries.map((e) => e.id)).size).toBe(20);
  });

  it('gives a rolled-back posting’s number back to the next posting', async () => {
    await expect(inTransaction(t.ctx, async (tx) => {
      const entry = await postJournalEntry(tx, makeEntryInput());
      expect(entry.number).toBe('JE-2026-000021');
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect((await postJournalEntry(t.ctx, makeEntryInput())).number).toBe('JE-2026-000021');
  });

  it('numbers by the year of the entry date, each year from 1', async () => {
    const december = await postJournalEntry(t.ctx, makeEntryInput({ entryDate: '2025-12-31' }));
    const nextYear = await postJournalEntry(t.ctx, makeEntryInput({ entryDate: '2027-01-01' }));
    expect([december.number, nextYear.number]).toEqual(['JE-2025-000001', 'JE-2027-000001']);
    expect((await postJournalEntry(t.ctx, makeEntryInput())).number).toBe('JE-2026-000022');
  });

  it('posts once when the same idempotency key arrives 8 times at once', async () => {
    const input = makeEntryInput({ idempotencyKey: 'payment.received:pay_1', lines: [debit('1000', eur(5000)), credit('1100', eur(5000))] });
    const results = await Promise.all(Array.from({ length: 8 }, () => postJournalEntry(t.ctx, input)));
    expect(new Set(results.map((e) => e.id)).size).toBe(1);
    const page = await listJournalEntries(t.ctx, { accountCode: '1000', limit: 100 });
    expect(page.data.map((e) => e.id)).toEqual([results[0]?.id]);
  });

  it('leaves no gap in the whole 2026 series', async () => {
    const page = await listJournalEntries(t.ctx, { startDate: '2026-01-01', endDate: '2027-01-01', limit: 500 });
    expect(numbersOf(page.data)).toEqual(expectedNumbers(2026, 1, page.data.length));
    expect(page.data.length).toBe(23);
  });
});
