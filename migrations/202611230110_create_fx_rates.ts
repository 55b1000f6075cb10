import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Exchange rates for reporting across currencies (docs/metrics.md "Currencies"). One row says
 * "on rate_date, 1 base = rate quote". The rate is exact decimal text, never a float
 * (STYLE.md "Money": FX rates are exact decimals, rounded once when an amount is converted).
 * ECB reference rates arrive with base EUR; inverse and cross rates are derived in code, not stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table fx_rates (
      base char(3) not null check (base ~ '^[A-Z]{3}$'),
      quote char(3) not null check (quote ~ '^[A-Z]{3}$'),
      rate_date date not null,
      rate text not null check (rate ~ '^[0-9]{1,12}([.][0-9]{1,12})?$' and rate !~ '^[0.]+$'),
      source text not null check (length(source) between 1 and 50),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      primary key (base, quote, rate_date),
      constraint fx_rates_two_currencies check (base <> quote)
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table fx_rates;
  `);
}
