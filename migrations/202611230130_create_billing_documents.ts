import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * The billing engine's documents (docs/billing.md).
 * - Invoices made by the billing run carry their billing key (subscription, billing date,
 *   sequence): the run adds lines to the open draft of a billing date or opens the next sequence,
 *   under the subscription's row lock, and this unique index is the last word against a double bill.
 * - Lines remember which charge they bill (subscription item version + billing period) so the next
 *   run subtracts what was billed; credits for unused time are lines with a negative amount.
 * - Document numbers are gapless per series: one counter row per series, locked FOR UPDATE by the
 *   issuing transaction (a rollback gives the number back).
 * - Credit notes are issued on creation and immutable (trigger), lines included. Their line amounts
 *   are signed like invoice lines (a credit is negative); total_minor is the credit, positive.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table invoices add column billing_date date;
    alter table invoices add column billing_sequence integer check (billing_sequence > 0);
    alter table invoices add column journal_entry_id text;
    alter table invoices add constraint invoices_billing_key_pair check ((billing_date is null) = (billing_sequence is null));
    create unique index invoices_billing_key on invoices (subscription_id, billing_date, billing_sequence) where billing_date is not null;

    alter table invoice_lines add column line_kind text not null default 'charge' check (line_kind in ('charge', 'credit'));
    alter table invoice_lines add column billing_period_start_date date;
    alter table invoice_lines add column billing_period_end_date date;
    alter table invoice_lines add column billable_days integer check (billable_days >= 0);
    alter table invoice_lines add column period_days integer check (period_days > 0);
    alter table invoice_lines add column note text check (length(note) between 1 and 1000);
    alter table invoice_lines add column recognition text not null default 'immediate' check (recognition in ('deferred', 'immediate'));
    alter table invoice_lines add column revenue_kind text not null default 'recurring' check (revenue_kind in ('recurring', 'one_time', 'usage'));
    alter table invoice_lines add column tax_minor bigint not null default 0;
    alter table invoice_lines add constraint invoice_lines_billing_period check ((billing_period_start_date is null) = (billing_period_end_date is null));
    create index invoice_lines_charge on invoice_lines (subscription_item_id, billing_period_start_date) where subscription_item_id is not null;

    create table document_number_series (
      series text primary key check (series ~ '^[A-Z]+-[0-9]{4}$'),
      last_value bigint not null check (last_value >= 0),
      updated_at timestamptz not null
    );

    create table credit_notes (
      id text primary key check (id ~ '^cn_'),
      number text not null unique check (number ~ '^CN-[0-9]{4}-[0-9]{6,}$'),
      kind text not null check (kind in ('void', 'adjustment')),
      account_id text not null references accounts(id),
      subscription_id text references subscriptions(id),
      invoice_id text references invoices(id),
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      issue_date date not null,
      billing_date date,
      subtotal_minor bigint not null,
      tax_minor bigint not null,
      total_minor bigint not null check (total_minor >= 0),
      reason text not null check (length(reason) between 1 and 1000),
      journal_entry_id text,
      issued_at timestamptz not null,
      created_at timestamptz not null,
      constraint credit_notes_total check (total_minor = -(subtotal_minor + tax_minor)),
      constraint credit_notes_void_has_invoice check (kind <> 'void' or invoice_id is not null),
      constraint credit_notes_id_currency unique (id, currency)
    );
    create unique index credit_notes_void_once on credit_notes (invoice_id) where kind = 'void';
    create index credit_notes_subscription on credit_notes (subscription_id) where subscription_id is not null;
    create index credit_notes_account on credit_notes (account_id, id);

    create table credit_note_lines (
      credit_note_id text not null,
      line_number integer not null check (line_number > 0),
      currency char(3) not null,
      line_kind text not null check (line_kind in ('charge', 'credit')),
      description text not null check (length(description) between 1 and 1000),
      quantity numeric not null check (quantity >= 0),
      unit_amount_minor bigint,
      amount_minor bigint not null,
      tax_minor bigint not null default 0,
      period_start_date date,
      period_end_date date,
      billing_period_start_date date,
      billing_period_end_date date,
      billable_days integer,
      period_days integer,
      note text,
      recognition text not null check (recognition in ('deferred', 'immediate')),
      revenue_kind text not null check (revenue_kind in ('recurring', 'one_time', 'usage')),
      subscription_item_id bigint references subscription_items(id),
      created_at timestamptz not null,
      primary key (credit_note_id, line_number),
      constraint credit_note_lines_note foreign key (credit_note_id, currency) references credit_notes (id, currency)
    );
    create index credit_note_lines_charge on credit_note_lines (subscription_item_id, billing_period_start_date) where subscription_item_id is not null;

    create function credit_notes_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception '% rows are immutable once issued', tg_table_name
        using errcode = 'object_not_in_prerequisite_state', hint = 'Corrections are new documents.';
    end;
    $$;
    create trigger credit_notes_immutable before update or delete on credit_notes
      for each row execute function credit_notes_refuse_change();
    create trigger credit_note_lines_immutable before update or delete on credit_note_lines
      for each row execute function credit_notes_refuse_change();

    create table billing_runs (
      id text primary key check (id ~ '^brun_'),
      run_date date not null,
      issue boolean not null,
      status text not null check (status in ('running', 'completed')),
      subscriptions_total integer not null default 0,
      invoices_created integer not null default 0,
      credit_notes_created integer not null default 0,
      invoices_issued integer not null default 0,
      errors_count integer not null default 0,
      errors jsonb not null default '[]',
      actor_id text,
      started_at timestamptz not null,
      finished_at timestamptz
    );

    create table revenue_recognitions (
      invoice_id text not null,
      line_number integer not null,
      recognition_date date not null,
      currency char(3) not null,
      amount_minor bigint not null,
      journal_entry_id text,
      created_at timestamptz not null,
      primary key (invoice_id, line_number, recognition_date),
      constraint revenue_recognitions_line foreign key (invoice_id, line_number) references invoice_lines (invoice_id, line_number)
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table revenue_recognitions;
    drop table billing_runs;
    drop table credit_note_lines;
    drop table credit_notes;
    drop function credit_notes_refuse_change();
    drop table document_number_series;
    drop index invoice_lines_charge;
    alter table invoice_lines drop constraint invoice_lines_billing_period;
    alter table invoice_lines drop column tax_minor, drop column revenue_kind, drop column recognition, drop column note, drop column period_days,
      drop column billable_days, drop column billing_period_end_date, drop column billing_period_start_date, drop column line_kind;
    drop index invoices_billing_key;
    alter table invoices drop constraint invoices_billing_key_pair;
    alter table invoices drop column journal_entry_id, drop column billing_sequence, drop column billing_date;
  `);
}
