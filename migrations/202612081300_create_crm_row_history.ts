import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Transaction-time history of the rows the other metrics read (docs/metrics.md "As of"), the same
 * machinery as migrations/202612060800_create_row_history.ts (whose function record_row_history
 * and whose `<table>_history` / `<table>_as_of(t)` shape are reused):
 * - opportunities, leads, campaigns, support_tickets (key `id`): record_row_history itself.
 * - pipeline_stages, account_seats, marketing_spend, sales_targets have no `id` column: the same
 *   trigger body with the key columns passed as trigger arguments (record_keyed_row_history).
 * - opportunity_stage_history has no updated_at. Every write to it is audited under its
 *   opportunity (a stage change as the opportunity's update, an imported history as
 *   replace_stage_history), so a trigger deferred to commit takes the instant of the opportunity's
 *   latest audit entry — this transaction's, application clock — and keeps it beside the rows in
 *   opportunity_stage_history_recorded (crm's table is not changed), the old row of an update or
 *   delete in opportunity_stage_history_history as for the other tables.
 * - row_history_starts: per table, the instant from which its history is complete. Rows changed
 *   before the history was kept have lost their earlier versions; asOf before that instant is
 *   refused (400) rather than answered wrongly. Computed once, here, from the rows: the latest
 *   instant at which a row's earliest known version begins although the row is older (its
 *   created_at is earlier), i.e. a row changed before its history was kept. A table that is empty
 *   now (every fresh database) is complete from the start (null).
 * (One grouped join per table: linear in the rows, as the migration may run on a large book.)
 * The domains' code does not change: the triggers see every write.
 */
const BY_ID = ['opportunities', 'leads', 'campaigns', 'support_tickets'] as const;
const BY_KEY = {
  pipeline_stages: ['key'],
  account_seats: ['account_id', 'as_of_date'],
  marketing_spend: ['spend_date', 'line_key', 'currency'],
  sales_targets: ['month_date', 'breakdown', 'breakdown_value', 'currency'],
} as const;
/** The tables of migration 202612060800: their history start is computed here too. */
const EARLIER = ['subscriptions', 'subscription_items', 'subscription_pauses', 'accounts'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create function record_keyed_row_history() returns trigger language plpgsql as $$
    declare
      recorded_to timestamptz;
      row_key text;
    begin
      if tg_op = 'DELETE' then
        recorded_to := now();
      else
        recorded_to := new.updated_at;
      end if;
      select string_agg(to_jsonb(old) ->> column_name, '|' order by position) into row_key
        from unnest(tg_argv) with ordinality as key(column_name, position);
      execute format('insert into %I (row_id, row_data, recorded_from, recorded_to) values ($1, $2, $3, $4)', tg_table_name || '_history')
        using row_key, to_jsonb(old), old.updated_at, recorded_to;
      return null;
    end;
    $$;
    ${BY_ID.map((table) => historyTable(table, 'execute function record_row_history()')).join('\n')}
    ${Object.entries(BY_KEY).map(([table, keys]) => historyTable(table, `execute function record_keyed_row_history(${keys.map((k) => `'${k}'`).join(', ')})`)).join('\n')}
    ${stageHistory()}
    ${referenceAsOf('pipeline_stages', 'key')}
    create table row_history_starts (
      table_name text primary key,
      complete_from timestamptz
    );
    ${[...EARLIER, ...BY_ID, 'marketing_spend', 'sales_targets'].map((table) => `
    insert into row_history_starts (table_name, complete_from)
      select '${table}', max(e.first_known) from (
        select t.created_at, coalesce(h.first_from, t.updated_at) as first_known from ${table} t
          left join (select row_id, min(recorded_from) as first_from from ${table}_history group by row_id) h on h.row_id = ${rowKey(table)}
      ) e where e.first_known > e.created_at;`).join('\n')}
    insert into row_history_starts (table_name, complete_from)
      select 'pipeline_stages', max(updated_at) from pipeline_stages where updated_at > created_at;
    insert into row_history_starts (table_name, complete_from) select 'account_seats', max(updated_at) from account_seats;
    insert into row_history_starts (table_name, complete_from)
      select 'opportunity_stage_history', max(greatest(entered_at, left_at)) from opportunity_stage_history;
    create trigger row_history_starts_immutable before update or delete on row_history_starts
      for each row execute function row_history_refuse_change();
  `);
}

function rowKey(table: string): string {
  return table in BY_KEY ? `concat_ws('|', ${BY_KEY[table as keyof typeof BY_KEY].map((k) => `t.${k}::text`).join(', ')})` : 't.id::text';
}

function historyTable(table: string, trigger: string): string {
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
      for each row ${trigger};
    create trigger ${table}_history_immutable before update or delete on ${table}_history
      for each row execute function row_history_refuse_change();
    create function ${table}_as_of(p_at timestamptz) returns setof ${table} language sql stable as $$
      select * from ${table} where updated_at <= p_at
      union all
      select (jsonb_populate_record(null::${table}, row_data)).* from ${table}_history
        where recorded_from <= p_at and p_at < recorded_to
    $$;`;
}

/**
 * Pipeline stages are reference data seeded by migration 202611230040 at the database's clock (not
 * the application's), and a stage that exists changes no figure by itself. So a stage is read, at
 * an instant before its first recorded version, as that first version (a stage never changed: as
 * it is); after it, as for every other table.
 */
function referenceAsOf(table: string, key: string): string {
  return `
    create or replace function ${table}_as_of(p_at timestamptz) returns setof ${table} language sql stable as $$
      select * from ${table} t
        where t.updated_at <= p_at or not exists (select 1 from ${table}_history h where h.row_id = t.${key}::text)
      union all
      select (jsonb_populate_record(null::${table}, h.row_data)).* from ${table}_history h
        where p_at < h.recorded_to
          and (h.recorded_from <= p_at or h.recorded_from = (select min(f.recorded_from) from ${table}_history f where f.row_id = h.row_id))
    $$;`;
}

/** Stage stays: the instant of each write is the opportunity's updated_at in the same transaction. */
function stageHistory(): string {
  return `
    create table opportunity_stage_history_recorded (
      stage_row_id bigint primary key,
      recorded_at timestamptz not null
    );
    create table opportunity_stage_history_history (
      history_id bigint generated always as identity primary key,
      row_id text not null,
      row_data jsonb not null,
      recorded_from timestamptz not null,
      recorded_to timestamptz not null
    );
    create index opportunity_stage_history_history_recorded on opportunity_stage_history_history (recorded_from, recorded_to);
    create function record_stage_row_history() returns trigger language plpgsql as $$
    declare
      opportunity text := coalesce(new.opportunity_id, old.opportunity_id);
      instant timestamptz;
      previous timestamptz;
    begin
      -- Deferred to commit: by then the transaction's audit entries are appended (shared/audit.ts
      -- flushes them before commit, holding the chain head), so the opportunity's latest entry is
      -- this transaction's, stamped with the application clock. The opportunity's updated_at covers
      -- a write without an audit entry of its own.
      select greatest(
        (select a.occurred_at from audit_log a where a.entity_type = 'opportunity' and a.entity_id = opportunity order by a.seq desc limit 1),
        (select o.updated_at from opportunities o where o.id = opportunity)
      ) into instant;
      instant := coalesce(instant, now());
      if tg_op in ('UPDATE', 'DELETE') then
        select r.recorded_at into previous from opportunity_stage_history_recorded r where r.stage_row_id = old.id;
        -- A row from before this history has no recorded instant: it counts as recorded from the start.
        previous := coalesce(previous, '-infinity'::timestamptz);
        insert into opportunity_stage_history_history (row_id, row_data, recorded_from, recorded_to)
          values (old.id::text, to_jsonb(old), previous, greatest(instant, previous));
      end if;
      if tg_op = 'DELETE' then
        delete from opportunity_stage_history_recorded where stage_row_id = old.id;
      else
        insert into opportunity_stage_history_recorded (stage_row_id, recorded_at) values (new.id, instant)
          on conflict (stage_row_id) do update set recorded_at = excluded.recorded_at;
      end if;
      return null;
    end;
    $$;
    create constraint trigger opportunity_stage_history_record_history after insert or update or delete on opportunity_stage_history
      deferrable initially deferred
      for each row execute function record_stage_row_history();
    create trigger opportunity_stage_history_history_immutable before update or delete on opportunity_stage_history_history
      for each row execute function row_history_refuse_change();
    create function opportunity_stage_history_as_of(p_at timestamptz) returns setof opportunity_stage_history language sql stable as $$
      select h.* from opportunity_stage_history h
        left join opportunity_stage_history_recorded r on r.stage_row_id = h.id
        where coalesce(r.recorded_at, '-infinity'::timestamptz) <= p_at
      union all
      select (jsonb_populate_record(null::opportunity_stage_history, row_data)).* from opportunity_stage_history_history
        where recorded_from <= p_at and p_at < recorded_to
    $$;`;
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table row_history_starts;
    drop function opportunity_stage_history_as_of(timestamptz);
    drop trigger opportunity_stage_history_record_history on opportunity_stage_history;
    drop function record_stage_row_history();
    drop table opportunity_stage_history_history;
    drop table opportunity_stage_history_recorded;
    ${[...BY_ID, ...Object.keys(BY_KEY)].map((table) => `
    drop function ${table}_as_of(timestamptz);
    drop trigger ${table}_record_history on ${table};
    drop table ${table}_history;`).join('\n')}
    drop function record_keyed_row_history();
  `);
}
