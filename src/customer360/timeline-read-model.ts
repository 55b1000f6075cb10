import { sql, type RawBuilder } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import { isoInstant } from './read-model.ts';

export const TIMELINE_KINDS = ['activity', 'stage_change', 'quote', 'invoice', 'payment', 'promise', 'collection_note', 'ticket', 'campaign_touch'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export type TimelineRow = {
  kind: TimelineKind;
  id: string;
  /** ISO 8601 UTC with microseconds: the sort key, exact. */
  at: string;
  /** Kind-specific state: activity type, stage label, quote/invoice/payment/ticket/member status, promised date, note: 'contacted' or 'note'. */
  subtype: string | null;
  title: string | null;
  amount_minor: string | null;
  currency: string | null;
  /** The record the event links to: the opportunity of a stage change or quote, the campaign of a touch, the invoice of a promise or collection note. */
  ref_id: string | null;
};

export type TimelineKey = { at: string; kind: string; id: string };

/**
 * One SELECT per source, each with the same columns; `at` is the instant the thing happened
 * (an invoice without an issue instant counts from the start of its issue date, UTC).
 * Read-model rule as in read-model.ts; migrations: activities 0034, opportunity_stage_history 0042,
 * pipeline_stages 0040, quotes 0100, invoices 0051, payments 0052, payment_promises and collection_notes 0142, support_tickets 0043,
 * campaign_members 0033. A collection note's title is its body, cut at NOTE_TITLE_CHARS (the note itself holds up to 5,000).
 */
const NOTE_TITLE_CHARS = 500;

function sources(accountId: string, kinds: ReadonlySet<TimelineKind>): RawBuilder<unknown>[] {
  const all: Record<TimelineKind, RawBuilder<unknown>> = {
    activity: sql`select 'activity' as kind, a.id, coalesce(a.occurred_at, a.created_at) as at, a.type as subtype, a.subject as title,
        null::text as amount_minor, null::text as currency, a.opportunity_id as ref_id
      from activities a where a.account_id = ${accountId} and a.deleted_at is null`,
    stage_change: sql`select 'stage_change', h.id::text, h.entered_at, coalesce(s.label, h.stage_key), o.name, h.amount_minor::text, h.currency, o.id
      from opportunity_stage_history h join opportunities o on o.id = h.opportunity_id left join pipeline_stages s on s.key = h.stage_key
      where o.account_id = ${accountId} and o.deleted_at is null`,
    quote: sql`select 'quote', q.id, q.created_at, q.status, null::text, q.tcv_minor::text, q.currency, q.opportunity_id
      from quotes q where q.account_id = ${accountId} and q.deleted_at is null`,
    invoice: sql`select 'invoice', i.id, coalesce(i.issued_at, i.issue_date::timestamp at time zone 'UTC', i.created_at), i.status, i.number, i.total_minor::text, i.currency, null::text
      from invoices i where i.account_id = ${accountId} and i.status <> 'draft'`,
    payment: sql`select 'payment', p.id, p.received_at, p.status, p.reference, p.amount_minor::text, p.currency, null::text
      from payments p where p.account_id = ${accountId}`,
    promise: sql`select 'promise', pp.id, pp.created_at, pp.promised_date::text, pp.note, pp.amount_minor::text, pp.currency, pp.invoice_id
      from payment_promises pp where pp.account_id = ${accountId}`,
    collection_note: sql`select 'collection_note', n.id, n.created_at, case when n.contacted then 'contacted' else 'note' end, left(n.body, ${NOTE_TITLE_CHARS}),
        null::text, null::text, n.invoice_id
      from collection_notes n where n.account_id = ${accountId}`,
    ticket: sql`select 'ticket', t.id, t.opened_at, t.status, t.subject, null::text, null::text, null::text
      from support_tickets t where t.account_id = ${accountId} and t.deleted_at is null`,
    campaign_touch: sql`select 'campaign_touch', m.campaign_id || ':' || m.member_id, m.created_at, m.status, c.name, null::text, null::text, c.id
      from campaign_members m join campaigns c on c.id = m.campaign_id and c.deleted_at is null
      left join contacts ct on ct.id = m.contact_id left join leads l on l.id = m.lead_id
      where (ct.account_id = ${accountId} and ct.deleted_at is null) or (l.converted_account_id = ${accountId} and l.deleted_at is null)`,
  };
  return TIMELINE_KINDS.filter((kind) => kinds.has(kind)).map((kind) => all[kind]);
}

/** Most recent first; ties by kind, then id (descending), so the keyset cursor is exact. */
export async function findTimelineRows(ctx: Ctx, accountId: string, kinds: ReadonlySet<TimelineKind>, options: { limit: number; before: TimelineKey | null }): Promise<TimelineRow[]> {
  const parts = sources(accountId, kinds);
  if (parts.length === 0) return [];
  const before = options.before;
  const keyset = before === null
    ? sql`true`
    : sql`(e.at, e.kind, e.id) < (${before.at}::timestamptz, ${before.kind}, ${before.id})`;
  const query = sql<TimelineRow>`
    select e.kind, e.id, ${isoInstant(sql`e.at`)} as at, e.subtype, e.title, e.amount_minor, e.currency, e.ref_id
      from (${sql.join(parts, sql` union all `)}) as e
     where ${keyset}
     order by e.at desc, e.kind desc, e.id desc
     limit ${options.limit}`;
  return (await query.execute(ctx.db)).rows;
}
