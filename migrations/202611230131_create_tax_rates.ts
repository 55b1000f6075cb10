import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Taxes on invoices (docs/billing.md "Taxes"): rates by seller country, customer country and tax
 * category; one settings row (the seller's country, whether prices include tax); the tax category
 * of an item key (default 'standard'). Lines keep the rate and mode they were taxed with.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table tax_rates (
      id bigint generated always as identity primary key,
      seller_country char(2) not null check (seller_country ~ '^[A-Z]{2}$'),
      customer_country char(2) not null check (customer_country ~ '^[A-Z]{2}$'),
      tax_category text not null check (tax_category ~ '^[a-z][a-z0-9_]{0,49}$'),
      rate_bps integer not null check (rate_bps between 0 and 10000),
      name text not null check (length(name) between 1 and 100),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint tax_rates_key unique (seller_country, customer_country, tax_category)
    );
    create table billing_tax_settings (
      id boolean primary key default true check (id),
      seller_country char(2) not null check (seller_country ~ '^[A-Z]{2}$'),
      prices_include_tax boolean not null,
      updated_at timestamptz not null
    );
    create table item_tax_categories (
      item_key text primary key,
      tax_category text not null check (tax_category ~ '^[a-z][a-z0-9_]{0,49}$'),
      updated_at timestamptz not null
    );
    alter table invoice_lines add column tax_rate_bps integer check (tax_rate_bps between 0 and 10000);
    alter table invoice_lines add column tax_inclusive boolean not null default false;
    alter table credit_note_lines add column tax_rate_bps integer check (tax_rate_bps between 0 and 10000);
    alter table credit_note_lines add column tax_inclusive boolean not null default false;
    alter table invoices add column tax_note text check (length(tax_note) between 1 and 500);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table invoices drop column tax_note;
    alter table credit_note_lines drop column tax_inclusive, drop column tax_rate_bps;
    alter table invoice_lines drop column tax_inclusive, drop column tax_rate_bps;
    drop table item_tax_categories;
    drop table billing_tax_settings;
    drop table tax_rates;
  `);
}
