import { sql } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import { newId } from '../shared/ids.ts';

/**
 * Test rows in other domains' tables, inserted with plain SQL: quality reads those tables as a
 * read model, so its tests seed exactly the columns the checks read (plus what the tables
 * require) without depending on the owning services' input rules.
 */
export async function insertRow(ctx: Ctx, table: string, values: Record<string, unknown>): Promise<void> {
  const columns = Object.keys(values);
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    values (${sql.join(columns.map((c) => values[c]))})`.execute(ctx.db);
}

function stamps(ctx: Ctx): { created_at: Date; updated_at: Date } {
  const now = new Date(ctx.clock.now().epochMilliseconds);
  return { created_at: now, updated_at: now };
}

export async function insertContact(ctx: Ctx, fields: { accountId?: string | null; email?: string | null; lastName?: string }): Promise<string> {
  const id = newId('cont');
  await insertRow(ctx, 'contacts', {
    id,
    account_id: fields.accountId ?? null,
    email: fields.email ?? null,
    last_name: fields.lastName ?? 'Tester',
    ...stamps(ctx),
  });
  return id;
}

type OpportunityFields = {
  accountId: string;
  stageKey?: string;
  closeDate?: string;
  currency?: string;
  ownerUserId?: string | null;
  customFields?: Record<string, unknown>;
};

/** Stage kind decides won/closed_at, as the opportunities CHECKs require. */
export async function insertOpportunity(ctx: Ctx, fields: OpportunityFields): Promise<string> {
  const id = newId('opp');
  const stageKey = fields.stageKey ?? 'prospecting';
  const closed = stageKey === 'closed_won' || stageKey === 'closed_lost';
  await insertRow(ctx, 'opportunities', {
    id,
    account_id: fields.accountId,
    name: `Deal ${id.slice(-6)}`,
    type: 'new',
    amount_minor: 100_000n,
    currency: fields.currency ?? 'EUR',
    stage_key: stageKey,
    probability_bps: stageKey === 'closed_won' ? 10_000 : closed ? 0 : 1000,
    close_date: fields.closeDate ?? '2026-06-30',
    owner_user_id: fields.ownerUserId ?? null,
    forecast_category: stageKey === 'closed_won' ? 'closed' : closed ? 'omitted' : 'pipeline',
    closed_at: closed ? new Date(ctx.clock.now().epochMilliseconds) : null,
    won: stageKey === 'closed_won',
    custom_fields: JSON.stringify(fields.customFields ?? {}),
    ...stamps(ctx),
  });
  return id;
}

export async function insertTicket(ctx: Ctx, accountId: string): Promise<string> {
  const id = newId('tkt');
  await insertRow(ctx, 'support_tickets', {
    id,
    account_id: accountId,
    subject: 'Help',
    priority: 'normal',
    status: 'open',
    opened_at: new Date(ctx.clock.now().epochMilliseconds),
    ...stamps(ctx),
  });
  return id;
}

export async function insertUsage(ctx: Ctx, fields: { accountId: string; usageDate: string; featureKey: string; count: bigint }): Promise<void> {
  await insertRow(ctx, 'product_usage_daily', {
    account_id: fields.accountId,
    usage_date: fields.usageDate,
    feature_key: fields.featureKey,
    usage_count: fields.count,
    updated_at: new Date(ctx.clock.now().epochMilliseconds),
  });
}

export async function insertSubscription(ctx: Ctx, fields: { accountId: string; currency?: string }): Promise<string> {
  const id = newId('sub');
  await insertRow(ctx, 'subscriptions', {
    id,
    account_id: fields.accountId,
    currency: fields.currency ?? 'EUR',
    status: 'active',
    start_date: '2026-01-01',
    billing_mode: 'calendar',
    billing_anchor_date: '2026-01-01',
    auto_renew: true,
    ...stamps(ctx),
  });
  return id;
}

/** A draft, or an issued invoice (immutable but for its payment progress). */
export async function insertInvoice(
  ctx: Ctx,
  fields: { accountId: string; subscriptionId?: string | null; currency?: string; status?: 'draft' | 'issued' },
): Promise<string> {
  const id = newId('inv');
  const issued = fields.status === 'issued';
  await insertRow(ctx, 'invoices', {
    id,
    account_id: fields.accountId,
    subscription_id: fields.subscriptionId ?? null,
    number: issued ? `INV-${id.slice(-8)}` : null,
    status: fields.status ?? 'draft',
    currency: fields.currency ?? 'EUR',
    issue_date: issued ? '2026-01-10' : null,
    subtotal_minor: 1000n,
    discount_minor: 0n,
    tax_minor: 0n,
    total_minor: 1000n,
    amount_paid_minor: 0n,
    amount_due_minor: 1000n,
    issued_at: issued ? new Date(ctx.clock.now().epochMilliseconds) : null,
    ...stamps(ctx),
  });
  return id;
}

/** An open lead (status and stage 'new'), or a disqualified one. */
export async function insertLead(ctx: Ctx, fields: { email?: string | null; ownerUserId?: string | null; disqualified?: boolean }): Promise<string> {
  const id = newId('lead');
  const stage = fields.disqualified === true ? 'disqualified' : 'new';
  await insertRow(ctx, 'leads', {
    id,
    company: 'Lead Co',
    email: fields.email ?? null,
    owner_user_id: fields.ownerUserId ?? null,
    status: stage,
    stage,
    disqualified_at: stage === 'disqualified' ? new Date(ctx.clock.now().epochMilliseconds) : null,
    ...stamps(ctx),
  });
  return id;
}

/** Where each row linked to an account points now: the snapshot unmerge must restore exactly. */
export async function linkSnapshot(ctx: Ctx): Promise<Record<string, string | null>> {
  const result = await sql<{ key: string; account_id: string | null }>`
    select 'opportunities:' || id as key, account_id from opportunities
    union all select 'contacts:' || id, account_id from contacts
    union all select 'support_tickets:' || id, account_id from support_tickets
    union all select 'accounts.parent:' || id, parent_account_id from accounts
    union all select 'usage:' || account_id || ':' || usage_date || ':' || feature_key, account_id from product_usage_daily
    union all select 'invoices:' || id, account_id from invoices
    union all select 'subscriptions:' || id, account_id from subscriptions
    order by 1`.execute(ctx.db);
  return Object.fromEntries(result.rows.map((row) => [row.key, row.account_id]));
}
