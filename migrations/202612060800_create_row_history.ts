import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Transaction-time history of the rows the MRR figures are made from (docs/metrics.md "As of"):
 * subscriptions, subscription_items, subscription_pauses and accounts (segment, country, industry).
 * - On UPDATE or DELETE a trigger keeps the old row in `<table>_history` as jsonb, valid over
 *   [recorded_from, recorded_to) = [OLD.updated_at, NEW.updated_at). The axis is the rows' own
 *   updated_at, written by the application clock (ctx.clock), so scenario tests on a fake clock see
 *   the same history as production. Rows are never deleted today; a DELETE would be closed at the
 *   database's now() (the only instant there is).
 * - jsonb, not a copy of the columns: a column added later (e.g. subscription_items.amount_minor)
 *   needs no change here; older history rows read it as null through jsonb_populate_record.
 * - `<table>_as_of(t)` returns the table as it stood at instant t: current rows with
 *   updated_at ≤ t plus history rows with recorded_from ≤ t < recorded_to. The intervals of one
 *   row chain without gaps or overlaps, so each row appears at most once.
 * - History rows are immutable (UPDATE and DELETE refused): a reported figure must stay reproducible.
 * Every billing and crm write path sets updated_at on update (subscription-repo.ts, crm/repo.ts).
 */
const TABLES = ['subscriptions', 'subscription_items', 'subscription_pauses', 'accounts'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create function record_row_history() returns trigger language plpgsql as $$
    declare
      recorded_to timestamptz;
    begin
      if tg_op = 'DELETE' then
        recorded_to := now();
      else
        recorded_to := new.updated_at;
      end if;
      execute format('insert into %I (row_id, row_data, recorded_from, recorded_to) values ($1, $2, $3, $4)', tg_table_name || '_history')
        using old.id::text, to_jsonb(old), old.updated_at, recorded_to;
      return null;
    end;
    $$;
    create function row_history_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception '% is immutable: % refused', tg_table_name, tg_op
        using errcode = 'insufficient_privilege', hint = 'History rows record what was reported; they are never changed.';
    end;
    $$;
    ${TABLES.map(historyTable).join('\n')}
  `);
}

function historyTable(table: (typeof TABLES)[number]): string {
  return `
    create table ${table}_history (
      history_id bigint generated always as identity primary key,
      row_id text not null,
      row_data jsonb not null,
      recorded_from timestamptz not null,
      recorded_to timestamptz not null
    );
    create index ${table}_history_recorded on ${table}_history (recorded_from, recorded_to);
    create trigger ${table}_record_history after update or delete on ${table}
      for each row execute function record_row_history();
    create trigger ${table}_history_immutable before update or delete on ${table}_history
      for each row execute function row_history_refuse_change();
    create function ${table}_as_of(p_at timestamptz) returns setof ${table} language sql stable as $$
      select * from ${table} where updated_at <= p_at
      union all
      select (jsonb_populate_record(null::${table}, row_data)).* from ${table}_history
        where recorded_from <= p_at and p_at < recorded_to
    $$;`;
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    ${TABLES.map((table) => `
    drop function ${table}_as_of(timestamptz);
    drop trigger ${table}_record_history on ${table};
    drop table ${table}_history;`).join('\n')}
    drop function row_history_refuse_change();
    drop function record_row_history();
  `);
}
