import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Approval rules (data, not code) and the requests they raise on a quote (docs/cpq.md).
 * A rule's condition is JSON, e.g. {"metric":"maxLineDiscountBps","op":">","value":2000}, checked
 * by src/cpq/approval-conditions.ts; it routes to a role or to one named user, at a level: level 1
 * decides before level 2 (sequential), rules on the same level decide in parallel (all must
 * approve). A request keeps the condition and the value that raised it (snapshot), so a later
 * edit can tell whether it touches what was approved. Requests are history: decided once, and
 * 'cancelled' when the quote changes under an open request.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table approval_rules (
      id text primary key check (id ~ '^rul_'),
      name text not null check (length(name) between 1 and 200),
      active boolean not null,
      condition jsonb not null check (jsonb_typeof(condition) = 'object'),
      approver_role text check (approver_role in ('admin','revops','sales_rep','sales_manager','finance')),
      approver_user_id text references users(id),
      level integer not null check (level between 1 and 10),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1 check (version > 0),
      constraint approval_rules_one_approver check ((approver_role is null) <> (approver_user_id is null))
    );

    create table quote_approval_requests (
      id text primary key check (id ~ '^apr_'),
      quote_id text not null references quotes(id),
      rule_id text not null references approval_rules(id),
      level integer not null check (level between 1 and 10),
      approver_role text,
      approver_user_id text references users(id),
      status text not null check (status in ('pending','approved','rejected','cancelled')),
      snapshot jsonb not null check (jsonb_typeof(snapshot) = 'object'),
      requested_by text not null,
      requested_at timestamptz not null,
      decided_by text,
      decided_at timestamptz,
      comment text check (length(comment) between 1 and 2000),
      constraint quote_approval_requests_one_approver check ((approver_role is null) <> (approver_user_id is null)),
      constraint quote_approval_requests_decided check ((status = 'pending') = (decided_at is null))
    );
    create index quote_approval_requests_quote on quote_approval_requests (quote_id, level);
    create index quote_approval_requests_pending on quote_approval_requests (id) where status = 'pending';
    -- One open request per rule and quote: a re-submit never queues the same approval twice.
    create unique index quote_approval_requests_one_open on quote_approval_requests (quote_id, rule_id) where status = 'pending';
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table quote_approval_requests;
    drop table approval_rules;
  `);
}
