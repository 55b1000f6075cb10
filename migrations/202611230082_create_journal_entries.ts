import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Journal entries and their lines (docs/ledger.md).
 * - Numbers are gapless per series and fiscal year (JE-2026-000001): journal_entry_counters holds
 *   the last number, taken under its row lock inside the posting transaction, so a rolled-back
 *   posting gives its number back.
 * - A line is a debit or a credit, never both or neither, in minor units beside its currency.
 * - line_count fixes the lines at posting time: the deferred check in 202611230083 compares it with
 *   the lines present, so lines cannot be added to an entry later.
 * - account_id / subscription_id / invoice_id are drill-down references into later domains, kept as
 *   text without foreign keys: the ledger comes first in the dependency order.
 * - An entry is reversed at most once (unique reverses_entry_id); an idempotency key posts once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table journal_entry_counters (
      series text not null check (series ~ '^[A-Z]{2,10}$'),
      fiscal_year integer not null check (fiscal_year between 1900 and 9999),
      last_sequence bigint not null check (last_sequence >= 0),
      primary key (series, fiscal_year)
    );

    create table journal_entries (
      id text primary key check (id ~ '^je_'),
      number text not null unique,
      series text not null,
      fiscal_year integer not null,
      sequence bigint not null check (sequence > 0),
      entry_date date not null,
      description text not null check (length(description) between 1 and 500),
      source_type text check (source_type ~ '^[a-z][a-z0-9_]{1,49}$'),
      source_id text check (length(source_id) between 1 and 200),
      idempotency_key text unique check (length(idempotency_key) between 1 and 255),
      request_hash text,
      reverses_entry_id text unique references journal_entries(id),
      line_count integer not null check (line_count >= 2),
      posted_at timestamptz not null,
      posted_by text not null,
      constraint journal_entries_series_number unique (series, fiscal_year, sequence),
      constraint journal_entries_fiscal_year check (fiscal_year = extract(year from entry_date)),
      constraint journal_entries_source_pair check ((source_type is null) = (source_id is null)),
      constraint journal_entries_key_hash check ((idempotency_key is null) = (request_hash is null)),
      constraint journal_entries_not_self_reversing check (reverses_entry_id <> id)
    );
    create index journal_entries_date on journal_entries (entry_date, id);
    create index journal_entries_source on journal_entries (source_type, source_id) where source_type is not null;

    create table journal_lines (
      entry_id text not null references journal_entries(id),
      line_number integer not null check (line_number > 0),
      account_code text not null references ledger_accounts(code),
      debit_minor bigint not null check (debit_minor >= 0),
      credit_minor bigint not null check (credit_minor >= 0),
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      account_id text,
      subscription_id text,
      invoice_id text,
      memo text check (length(memo) <= 500),
      primary key (entry_id, line_number),
      constraint journal_lines_one_side check ((debit_minor > 0) <> (credit_minor > 0))
    );
    create index journal_lines_account on journal_lines (account_code, currency);
    create index journal_lines_customer on journal_lines (account_id) where account_id is not null;
    create index journal_lines_invoice on journal_lines (invoice_id) where invoice_id is not null;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table journal_lines;
    drop table journal_entries;
    drop table journal_entry_counters;
  `);
}
