/**
 * Customer 360 is a read model over crm, cpq, billing and payments: one account's records from
 * many tables, joined across domains (a campaign touch is a member row of a contact of the
 * account), which their public services — one table at a time, paginated — are not made for.
 * Same rule as src/metrics/read-model.ts: raw reads of only the columns named here, the owning
 * domain's migration is the source of truth, nothing here writes another domain's table, and the
 * business rules (dunning stage, credit, adoption, MRR, access) stay in the owning domain's services.
 * Amounts leave SQL as text and become bigint here; instants as ISO 8601 UTC text.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Ctx } from '../shared/context.ts';

/** An instant column as ISO 8601 UTC text with microseconds (exact, so it can be a keyset cursor). */
export function isoInstant(expression: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`to_char(${expression} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

async function rows<T>(ctx: Ctx, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(ctx.db)).rows;
}

export type OwnerNameRow = { display_name: string };

/** migrations/202611230001_create_platform_tables.ts (users) */
export async function findUserName(ctx: Ctx, userId: string): Promise<string | null> {
  const found = await rows(ctx, sql<OwnerNameRow>`select display_name from users where id = ${userId}`);
  return found[0]?.display_name ?? null;
}

export type CampaignTouchRow = {
  campaign_id: string; campaign_name: string; campaign_type: string; campaign_status: string; start_date: string | null; end_date: string | null;
  member_id: string; member_type: 'contact' | 'lead'; member_name: string | null; member_status: string; joined_at: string; responded_at: string | null;
};

/**
 * Campaign memberships of the account's contacts and of the leads converted into it, newest first
 * (migrations 202611230031/0033 campaigns, campaign_members; 0030 contacts; 0032 leads).
 */
export async function findCampaignTouches(ctx: Ctx, accountId: string, limit: number): Promise<CampaignTouchRow[]> {
  return rows(ctx, sql<CampaignTouchRow>`
    select c.id as campaign_id, c.name as campaign_name, c.type as campaign_type, c.status as campaign_status,
           c.start_date::text as start_date, c.end_date::text as end_date, m.member_id,
           case when m.contact_id is not null then 'contact' else 'lead' end as member_type,
           nullif(trim(concat_ws(' ', coalesce(ct.first_name, l.first_name), coalesce(ct.last_name, l.last_name))), '') as member_name,
           m.status as member_status, ${isoInstant(sql`m.created_at`)} as joined_at,
           case when m.first_responded_at is null then null else ${isoInstant(sql`m.first_responded_at`)} end as responded_at
      from campaign_members m
      join campaigns c on c.id = m.campaign_id and c.deleted_at is null
      left join contacts ct on ct.id = m.contact_id
      left join leads l on l.id = m.lead_id
     where (ct.account_id = ${accountId} and ct.deleted_at is null)
        or (l.converted_account_id = ${accountId} and l.deleted_at is null)
     order by m.created_at desc, m.member_id desc
     limit ${limit}`);
}

export type LeadRow = { id: string; name: string | null; company: string | null; email: string | null; status: string; stage: string; created_at: string; converted_at: string | null };

/** Leads converted into the account (migrations/202611230032_create_leads.ts), newest first. */
export async function findAccountLeads(ctx: Ctx, accountId: string, limit: number): Promise<LeadRow[]> {
  return rows(ctx, sql<LeadRow>`
    select id, nullif(trim(concat_ws(' ', first_name, last_name)), '') as name, company, email, status, stage,
           ${isoInstant(sql`created_at`)} as created_at,
           case when converted_at is null then null else ${isoInstant(sql`converted_at`)} end as converted_at
      from leads where converted_account_id = ${accountId} and deleted_at is null
     order by created_at desc, id desc limit ${limit}`);
}

export type InvoiceRow = {
  id: string; number: string | null; status: string; currency: string; issue_date: string | null; due_date: string | null;
  total_minor: string; amount_paid_minor: string; amount_due_minor: string;
};

/** Issued, paid and void invoices (drafts are not the customer's yet), newest first (migrations/202611230051). */
export async function findInvoices(ctx: Ctx, accountId: string, limit: number): Promise<InvoiceRow[]> {
  return rows(ctx, sql<InvoiceRow>`
    select id, number, status, currency, issue_date::text as issue_date, due_date::text as due_date,
           total_minor::text as total_minor, amount_paid_minor::text as amount_paid_minor, amount_due_minor::text as amount_due_minor
      from invoices where account_id = ${accountId} and status <> 'draft'
     order by issue_date desc nulls last, number desc nulls last, id desc limit ${limit}`);
}

export type BalanceRow = { currency: string; open_minor: string; overdue_minor: string; overdue_count: string };

/**
 * Open and overdue amounts per currency over all the account's invoices. Overdue is billing's
 * rule (findOverdueInvoices): issued, something due, due date before today.
 */
export async function sumBalances(ctx: Ctx, accountId: string, today: string): Promise<BalanceRow[]> {
  return rows(ctx, sql<BalanceRow>`
    select currency,
           sum(amount_due_minor)::text as open_minor,
           coalesce(sum(amount_due_minor) filter (where due_date < ${today}::date), 0)::text as overdue_minor,
           count(*) filter (where due_date < ${today}::date)::text as overdue_count
      from invoices where account_id = ${accountId} and status = 'issued' and amount_due_minor > 0
     group by currency order by currency`);
}

export type PaymentRow = { id: string; amount_minor: string; currency: string; received_at: string; method: string; reference: string | null; status: string };

/** Payments received from the account, newest first (migrations/202611230052_create_payments.ts). */
export async function findPayments(ctx: Ctx, accountId: string, limit: number): Promise<PaymentRow[]> {
  return rows(ctx, sql<PaymentRow>`
    select id, amount_minor::text as amount_minor, currency, ${isoInstant(sql`received_at`)} as received_at, method, reference, status
      from payments where account_id = ${accountId}
     order by received_at desc, id desc limit ${limit}`);
}

export type PromiseRow = { id: string; invoice_id: string | null; promised_date: string; amount_minor: string; currency: string; note: string | null; created_at: string };

/** Promises to pay of the account, latest promised date first (migrations/202611230142_create_dunning.ts). */
export async function findPromises(ctx: Ctx, accountId: string, limit: number): Promise<PromiseRow[]> {
  return rows(ctx, sql<PromiseRow>`
    select id, invoice_id, promised_date::text as promised_date, amount_minor::text as amount_minor, currency, note, ${isoInstant(sql`created_at`)} as created_at
      from payment_promises where account_id = ${accountId}
     order by promised_date desc, created_at desc, id desc limit ${limit}`);
}

export type TicketRow = {
  id: string; subject: string; status: string; priority: string; channel: string | null; opened_at: string; closed_at: string | null; csat: number | null;
};

/** Tickets of the account, newest first (migrations/202611230043_create_support_tickets.ts). */
export async function findTickets(ctx: Ctx, accountId: string, limit: number): Promise<TicketRow[]> {
  return rows(ctx, sql<TicketRow>`
    select id, subject, status, priority, channel, ${isoInstant(sql`opened_at`)} as opened_at,
           case when closed_at is null then null else ${isoInstant(sql`closed_at`)} end as closed_at, csat
      from support_tickets where account_id = ${accountId} and deleted_at is null
     order by opened_at desc, id desc limit ${limit}`);
}

export type TicketStatsRow = { ticket_count: string; open_count: string; csat_count: string; csat_sum: string };

export async function sumTicketStats(ctx: Ctx, accountId: string): Promise<TicketStatsRow> {
  const [row] = await rows(ctx, sql<TicketStatsRow>`
    select count(*)::text as ticket_count, count(*) filter (where status in ('open', 'pending'))::text as open_count,
           count(csat)::text as csat_count, coalesce(sum(csat), 0)::text as csat_sum
      from support_tickets where account_id = ${accountId} and deleted_at is null`);
  return row ?? { ticket_count: '0', open_count: '0', csat_count: '0', csat_sum: '0' };
}
