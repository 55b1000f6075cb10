import { sql } from 'kysely';
import { accountGone, selectIds, type QualityCheck } from './check-types.ts';

// Orphans: rows whose account is gone. Live rows only where the table soft-deletes; invoices are
// never deleted (they are voided), so every invoice counts.

export const ORPHAN_CHECKS: QualityCheck[] = [
  {
    check: 'opportunity_without_account',
    severity: 'error',
    description: 'Open or closed opportunities whose account has been deleted',
    findIds: (ctx) =>
      selectIds(ctx, sql<{ id: string }>`
        select o.id from opportunities o join accounts a on a.id = o.account_id
        where o.deleted_at is null and ${accountGone('a')}`),
  },
  {
    check: 'invoice_without_customer',
    severity: 'error',
    description: 'Invoices whose customer account has been deleted',
    findIds: (ctx) =>
      selectIds(ctx, sql<{ id: string }>`
        select i.id from invoices i join accounts a on a.id = i.account_id where ${accountGone('a')}`),
  },
  {
    check: 'subscription_without_customer',
    severity: 'error',
    description: 'Subscriptions whose customer account has been deleted',
    findIds: (ctx) =>
      selectIds(ctx, sql<{ id: string }>`
        select s.id from subscriptions s join accounts a on a.id = s.account_id where ${accountGone('a')}`),
  },
  {
    check: 'contact_with_deleted_account',
    severity: 'warning',
    description: 'Contacts linked to an account that has been deleted',
    findIds: (ctx) =>
      selectIds(ctx, sql<{ id: string }>`
        select c.id from contacts c join accounts a on a.id = c.account_id
        where c.deleted_at is null and ${accountGone('a')}`),
  },
  {
    check: 'account_with_deleted_parent',
    severity: 'warning',
    description: 'Accounts whose parent account has been deleted',
    findIds: (ctx) =>
      selectIds(ctx, sql<{ id: string }>`
        select c.id from accounts c join accounts a on a.id = c.parent_account_id
        where c.deleted_at is null and ${accountGone('a')}`),
  },
];

export const PIPELINE_CHECKS: QualityCheck[] = [
  {
    check: 'closed_won_without_subscription',
    severity: 'warning',
    description: 'Closed-won opportunities whose account has no subscription: a sale nobody bills',
    findIds: (ctx) =>
      selectIds(ctx, sql<{ id: string }>`
        select o.id from opportunities o
        where o.deleted_at is null and o.won and not exists (select 1 from subscriptions s where s.account_id = o.account_id)`),
  },
  {
    check: 'closed_won_without_contract',
    severity: 'warning',
    description: 'Closed-won opportunities won in Revline (not imported) with no order from an accepted quote: a win without a signed contract',
    // Imported deals are left out: their contract lives in the system they came from.
    findIds: (ctx) =>
      selectIds(ctx, sql<{ id: string }>`
        select o.id from opportunities o
        where o.deleted_at is null and o.won and o.source_system is null
          and not exists (select 1 from orders r where r.opportunity_id = o.id)`),
  },
  {
    check: 'stale_open_opportunities',
    severity: 'warning',
    description: 'Open opportunities whose close date has passed',
    findIds: (ctx, today) =>
      selectIds(ctx, sql<{ id: string }>`
        select o.id from opportunities o join pipeline_stages s on s.key = o.stage_key
        where o.deleted_at is null and s.kind = 'open' and o.close_date < cast(${today} as date)`),
  },
  {
    check: 'opportunity_currency_differs_from_account',
    severity: 'warning',
    description: 'Opportunities in a currency other than their account’s',
    findIds: (ctx) =>
      selectIds(ctx, sql<{ id: string }>`
        select o.id from opportunities o join accounts a on a.id = o.account_id
        where o.deleted_at is null and o.currency <> a.currency`),
  },
  {
    check: 'subscription_currency_differs_from_account',
    severity: 'warning',
    description: 'Subscriptions billed in a currency other than their account’s',
    findIds: (ctx) =>
      selectIds(ctx, sql<{ id: string }>`
        select s.id from subscriptions s join accounts a on a.id = s.account_id where s.currency <> a.currency`),
  },
  {
    check: 'invoice_currency_differs_from_subscription',
    severity: 'error',
    description: 'Invoices (not void) in a currency other than the subscription they bill',
    findIds: (ctx) =>
      selectIds(ctx, sql<{ id: string }>`
        select i.id from invoices i join subscriptions s on s.id = i.subscription_id
        where i.status <> 'void' and i.currency <> s.currency`),
  },
  {
    check: 'lead_without_owner',
    severity: 'warning',
    description: 'Open leads (new, MQL, SQL) nobody owns',
    findIds: (ctx) =>
      selectIds(ctx, sql<{ id: string }>`
        select id from leads
        where deleted_at is null and owner_user_id is null and stage in ('new', 'mql', 'sql')`),
  },
];
