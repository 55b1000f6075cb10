import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from './open-database.ts';
import { runSqlScript, splitSqlScript } from './run-script.ts';

describe('splitSqlScript', () => {
  it('splits at semicolons ending a line and in the middle of one', () => {
    expect(splitSqlScript('create table a (x int);\ndrop table b; drop table c;\n')).toEqual([
      'create table a (x int)',
      'drop table b',
      'drop table c',
    ]);
  });

  it('keeps a dollar-quoted function body whole, whatever its tag', () => {
    const fn = "create function f() returns int language plpgsql as $body$\nbegin\n  perform 1;\n  return 2;\nend;\n$body$";
    const plain = 'create function g() returns void language sql as $$ select 1; $$';
    expect(splitSqlScript(`${fn};\n${plain};\nselect 3;`)).toEqual([fn, plain, 'select 3']);
  });

  it('ignores semicolons in strings, identifiers and comments', () => {
    const statements = [
      "insert into t values ('a;b', 'it''s;', E'\\';')",
      'select 1 as "odd;name"',
      'select 2 -- trailing; comment\n+ 3',
      'select /* outer /* nested; */ still; */ 4',
    ];
    expect(splitSqlScript(statements.map((s) => `${s};\n`).join(''))).toEqual(statements);
  });

  it('does not take a parameter or an identifier with $ for a dollar quote', () => {
    expect(splitSqlScript('select $1; select a$b$ from t;')).toEqual(['select $1', 'select a$b$ from t']);
  });

  it('drops empty and comment-only statements', () => {
    expect(splitSqlScript(';\n  ;\n-- just a note;\n/* and; another */;\nselect 1')).toEqual(['select 1']);
  });
});

describe('runSqlScript', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('creates a plpgsql function whose body has lines ending in semicolons', async () => {
    await runSqlScript(database.db, `
      create function run_script_probe(n int) returns int language plpgsql as $$
      declare
        doubled int;
      begin
        doubled := n * 2;
        return doubled;
      end;
      $$;
      create table run_script_probe_t (x int); insert into run_script_probe_t values (run_script_probe(21));
    `);
    const result = await sql<{ x: number }>`select x from run_script_probe_t`.execute(database.db);
    expect(result.rows).toEqual([{ x: 42 }]);
  });
});
