import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FastPGliteDialect } from './pglite-dialect.ts';

// The dialect itself, on a bare in-memory PGlite (the application's tables are not needed).
describe('FastPGliteDialect', () => {
  let pglite: PGlite;
  let db: Kysely<any>;
  beforeAll(async () => {
    pglite = new PGlite({ parsers: { 20: (value: string) => BigInt(value), 1082: (value: string) => value } });
    db = new Kysely<any>({ dialect: new FastPGliteDialect(pglite) });
    await sql`create table t (id int primary key, name text, at timestamptz, day date, big bigint, ok boolean, data jsonb, bytes bytea, tags text[])`.execute(db);
  });
  afterAll(() => db.destroy());

  it('sends parameters as node-postgres does and parses results with the instance parsers', async () => {
    const at = new Date('2026-03-01T10:20:30.456Z');
    const bytes = new Uint8Array([0, 1, 254, 255]);
    const tags = ['plain', 'with "quotes"', 'back\\slash', 'comma,brace}', null];
    const inserted = await db.insertInto('t')
      .values({ id: 1, name: "O'Brien", at, day: '2026-02-28', big: 9_007_199_254_740_993n, ok: false, data: JSON.stringify({ a: [1, 'x'] }), bytes, tags })
      .executeTakeFirstOrThrow();
    expect(inserted.numInsertedOrUpdatedRows).toBe(1n);
    const row = await db.selectFrom('t').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    expect(row).toEqual({ id: 1, name: "O'Brien", at, day: '2026-02-28', big: 9_007_199_254_740_993n, ok: false, data: { a: [1, 'x'] }, bytes, tags });
    const json = await sql<{ data: unknown }>`select ${JSON.stringify({ big: '1' })}::jsonb as data`.execute(db);
    expect(json.rows).toEqual([{ data: { big: '1' } }]);
    const objectParam = await sql<{ data: unknown }>`select ${{ n: 12n, s: 'x' }}::jsonb as data`.execute(db);
    expect(objectParam.rows).toEqual([{ data: { n: '12', s: 'x' } }]);
    const anyOf = await db.selectFrom('t').select('id').where(sql<boolean>`name = any(${['x', "O'Brien"]}::text[])`).execute();
    expect(anyOf).toEqual([{ id: 1 }]);
    const grid = await sql<{ grid: string }>`select (${[['a "q"', null], ['b\\c', '{x}']]}::text[])::text as grid`.execute(db);
    expect(grid.rows).toEqual([{ grid: '{{"a \\"q\\"",NULL},{"b\\\\c","{x}"}}' }]);
  });

  it('reports rows written by updates and deletes, none for selects', async () => {
    await db.insertInto('t').values([{ id: 2, name: 'b' }, { id: 3, name: 'c' }]).execute();
    const updated = await db.updateTable('t').set({ ok: true }).where('id', 'in', [2, 3]).executeTakeFirstOrThrow();
    expect(updated.numUpdatedRows).toBe(2n);
    const deleted = await db.deleteFrom('t').where('id', '=', 3).executeTakeFirstOrThrow();
    expect(deleted.numDeletedRows).toBe(1n);
  });

  it('raises the database error with its code, and a statement that failed on its first run works next time', async () => {
    const duplicate = db.insertInto('t').values({ id: 1, name: 'again' }).execute();
    await expect(duplicate).rejects.toMatchObject({ code: '23505', constraint: 't_pkey' });
    const fresh = sql`insert into t (id, name) values (${40}, ${'fails first'}) on conflict do nothing returning id`;
    await sql`insert into t (id, name) values (40, 'taken')`.execute(db);
    expect((await fresh.execute(db)).rows).toEqual([]);
    await sql`delete from t where id = 40`.execute(db);
    expect((await fresh.execute(db)).rows).toEqual([{ id: 40 }]);
  });

  it('keeps a transaction to itself: a statement outside waits for COMMIT, a rolled-back savepoint is undone', async () => {
    const order: string[] = [];
    const trx = await db.startTransaction().execute();
    await trx.insertInto('t').values({ id: 10, name: 'in transaction' }).execute();
    const outside = db.selectFrom('t').select('id').where('id', '=', 10).execute().then((rows) => { order.push(`outside saw ${rows.length}`); });
    const savepoint = await trx.savepoint('before "odd" name').execute();
    await savepoint.insertInto('t').values({ id: 11, name: 'undone' }).execute();
    await savepoint.rollbackToSavepoint('before "odd" name').execute();
    order.push('committing');
    await trx.commit().execute();
    await outside;
    expect(order).toEqual(['committing', 'outside saw 1']);
    expect(await db.selectFrom('t').select('id').where('id', 'in', [10, 11]).execute()).toEqual([{ id: 10 }]);
  });

  it('sees a changed table in statements it ran before the change', async () => {
    const select = () => db.selectFrom('t').selectAll().where('id', '=', 10).executeTakeFirstOrThrow();
    expect(Object.keys(await select())).not.toContain('note');
    await sql`alter table t add column note text default 'n'`.execute(db);
    expect(await select()).toMatchObject({ id: 10, note: 'n' });
  });

  it('reads multi-byte text, empty strings apart from NULL, and column names as written', async () => {
    const text = 'Größe · Qualità · Стоимость · 価格 · 😀';
    const result = await sql<Record<string, unknown>>`select ${text}::text as "Größe", ''::text as empty, null::text as nothing, ${''}::text as param_empty, ${null}::text as param_null`.execute(db);
    expect(result.rows).toEqual([{ Größe: text, empty: '', nothing: null, param_empty: '', param_null: null }]);
  });

  it('raises every field of the database error, as node-postgres does', async () => {
    await sql`create table parent (id int primary key)`.execute(db);
    await sql`create table child (id int primary key, parent_id int constraint child_parent_fk references parent (id))`.execute(db);
    const error = await sql`insert into child (id, parent_id) values (${1}, ${99})`.execute(db).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      message: 'insert or update on table "child" violates foreign key constraint "child_parent_fk"',
      severity: 'ERROR', code: '23503', detail: 'Key (parent_id)=(99) is not present in table "parent".',
      schema: 'public', table: 'child', constraint: 'child_parent_fk',
    });
    const syntax = await sql`select * from nowhere_at_all`.execute(db).catch((caught: unknown) => caught);
    expect(syntax).toMatchObject({ code: '42P01', position: '15', message: 'relation "nowhere_at_all" does not exist' });
    expect((await sql<{ ok: number }>`select 1 as ok`.execute(db)).rows).toEqual([{ ok: 1 }]);
  });

  it('reads an answer larger than one chunk of the WebAssembly output buffer, row for row', async () => {
    const rows = await sql<{ n: number; filler: string }>`select n, repeat(chr(1040 + n % 32), 300) as filler from generate_series(1, 20000) as n`.execute(db);
    expect(rows.rows).toHaveLength(20_000);
    expect(rows.rows[0]).toEqual({ n: 1, filler: 'Б'.repeat(300) });
    expect(rows.rows[19_999]).toEqual({ n: 20_000, filler: String.fromCharCode(1040 + (20_000 % 32)).repeat(300) });
    expect(rows.rows.every((row, index) => row.n === index + 1 && row.filler.length === 300)).toBe(true);
  });
});
