import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Sales and marketing spend by day (CAC's numerator beside campaign costs; docs/metrics.md
 * "Marketing"): salaries, tools, ads… as imported from finance. One row per (date, kind,
 * category, campaign, currency): line_key joins the text parts so the primary key can hold the
 * optional campaign, and re-importing a file replaces amounts instead of adding them.
 * campaign_id has no foreign key: spend may be imported before its campaigns are.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table marketing_spend (
      spend_date date not null,
      kind text not null check (kind in ('sales', 'marketing')),
      category text not null check (length(category) between 1 and 100 and position('|' in category) = 0),
      campaign_id text check (length(campaign_id) between 1 and 100),
      line_key text generated always as (kind || '|' || category || '|' || coalesce(campaign_id, '')) stored,
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      amount_minor bigint not null check (amount_minor >= 0),
      source text not null check (length(source) between 1 and 50),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      primary key (spend_date, line_key, currency)
    );
    create index marketing_spend_campaign on marketing_spend (campaign_id) where campaign_id is not null;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table marketing_spend;
  `);
}
