import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * The ledger's balance guard (202611230083, 202612081200) for less of the database's time per entry
 * — the billing run writes two entries per invoice:
 * - The check of an entry reads it in one query instead of three (line count, highest line number
 *   and the first currency that does not balance, together); the amounts of that currency are read
 *   only to word the error. Same rule, same errors.
 * - The lines' check fired once per line at commit, each time to learn that the entry's header was
 *   inserted by this very transaction (whose own check covers it). It is now one statement-level
 *   trigger per insert: the lines of entries inserted by this transaction are skipped as before; any
 *   other entry touched — posted by another transaction, or inserted under a savepoint — is checked
 *   at the end of the statement. A committed entry is complete, so a line added to it is refused,
 *   now at once instead of at commit; an entry inserted under a savepoint must get its lines in the
 *   one statement, as every writer here does (repo-entries.ts, repo-entries-bulk.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create or replace function ledger_assert_entry_balanced(p_entry_id text) returns void language plpgsql as $$
    declare
      expected integer;
      actual integer;
      highest integer;
      unbalanced text;
      debits numeric;
      credits numeric;
    begin
      select e.line_count, coalesce(sum(c.lines), 0), coalesce(max(c.highest), 0), min(c.currency) filter (where c.debits <> c.credits)
        into expected, actual, highest, unbalanced
        from journal_entries e
        left join lateral (
          select l.currency, count(*) as lines, max(l.line_number) as highest, sum(l.debit_minor) as debits, sum(l.credit_minor) as credits
            from journal_lines l where l.entry_id = e.id group by l.currency
        ) c on true
        where e.id = p_entry_id
        group by e.line_count;
      if expected is null or actual < 2 or actual <> expected or highest <> expected then
        raise exception 'journal entry % has % lines but declares %: an entry has at least two lines, all written with it',
          p_entry_id, coalesce(actual, 0), expected
          using errcode = 'check_violation', constraint = 'journal_entries_lines_complete';
      end if;
      if unbalanced is not null then
        select sum(debit_minor), sum(credit_minor) into debits, credits from journal_lines where entry_id = p_entry_id and currency = unbalanced;
        raise exception 'journal entry % does not balance in %: debits %, credits %', p_entry_id, unbalanced, debits, credits
          using errcode = 'check_violation', constraint = 'journal_entries_balanced';
      end if;
    end;
    $$;

    create function journal_lines_check_other_entries() returns trigger language plpgsql as $$
    declare
      touched text;
    begin
      -- One index lookup per entry (LATERAL … LIMIT 1 is not flattened into a join): the transition
      -- table is known to be large, and a hash join would read all of journal_entries every time.
      for touched in
        select l.entry_id from (select distinct entry_id from new_lines) l
          cross join lateral (select e.xmin from journal_entries e where e.id = l.entry_id limit 1) e
          where e.xmin::text::bigint <> pg_current_xact_id()::text::bigint % 4294967296
          order by l.entry_id
      loop
        perform ledger_assert_entry_balanced(touched);
      end loop;
      return null;
    end;
    $$;
    drop trigger journal_lines_balanced on journal_lines;
    create trigger journal_lines_balanced after insert on journal_lines
      referencing new table as new_lines
      for each statement execute function journal_lines_check_other_entries();
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop trigger journal_lines_balanced on journal_lines;
    drop function journal_lines_check_other_entries();
    create constraint trigger journal_lines_balanced
      after insert on journal_lines deferrable initially deferred
      for each row execute function journal_lines_check_balance();
    create or replace function ledger_assert_entry_balanced(p_entry_id text) returns void language plpgsql as $$
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
  `);
}
