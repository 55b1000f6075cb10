import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { countEntryRows, makeEntryInput } from './fixtures.ts';
import { closePeriod, postJournalEntry } from './index.ts';

/** The database error a statement or commit fails with, for its SQLSTATE and constraint. */
async function dbError(promise: Promise<unknown>): Promise<{ code: string; constraint?: string; message: string }> {
  const error: unknown = await promise.then(() => new Error('expected the database to refuse, but it accepted'), (e: unknown) => e);
  expect(error).toHaveProperty('code');
  return error as { code: string; constraint?: string; message: string };
}

// These tests write with raw SQL, past the service and its checks, to prove the database itself
// holds the invariants (STYLE.md "Financial records": checked in code and by the database).
describe('the database guards the ledger', () => {
  let t: TestContext;
  let counter = 0;
  const insertEntry = (db: TestContext['ctx']['db'], lineCount: number, date = '2026-01-05') => {
    counter += 1;
    const id = `je_RAW${String(counter).padStart(22, '0')}`;
    return sql`insert into journal_entries (id, number, series, fiscal_year, sequence, entry_date, description, line_count, posted_at, posted_by)
      values (${id}, ${`RAW-2026-${counter}`}, 'RAW', 2026, ${counter}, ${date}, 'raw insert', ${lineCount}, now(), 'test')`
      .execute(db)
      .then(() => id);
  };
  const insertLine = (db: TestContext['ctx']['db'], entryId: string, lineNumber: number, debitMinor: number, creditMinor: number, currency = 'EUR') =>
    sql`insert into journal_lines (entry_id, line_number, account_code, debit_minor, credit_minor, currency)
      values (${entryId}, ${lineNumber}, '1000', ${debitMinor}, ${creditMinor}, ${currency})`.execute(db);

  beforeAll(async () => {
    t = await createTestContext({ start: '2026-03-10T09:00:00Z' });
  });
  afterAll(() => t.close());

  it('accepts a balanced raw entry (the guard is not simply refusing everything)', async () => {
    await t.ctx.db.transaction().execute(async (trx) => {
      const id = await insertEntry(trx, 2);
      await insertLine(trx, id, 1, 500, 0);
      await insertLine(trx, id, 2, 0, 500);
    });
    expect((await countEntryRows(t.ctx)).entries).toBe(1);
  });

  it('refuses at commit an entry whose debits and credits differ in a currency', async () => {
    const before = await countEntryRows(t.ctx);
    const error = await dbError(t.ctx.db.transaction().execute(async (trx) => {
      const id = await insertEntry(trx, 2);
      await insertLine(trx, id, 1, 500, 0);
      await insertLine(trx, id, 2, 0, 499);
    }));
    expect(error).toMatchObject({ code: '23514', constraint: 'journal_entries_balanced' });
    expect(error.message).toMatch(/does not balance in EUR: debits 500, credits 499/);
    expect(await countEntryRows(t.ctx)).toEqual(before);
  });

  it('refuses an EUR debit balanced only by a USD credit', async () => {
    const error = await dbError(t.ctx.db.transaction().execute(async (trx) => {
      const id = await insertEntry(trx, 2);
      await insertLine(trx, id, 1, 500, 0, 'EUR');
      await insertLine(trx, id, 2, 0, 500, 'USD');
    }));
    expect(error).toMatchObject({ code: '23514', constraint: 'journal_entries_balanced' });
  });

  it('refuses an entry without lines, with one line, or with fewer lines than it declares', async () => {
    const noLines = await dbError(t.ctx.db.transaction().execute(async (trx) => void (await insertEntry(trx, 2))));
    expect(noLines).toMatchObject({ code: '23514', constraint: 'journal_entries_lines_complete' });
    const missing = await dbError(t.ctx.db.transaction().execute(async (trx) => {
      const id = await insertEntry(trx, 3);
      await insertLine(trx, id, 1, 500, 0);
      await insertLine(trx, id, 2, 0, 500);
    }));
    expect(missing).toMatchObject({ code: '23514', constraint: 'journal_entries_lines_complete' });
    const lineCountCheck = await dbError(t.ctx.db.transaction().execute(async (trx) => void (await insertEntry(trx, 1))));
    expect(lineCountCheck.code).toBe('23514');
  });

  it('refuses lines added later to a posted entry, even a balanced pair', async () => {
    const entry = await postJournalEntry(t.ctx, makeEntryInput());
    const error = await dbError(t.ctx.db.transaction().execute(async (trx) => {
      await insertLine(trx, entry.id, 4, 100, 0);
      await insertLine(trx, entry.id, 5, 0, 100);
    }));
    expect(error).toMatchObject({ code: '23514', constraint: 'journal_entries_lines_complete' });
  });

  it('checks an entry written in one transaction at commit even though its lines skip their own check', async () => {
    // The lines' check skips entries whose header this transaction inserted (migration 202612081200);
    // the header's check must still refuse a bad entry, also when a line comes in a later statement.
    const error = await dbError(t.ctx.db.transaction().execute(async (trx) => {
      const id = await insertEntry(trx, 2);
      await insertLine(trx, id, 1, 500, 0);
      await insertLine(trx, id, 2, 0, 500);
      await insertLine(trx, id, 3, 0, 1);
    }));
    expect(error).toMatchObject({ code: '23514', constraint: 'journal_entries_lines_complete' });
    const entry = await postJournalEntry(t.ctx, makeEntryInput());
    const later = await dbError(t.ctx.db.transaction().execute(async (trx) => {
      const id = await insertEntry(trx, 2);
      await insertLine(trx, id, 1, 100, 0);
      await insertLine(trx, id, 2, 0, 100);
      // A balanced new entry in the same transaction must not let a line slip into a posted one.
      await insertLine(trx, entry.id, 9, 0, 7);
    }));
    expect(later).toMatchObject({ code: '23514' });
  });

  it('takes lines written before their entry only with the key deferred, and checks them with the entry at commit', async () => {
    // Migration 202612111000: the billing run writes an entry's lines before the entry (its number
    // comes later), in a transaction that defers the lines' key to their entry.
    const deferKey = (db: TestContext['ctx']['db']) => sql`set constraints journal_lines_entry_id_fkey deferred`.execute(db);
    const before = await countEntryRows(t.ctx);
    let kept = '';
    await t.ctx.db.transaction().execute(async (trx) => {
      await deferKey(trx);
      kept = `je_RAW${String(counter + 1).padStart(22, '0')}`;
      await insertLine(trx, kept, 1, 500, 0);
      await insertLine(trx, kept, 2, 0, 500);
      expect(await insertEntry(trx, 2)).toBe(kept);
    });
    expect(await countEntryRows(t.ctx)).toEqual({ entries: before.entries + 1, lines: before.lines + 2 });
    const unbalanced = await dbError(t.ctx.db.transaction().execute(async (trx) => {
      await deferKey(trx);
      const id = `je_RAW${String(counter + 1).padStart(22, '0')}`;
      await insertLine(trx, id, 1, 500, 0);
      await insertLine(trx, id, 2, 0, 499);
      await insertEntry(trx, 2);
    }));
    expect(unbalanced).toMatchObject({ code: '23514', constraint: 'journal_entries_balanced' });
    const extra = await dbError(t.ctx.db.transaction().execute(async (trx) => {
      await deferKey(trx);
      const id = `je_RAW${String(counter + 1).padStart(22, '0')}`;
      await insertLine(trx, id, 1, 500, 0);
      await insertLine(trx, id, 2, 0, 500);
      await insertLine(trx, id, 3, 0, 1);
      await insertEntry(trx, 2);
    }));
    expect(extra).toMatchObject({ code: '23514', constraint: 'journal_entries_lines_complete' });
    // A line for an entry that never comes: refused at commit when deferred, at once when not.
    const orphan = await dbError(t.ctx.db.transaction().execute(async (trx) => {
      await deferKey(trx);
      await insertLine(trx, 'je_RAWNEVER00000000000000000', 1, 500, 0);
    }));
    expect(orphan).toMatchObject({ code: '23503', constraint: 'journal_lines_entry_id_fkey' });
    const immediate = await dbError(t.ctx.db.transaction().execute(async (trx) => {
      await insertLine(trx, 'je_RAWNEVER00000000000000000', 1, 500, 0);
      throw new Error('the line was accepted');
    }));
    expect(immediate).toMatchObject({ code: '23503', constraint: 'journal_lines_entry_id_fkey' });
    // Lines written before their entry do not let a line slip into a posted one either.
    const posted = await dbError(t.ctx.db.transaction().execute(async (trx) => {
      await deferKey(trx);
      await insertLine(trx, kept, 3, 0, 7);
    }));
    expect(posted).toMatchObject({ code: '23514', constraint: 'journal_entries_lines_complete' });
    expect(await countEntryRows(t.ctx)).toEqual({ entries: before.entries + 1, lines: before.lines + 2 });
  });

  it('refuses a line with both sides, neither side, or a negative amount', async () => {
    const entry = await postJournalEntry(t.ctx, makeEntryInput());
    const cases = [[5, 5, 'journal_lines_one_side'], [0, 0, 'journal_lines_one_side'], [-5, 0, 'journal_lines_debit_minor_check']] as const;
    for (const [debitMinor, creditMinor, constraint] of cases) {
      const error = await dbError(insertLine(t.ctx.db, entry.id, 9, debitMinor, creditMinor));
      expect(error).toMatchObject({ code: '23514', constraint });
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE of entries and lines', async () => {
    const entry = await postJournalEntry(t.ctx, makeEntryInput());
    const statements = [
      sql`update journal_entries set description = 'rewritten' where id = ${entry.id}`,
      sql`delete from journal_entries where id = ${entry.id}`,
      sql`update journal_lines set debit_minor = 1 where entry_id = ${entry.id} and line_number = 1`,
      sql`delete from journal_lines where entry_id = ${entry.id}`,
      sql`truncate journal_lines`,
      // CASCADE: later tables (payment receipts) reference entries, and a plain TRUNCATE would stop at that FK first.
      sql`truncate journal_lines, journal_entries cascade`,
    ];
    for (const statement of statements) {
      const error = await dbError(statement.execute(t.ctx.db));
      expect(error.code).toBe('42501');
      expect(error.message).toMatch(/is immutable/);
    }
    const [row] = (await sql<{ description: string }>`select description from journal_entries where id = ${entry.id}`.execute(t.ctx.db)).rows;
    expect(row?.description).toBe(entry.description);
  });

  it('refuses a raw entry dated in a closed period', async () => {
    await closePeriod(t.ctx, '2026-01', { reason: 'January signed off' });
    const error = await dbError(t.ctx.db.transaction().execute(async (trx) => {
      const id = await insertEntry(trx, 2, '2026-01-20');
      await insertLine(trx, id, 1, 500, 0);
      await insertLine(trx, id, 2, 0, 500);
    }));
    expect(error).toMatchObject({ code: '23514', constraint: 'journal_entries_period_open' });
  });

  it('keeps a ledger account’s code, type and normal side, and the account itself', async () => {
    for (const statement of [
      sql`update ledger_accounts set type = 'expense' where code = '4000'`,
      sql`update ledger_accounts set normal_side = 'debit' where code = '4000'`,
      sql`delete from ledger_accounts where code = '6200'`,
    ]) {
      expect((await dbError(statement.execute(t.ctx.db))).code).toBe('42501');
    }
    await sql`update ledger_accounts set name = 'Recurring revenue' where code = '4000'`.execute(t.ctx.db);
  });
});
