import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Dunning and collections (docs/payments.md "Dunning").
 * - dunning_stages: data, not code. A stage fires once an invoice is days_after_due past its due
 *   date; the last one may put the account on hold. Seeded with reminder +3, second reminder +14,
 *   final notice +30 and hold +45.
 * - dunning_notices: one row per (invoice, stage) — the primary key makes the daily job idempotent.
 * - account_holds: an open hold (released_at null) means "on hold".
 * - collection_settings: per account, where reminders go and in which language.
 * - collection_notes and payment_promises: the worklist's notes and promise-to-pay (audited).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table dunning_stages (
      code text primary key check (code ~ '^[a-z][a-z0-9_]{0,49}$'),
      position integer not null unique check (position > 0),
      days_after_due integer not null check (days_after_due >= 0),
      template text check (template in ('reminder', 'second_reminder', 'final_notice')),
      places_hold boolean not null default false,
      active boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint dunning_stages_does_something check (template is not null or places_hold)
    );
    insert into dunning_stages (code, position, days_after_due, template, places_hold, created_at, updated_at) values
      ('reminder', 1, 3, 'reminder', false, now(), now()),
      ('second_reminder', 2, 14, 'second_reminder', false, now(), now()),
      ('final_notice', 3, 30, 'final_notice', false, now(), now()),
      ('on_hold', 4, 45, null, true, now(), now());

    create table dunning_notices (
      invoice_id text not null references invoices(id),
      stage_code text not null references dunning_stages(code),
      account_id text not null references accounts(id),
      run_date date not null,
      channel text not null check (channel in ('smtp', 'outbox', 'none')),
      recipient text,
      subject text,
      language text not null check (language in ('en', 'de', 'it', 'ru')),
      location text,
      created_at timestamptz not null,
      primary key (invoice_id, stage_code)
    );
    create index dunning_notices_account on dunning_notices (account_id, run_date);

    create table account_holds (
      id text primary key check (id ~ '^hold_'),
      account_id text not null references accounts(id),
      reason text not null check (length(reason) between 1 and 500),
      placed_date date not null,
      placed_at timestamptz not null,
      released_at timestamptz,
      release_reason text
    );
    create unique index account_holds_one_open on account_holds (account_id) where released_at is null;

    create table collection_settings (
      account_id text primary key references accounts(id),
      billing_email text check (billing_email ~ '^[^@\\s]+@[^@\\s]+$'),
      language text not null check (language in ('en', 'de', 'it', 'ru')),
      updated_at timestamptz not null
    );

    create table collection_notes (
      id text primary key check (id ~ '^note_'),
      account_id text not null references accounts(id),
      invoice_id text references invoices(id),
      body text not null check (length(body) between 1 and 5000),
      contacted boolean not null default false,
      author_id text not null,
      created_at timestamptz not null
    );
    create index collection_notes_account on collection_notes (account_id, created_at);

    create table payment_promises (
      id text primary key check (id ~ '^ptp_'),
      account_id text not null references accounts(id),
      invoice_id text references invoices(id),
      promised_date date not null,
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      amount_minor bigint not null check (amount_minor > 0),
      note text check (length(note) between 1 and 1000),
      author_id text not null,
      created_at timestamptz not null
    );
    create index payment_promises_account on payment_promises (account_id, promised_date);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table payment_promises;
    drop table collection_notes;
    drop table collection_settings;
    drop table account_holds;
    drop table dunning_notices;
    drop table dunning_stages;
  `);
}
