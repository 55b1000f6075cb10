import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * The deferred balance check (migration 202611230083) ran once per inserted row: for an entry with
 * its two lines written together, three identical checks of the same entry at commit, each three
 * queries — most of the ledger's share of a billing run's database CPU. A line's check is needed for
 * lines added to an entry written by another transaction (the header's own check does not fire
 * then); when the header was inserted by this very transaction, its check runs at commit anyway and
 * sees every line, so the line's check skips it. "This transaction" is the top-level transaction id:
 * a header inserted under a savepoint has its subtransaction's id and is checked from its lines as
 * before (the safe side). The header trigger and the check itself are unchanged.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create or replace function journal_lines_check_balance() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from journal_entries e where e.id = new.entry_id
          and e.xmin::text::bigint = pg_current_xact_id()::text::bigint % 4294967296) then
        return null;
      end if;
      perform ledger_assert_entry_balanced(new.entry_id);
      return null;
    end;
    $$;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create or replace function journal_lines_check_balance() returns trigger language plpgsql as $$
    begin
      perform ledger_assert_entry_balanced(new.entry_id);
      return null;
    end;
    $$;
  `);
}
