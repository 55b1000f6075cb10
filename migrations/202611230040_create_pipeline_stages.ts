import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Configurable opportunity stages, seeded with a typical B2B pipeline. The key is the identifier
 * (opportunities reference it), so it never changes. Closed stages have fixed probabilities and
 * forecast categories (won = 100% / closed, lost = 0% / omitted); an open stage is never "closed".
 * sort_order is unique so the pipeline has one order; reorder-stages.ts rewrites it in two steps.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table pipeline_stages (
      key text primary key check (key ~ '^[a-z][a-z0-9_]{0,49}$'),
      label text not null check (length(label) between 1 and 100),
      sort_order integer not null,
      default_probability_bps integer not null check (default_probability_bps between 0 and 10000),
      kind text not null check (kind in ('open','won','lost')),
      forecast_category text not null check (forecast_category in ('pipeline','best_case','commit','closed','omitted')),
      active boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1 check (version > 0),
      constraint pipeline_stages_sort_order_unique unique (sort_order),
      constraint pipeline_stages_won_rule check (kind <> 'won' or (default_probability_bps = 10000 and forecast_category = 'closed')),
      constraint pipeline_stages_lost_rule check (kind <> 'lost' or (default_probability_bps = 0 and forecast_category = 'omitted')),
      constraint pipeline_stages_open_rule check (kind <> 'open' or forecast_category <> 'closed')
    );
    insert into pipeline_stages (key, label, sort_order, default_probability_bps, kind, forecast_category, created_at, updated_at) values
      ('prospecting', 'Prospecting', 1, 1000, 'open', 'pipeline', now(), now()),
      ('qualification', 'Qualification', 2, 2000, 'open', 'pipeline', now(), now()),
      ('discovery', 'Discovery / Needs Analysis', 3, 4000, 'open', 'pipeline', now(), now()),
      ('proposal', 'Proposal', 4, 6000, 'open', 'best_case', now(), now()),
      ('negotiation', 'Negotiation', 5, 8000, 'open', 'commit', now(), now()),
      ('closed_won', 'Closed Won', 6, 10000, 'won', 'closed', now(), now()),
      ('closed_lost', 'Closed Lost', 7, 0, 'lost', 'omitted', now(), now());
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table pipeline_stages;
  `);
}
