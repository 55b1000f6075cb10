import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Validation rules (data) that refuse a quote at submit unless finance overrides them for that
 * quote with a reason (src/cpq/check-validation-rules.ts). The kinds are code (each needs its
 * query); their parameters, names and on/off switches are data. Three rules are seeded with fixed
 * ids so docs and scripts can name them: overdue invoices (30 days, expansion and renewal quotes)
 * and an expired price book are on; below floor is off, because by default a price below its
 * floor is routed to an approver (an approval rule on belowFloor) rather than refused.
 * Overrides are one per quote and rule, kept forever (who, when, why).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table validation_rules (
      id text primary key check (id ~ '^rul_'),
      key text not null check (key ~ '^[a-z][a-z0-9_]{0,62}$'),
      name text not null check (length(name) between 1 and 200),
      kind text not null check (kind in ('overdue_invoices','below_floor','expired_price_book')),
      params jsonb not null check (jsonb_typeof(params) = 'object'),
      active boolean not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1 check (version > 0),
      constraint validation_rules_key unique (key)
    );

    create table quote_validation_overrides (
      id bigint generated always as identity primary key,
      quote_id text not null references quotes(id),
      rule_id text not null references validation_rules(id),
      reason text not null check (length(reason) between 1 and 2000),
      overridden_by text not null,
      overridden_at timestamptz not null,
      constraint quote_validation_overrides_once unique (quote_id, rule_id)
    );

    insert into validation_rules (id, key, name, kind, params, active, created_at, updated_at) values
      ('rul_seed_overdue_invoices', 'overdue_invoices', 'No upsell or renewal while invoices are overdue more than 30 days',
        'overdue_invoices', '{"maxDaysOverdue":30,"quoteTypes":["expansion","renewal"]}', true, now(), now()),
      ('rul_seed_expired_price_book', 'expired_price_book', 'No quote from an expired or inactive price book',
        'expired_price_book', '{}', true, now(), now()),
      ('rul_seed_below_floor', 'below_floor', 'No price below its floor',
        'below_floor', '{}', false, now(), now());
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table quote_validation_overrides;
    drop table validation_rules;
  `);
}
