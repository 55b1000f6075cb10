import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from './migrate.ts';
import { FastPGliteDialect } from './pglite-dialect.ts';
import type { SharedTables } from './tables.ts';

// Two tiny migration directories: "this version" knows one migration, "a newer version" two.
describe('migrateToLatest on a database a newer version upgraded', () => {
  let dir: string;
  let db: Kysely<SharedTables>;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-migrations-'));
    const migration = (table: string) => `export async function up(db) { await db.schema.createTable('${table}').addColumn('id', 'integer').execute(); }\n`;
    fs.mkdirSync(path.join(dir, 'old'));
    fs.mkdirSync(path.join(dir, 'new'));
    fs.writeFileSync(path.join(dir, 'old', '202601010000_create_first.ts'), migration('first'));
    fs.writeFileSync(path.join(dir, 'new', '202601010000_create_first.ts'), migration('first'));
    fs.writeFileSync(path.join(dir, 'new', '202602010000_create_second.ts'), migration('second'));
    db = new Kysely<SharedTables>({ dialect: new FastPGliteDialect(new PGlite()) });
  });
  afterAll(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('says the data is newer than the code and what to do, and changes nothing', async () => {
    expect(await migrateToLatest(db, path.join(dir, 'new'))).toEqual({ applied: ['202601010000_create_first', '202602010000_create_second'] });
    await expect(migrateToLatest(db, path.join(dir, 'old'))).rejects.toThrow(
      'This database was upgraded by a newer version of Revline: it has run migration 202602010000_create_second, which this version does not have (its latest is 202601010000_create_first). Run the newer version, or point this one at another data directory or database; nothing was changed.',
    );
    expect(await migrateToLatest(db, path.join(dir, 'new'))).toEqual({ applied: [] });
  });
});
