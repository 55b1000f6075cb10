import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Payments received and their allocation to invoices. The composite foreign keys on
 * (…, currency) make the database refuse an allocation whose currency differs from its payment's
 * or its invoice's. That allocations never exceed the payment is checked in code
 * (src/billing/upsert-imported-payment.ts) under the payment's row lock.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table payments (
      id text primary key check (id ~ '^pay_'),
      account_id text not null references accounts(id),
      amount_minor bigint not null check (amount_minor > 0),
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      received_at timestamptz not null,
      method text not null check (method in ('card','bank_transfer','direct_debit','check','cash','wallet','other')),
      reference text check (length(reference) between 1 and 200),
      status text not null check (status in ('succeeded','failed','refunded')),
      source_system text,
      external_id text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1 check (version > 0),
      constraint payments_source_pair check ((source_system is null) = (external_id is null)),
      constraint payments_id_currency unique (id, currency)
    );
    create unique index payments_source_external on payments (source_system, external_id);
    create index payments_account on payments (account_id, id);

    create table payment_allocations (
      payment_id text not null,
      invoice_id text not null,
      currency char(3) not null,
      amount_minor bigint not null check (amount_minor > 0),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      primary key (payment_id, invoice_id),
      constraint payment_allocations_payment foreign key (payment_id, currency) references payments (id, currency),
      constraint payment_allocations_invoice foreign key (invoice_id, currency) references invoices (id, currency)
    );
    create index payment_allocations_invoice on payment_allocations (invoice_id);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table payment_allocations;
    drop table payments;
  `);
}
