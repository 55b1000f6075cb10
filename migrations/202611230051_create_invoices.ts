import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Invoices and their lines (lago-api's model: draft → issued → paid | void).
 * - Issued invoices are immutable (STYLE.md "Financial records"): once status leaves 'draft' the
 *   trigger lets only the payment progress change — status issued → paid | void, paid → issued
 *   (a reversed payment), amount_paid_minor, amount_due_minor, paid_at, voided_at — and refuses
 *   DELETE. Lines may be written only while their invoice is a draft. Written with to_jsonb so a
 *   column added later is frozen by default, and in plain plpgsql so PGlite and PostgreSQL agree.
 * - total = subtotal − discount + tax, checked by the database.
 * - Numbers are unique per series: Revline's own (source_system null) and one per source system,
 *   because two billing systems migrated into one Revline may both have issued "INV-0001".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table invoices (
      id text primary key check (id ~ '^inv_'),
      account_id text not null references accounts(id),
      subscription_id text references subscriptions(id),
      number text check (length(number) between 1 and 100),
      status text not null check (status in ('draft','issued','paid','void')),
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      issue_date date,
      due_date date check (due_date >= issue_date),
      period_start_date date,
      period_end_date date,
      subtotal_minor bigint not null,
      discount_minor bigint not null check (discount_minor >= 0),
      tax_minor bigint not null check (tax_minor >= 0),
      total_minor bigint not null check (total_minor >= 0),
      amount_paid_minor bigint not null check (amount_paid_minor >= 0),
      amount_due_minor bigint not null check (amount_due_minor >= 0),
      source_system text,
      external_id text,
      issued_at timestamptz,
      paid_at timestamptz,
      voided_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1 check (version > 0),
      constraint invoices_source_pair check ((source_system is null) = (external_id is null)),
      constraint invoices_total check (total_minor = subtotal_minor - discount_minor + tax_minor),
      constraint invoices_issued_numbered check (status = 'draft' or (number is not null and issue_date is not null)),
      constraint invoices_period check ((period_start_date is null) = (period_end_date is null) and period_end_date > period_start_date),
      constraint invoices_paid_settled check (status <> 'paid' or amount_due_minor = 0),
      constraint invoices_id_currency unique (id, currency)
    );
    create unique index invoices_source_external on invoices (source_system, external_id);
    create unique index invoices_number_series on invoices ((coalesce(source_system, '')), number);
    create index invoices_account on invoices (account_id, id);
    create index invoices_subscription on invoices (subscription_id) where subscription_id is not null;

    create table invoice_lines (
      invoice_id text not null,
      line_number integer not null check (line_number > 0),
      currency char(3) not null,
      description text not null check (length(description) between 1 and 1000),
      quantity numeric not null check (quantity >= 0),
      unit_amount_minor bigint,
      amount_minor bigint not null,
      period_start_date date,
      period_end_date date,
      subscription_item_id bigint references subscription_items(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      primary key (invoice_id, line_number),
      constraint invoice_lines_invoice foreign key (invoice_id, currency) references invoices (id, currency),
      constraint invoice_lines_period check ((period_start_date is null) = (period_end_date is null) and period_end_date > period_start_date)
    );

    create function invoices_refuse_issued_change() returns trigger language plpgsql as $$
    declare
      payment_progress text[] := array['status', 'amount_paid_minor', 'amount_due_minor', 'paid_at', 'voided_at', 'updated_at', 'version'];
    begin
      if old.status = 'draft' then
        if tg_op = 'DELETE' then
          return old;
        end if;
        return new;
      end if;
      if tg_op = 'DELETE' then
        raise exception 'invoice % is % and cannot be deleted', old.id, old.status
          using errcode = 'object_not_in_prerequisite_state', hint = 'Void it or issue a credit note.';
      end if;
      if (to_jsonb(new) - payment_progress) is distinct from (to_jsonb(old) - payment_progress) then
        raise exception 'invoice % is %: only its payment progress may change', old.id, old.status
          using errcode = 'object_not_in_prerequisite_state', hint = 'Corrections are new documents (credit notes).';
      end if;
      if new.status <> old.status and not ((old.status = 'issued' and new.status in ('paid', 'void')) or (old.status = 'paid' and new.status = 'issued')) then
        raise exception 'invoice % cannot go from % to %', old.id, old.status, new.status
          using errcode = 'object_not_in_prerequisite_state';
      end if;
      return new;
    end;
    $$;
    create trigger invoices_issued_immutable
      before update or delete on invoices
      for each row execute function invoices_refuse_issued_change();

    -- FOR SHARE on the invoice: a concurrent issue (an UPDATE, which needs a conflicting lock) waits
    -- for this line's transaction, so no line slips onto an invoice that has just been issued.
    create function invoice_lines_refuse_issued_change() returns trigger language plpgsql as $$
    declare
      invoice_status text;
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        select status into invoice_status from invoices where id = old.invoice_id for share;
        if invoice_status <> 'draft' then
          raise exception 'invoice % is %: its lines are immutable', old.invoice_id, invoice_status
            using errcode = 'object_not_in_prerequisite_state';
        end if;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        select status into invoice_status from invoices where id = new.invoice_id for share;
        if invoice_status <> 'draft' then
          raise exception 'invoice % is %: lines can be added only to drafts', new.invoice_id, invoice_status
            using errcode = 'object_not_in_prerequisite_state';
        end if;
        return new;
      end if;
      return old;
    end;
    $$;
    create trigger invoice_lines_issued_immutable
      before insert or update or delete on invoice_lines
      for each row execute function invoice_lines_refuse_issued_change();
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table invoice_lines;
    drop function invoice_lines_refuse_issued_change();
    drop table invoices;
    drop function invoices_refuse_issued_change();
  `);
}
