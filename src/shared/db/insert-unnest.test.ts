import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { insertRowsUnnest, type UnnestColumn } from './insert-unnest.ts';

type Row = { id: number; label: string | null; amount: bigint; flag: boolean; day: string; at: Date; doc: string | null };

const COLUMNS: ReadonlyArray<UnnestColumn<Row>> = [
  { name: 'id', type: 'integer', value: (row) => row.id },
  { name: 'label', type: 'text', value: (row) => row.label },
  { name: 'amount', type: 'bigint', value: (row) => row.amount },
  { name: 'flag', type: 'boolean', value: (row) => row.flag },
  { name: 'day', type: 'date', value: (row) => row.day },
  { name: 'at', type: 'timestamptz', value: (row) => row.at },
  { name: 'doc', type: 'jsonb', value: (row) => row.doc },
];

// Values that an array literal could misread: quotes, backslashes, separators, braces, the word NULL, blanks.
const LABELS = ['plain', 'say "hi"', 'back\\slash', 'a,b', '{braces}', 'NULL', '', '  spaced  ', 'ümlaut €', 'tab\tnew\nline', null];

describe('insertRowsUnnest', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await sql`create table unnest_probe (id integer primary key, label text, amount bigint not null, flag boolean not null, day date not null, at timestamptz not null, doc jsonb)`.execute(t.ctx.db);
  });
  afterAll(async () => {
    await sql`drop table if exists unnest_probe`.execute(t.ctx.db);
    await t.close();
  });

  it('writes every value as given, in order, across chunks', async () => {
    const rows: Row[] = Array.from({ length: 2_500 }, (_, index) => ({
      id: index + 1, label: LABELS[index % LABELS.length] ?? null, amount: 2n ** 62n + BigInt(index), flag: index % 2 === 0,
      day: '2024-02-29', at: new Date(Date.UTC(2026, 0, 31, 6, 0, 0, index % 1000)), doc: index % 3 === 0 ? null : JSON.stringify({ n: index, s: LABELS[index % LABELS.length] }),
    }));
    await insertRowsUnnest(t.ctx.db, 'unnest_probe', COLUMNS, rows);
    const read = await sql<{ id: number; label: string | null; amount: string; flag: boolean; day: string; at: Date; doc: unknown }>`
      select id, label, amount::text as amount, flag, day::text as day, at, doc from unnest_probe order by id`.execute(t.ctx.db);
    expect(read.rows).toHaveLength(rows.length);
    for (const [index, row] of rows.entries()) {
      const got = read.rows[index];
      expect(got?.id).toBe(row.id);
      expect(got?.label).toBe(row.label);
      expect(got?.amount).toBe(row.amount.toString());
      expect(got?.flag).toBe(row.flag);
      expect(got?.day).toBe(row.day);
      expect(new Date(got?.at ?? 0).getTime()).toBe(row.at.getTime());
      expect(got?.doc ?? null).toEqual(row.doc === null ? null : JSON.parse(row.doc));
    }
  });
});
