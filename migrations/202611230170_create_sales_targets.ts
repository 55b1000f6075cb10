import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Sales targets (quota) per calendar month, company-wide (breakdown '') or for one value of an
 * account breakdown (segment, country, industry), per currency — what pipeline coverage divides
 * by (docs/metrics.md "Pipeline"). A quarter's or year's target is the sum of its months. The
 * natural key is the primary key, so re-importing a file replaces values instead of adding rows.
 * '' rather than null for "company-wide": a null would not be equal to itself in the key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table sales_targets (
      month_date date not null check (extract(day from month_date) = 1),
      breakdown text not null default '' check (breakdown in ('', 'segment', 'country', 'industry')),
      breakdown_value text not null default '' check (length(breakdown_value) <= 200),
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      amount_minor bigint not null check (amount_minor >= 0),
      source text not null check (length(source) between 1 and 50),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      primary key (month_date, breakdown, breakdown_value, currency),
      constraint sales_targets_breakdown_pair check ((breakdown = '') = (breakdown_value = ''))
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table sales_targets;
  `);
}
