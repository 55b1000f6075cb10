import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * The history of every change to an invoice's payment progress made by cash application
 * (src/billing/settlement): one append-only row per apply (+) or unapply (−), with the calendar
 * date it takes effect. invoices.amount_paid_minor is the running state; this table answers
 * "what was due on date D" (AR aging as of any date) and who moved what. Rows are never updated
 * or deleted (trigger), so a correction is a new row of the opposite sign.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table invoice_settlements (
      id bigint generated always as identity primary key,
      invoice_id text not null,
      currency char(3) not null,
      source_type text not null check (source_type in ('payment', 'credit_note')),
      source_id text not null check (length(source_id) between 1 and 100),
      reason text not null check (reason in ('apply', 'unapply', 'chargeback')),
      amount_minor bigint not null check (amount_minor <> 0),
      effective_date date not null,
      created_at timestamptz not null,
      constraint invoice_settlements_invoice foreign key (invoice_id, currency) references invoices (id, currency),
      constraint invoice_settlements_sign check ((reason = 'apply') = (amount_minor > 0))
    );
    create index invoice_settlements_invoice on invoice_settlements (invoice_id, effective_date);
    create index invoice_settlements_source on invoice_settlements (source_type, source_id);

    create function invoice_settlements_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'invoice settlements are append-only' using errcode = 'object_not_in_prerequisite_state';
    end;
    $$;
    create trigger invoice_settlements_append_only
      before update or delete on invoice_settlements
      for each row execute function invoice_settlements_refuse_change();
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table invoice_settlements;
    drop function invoice_settlements_refuse_change();
  `);
}
