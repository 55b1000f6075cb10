import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * The database's own guard on the ledger (STYLE.md "Financial records"; TigerBeetle: invariants
 * asserted where the data lives, not only in the code that writes it):
 * - Balance: deferred constraint triggers on both tables check, at commit, that each entry touched
 *   has exactly its line_count lines numbered 1..n (at least two) and that debits equal credits
 *   per currency. Deferred, because an entry's lines arrive one statement after its header.
 *   Constraint triggers cannot use transition tables, so the check runs once per inserted row;
 *   entries have a handful of lines. Works alike on PGlite (PostgreSQL 18) and PostgreSQL.
 * - Immutability: UPDATE, DELETE and TRUNCATE of entries and lines are refused; a correction is a
 *   reversing entry. (The table owner can still disable triggers: that is outside the app's reach.)
 * - Closed periods: no entry is inserted with an entry_date in a closed month.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create function ledger_assert_entry_balanced(p_entry_id text) returns void language plpgsql as $$
    declare
      expected integer;
      actual integer;
      highest integer;
      unbalanced record;
    begin
      select line_count into expected from journal_entries where id = p_entry_id;
      select count(*), coalesce(max(line_number), 0) into actual, highest from journal_lines where entry_id = p_entry_id;
      if expected is null or actual < 2 or actual <> expected or highest <> expected then
        raise exception 'journal entry % has % lines but declares %: an entry has at least two lines, all written with it',
          p_entry_id, actual, expected
          using errcode = 'check_violation', constraint = 'journal_entries_lines_complete';
      end if;
      select currency, sum(debit_minor) as debits, sum(credit_minor) as credits into unbalanced
        from journal_lines where entry_id = p_entry_id
        group by currency having sum(debit_minor) <> sum(credit_minor)
        order by currency limit 1;
      if found then
        raise exception 'journal entry % does not balance in %: debits %, credits %',
          p_entry_id, unbalanced.currency, unbalanced.debits, unbalanced.credits
          using errcode = 'check_violation', constraint = 'journal_entries_balanced';
      end if;
    end;
    $$;
    create function journal_entries_check_balance() returns trigger language plpgsql as $$
    begin
      perform ledger_assert_entry_balanced(new.id);
      return null;
    end;
    $$;
    create function journal_lines_check_balance() returns trigger language plpgsql as $$
    begin
      perform ledger_assert_entry_balanced(new.entry_id);
      return null;
    end;
    $$;
    create constraint trigger journal_entries_balanced
      after insert on journal_entries deferrable initially deferred
      for each row execute function journal_entries_check_balance();
    create constraint trigger journal_lines_balanced
      after insert on journal_lines deferrable initially deferred
      for each row execute function journal_lines_check_balance();

    create function ledger_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception '% is immutable: % refused', tg_table_name, tg_op
        using errcode = 'insufficient_privilege',
              hint = 'Posted entries are never changed; post a reversing entry instead.';
    end;
    $$;
    create trigger journal_entries_immutable before update or delete on journal_entries
      for each row execute function ledger_refuse_change();
    create trigger journal_entries_no_truncate before truncate on journal_entries
      for each statement execute function ledger_refuse_change();
    create trigger journal_lines_immutable before update or delete on journal_lines
      for each row execute function ledger_refuse_change();
    create trigger journal_lines_no_truncate before truncate on journal_lines
      for each statement execute function ledger_refuse_change();

    create function journal_entries_refuse_closed_period() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from ledger_periods where period = to_char(new.entry_date, 'YYYY-MM') and status = 'closed') then
        raise exception 'period % is closed: journal entry % refused', to_char(new.entry_date, 'YYYY-MM'), new.id
          using errcode = 'check_violation', constraint = 'journal_entries_period_open';
      end if;
      return new;
    end;
    $$;
    create trigger journal_entries_period_open before insert on journal_entries
      for each row execute function journal_entries_refuse_closed_period();
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop trigger journal_entries_period_open on journal_entries;
    drop function journal_entries_refuse_closed_period();
    drop trigger journal_lines_no_truncate on journal_lines;
    drop trigger journal_lines_immutable on journal_lines;
    drop trigger journal_entries_no_truncate on journal_entries;
    drop trigger journal_entries_immutable on journal_entries;
    drop function ledger_refuse_change();
    drop trigger journal_lines_balanced on journal_lines;
    drop trigger journal_entries_balanced on journal_entries;
    drop function journal_lines_check_balance();
    drop function journal_entries_check_balance();
    drop function ledger_assert_entry_balanced(text);
  `);
}
