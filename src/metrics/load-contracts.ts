import { chargeKey, type BillingSubject } from '../billing/index.ts';
import type { Ctx } from '../shared/context.ts';
import { sql, type Expression } from 'kysely';
import { tableAsOf } from './as-of-tables.ts';
import { financeDb } from './finance-read-model.ts';
import { addDaysToDate } from './month-numbers.ts';
import type { AccountAttributes } from './record-groups.ts';

/** A subscription billed by Revline, as the billing engine values it, with what was billed per charge and when. */
export type Contract = AccountAttributes & {
  subject: BillingSubject;
  accountId: string;
  createdDate: string;
  /** Per charge key (item version × billing period), the issued lines: amount and issue date. */
  billed: Array<{ key: string; amountMinor: bigint; issueDate: string }>;
};

/**
 * Subscriptions created on or before `toDate` that Revline bills: imported ones keep billing in
 * their source system (docs/billing.md "Known limits"), so what of their contract is billed is
 * unknown here and they are left out. Usage items are left out too: their amount is not
 * contracted. Billed = lines of issued invoices (voided ones included: a void waives the charge)
 * and of adjustment credit notes; void credit notes only mirror the voided invoice.
 *
 * With asOf (docs/metrics.md "As of"): subscriptions, item versions, pauses and accounts as they
 * stood then (`<table>_as_of`), and only the documents issued (or imported) by then, as billings.
 */
export async function loadContracts(ctx: Ctx, toDate: string, asOf: Date | null = null): Promise<Contract[]> {
  const db = financeDb(ctx);
  const endOfDay = new Date(`${addDaysToDate(toDate, 1)}T00:00:00Z`);
  const subscriptions = await db.selectFrom(tableAsOf('subscriptions', asOf).as('s')).innerJoin(tableAsOf('accounts', asOf).as('a'), 'a.id', 's.account_id')
    .select(['s.id', 's.account_id', 's.currency', 's.status', 's.start_date', 's.trial_end_date', 's.end_date', 's.billing_anchor_date', 's.created_at', 'a.segment', 'a.country', 'a.industry'])
    .where('s.source_system', 'is', null).where('s.created_at', '<', endOfDay).orderBy('s.id').execute();
  if (subscriptions.length === 0) return [];
  // The same subscriptions as a subquery rather than a list of ids: one parameter instead of one per subscription.
  const ids = db.selectFrom(tableAsOf('subscriptions', asOf).as('s')).select('s.id').where('s.source_system', 'is', null).where('s.created_at', '<', endOfDay);
  const items = await db.selectFrom(tableAsOf('subscription_items', asOf).as('i')).selectAll().where('i.subscription_id', 'in', ids).where('i.kind', '<>', 'usage').orderBy('i.id').execute();
  const pauses = await db.selectFrom(tableAsOf('subscription_pauses', asOf).as('p')).select(['p.subscription_id', 'p.start_date', 'p.end_date']).where('subscription_id', 'in', ids).execute();
  const billedRows = await loadBilledLines(ctx, ids, toDate, asOf);
  const contracted = new Set(items.map((item) => String(item.id)));
  const itemsOf = groupBy(items, (item) => item.subscription_id);
  const pausesOf = groupBy(pauses, (pause) => pause.subscription_id);
  const billedOf = new Map(billedRows.map((row) => [row.subscription_id, unpackLines(row.lines).filter((line) => contracted.has(line.itemId))]));
  return subscriptions.map((s): Contract => ({
    accountId: s.account_id, createdDate: s.created_at.toISOString().slice(0, 10), segment: s.segment, country: s.country, industry: s.industry,
    subject: {
      id: s.id, currency: s.currency, status: s.status, startDate: s.start_date, endDate: s.end_date, trialEndDate: s.trial_end_date, billingAnchorDate: s.billing_anchor_date,
      pauses: (pausesOf.get(s.id) ?? []).map((p) => ({ startDate: p.start_date, endDate: p.end_date })),
      itemVersions: (itemsOf.get(s.id) ?? []).map((item) => ({
        id: String(item.id), itemKey: item.item_key, description: item.description, kind: item.kind, quantity: item.quantity, unitPriceMinor: item.unit_price_minor,
        unitPriceDecimal: item.unit_price_decimal, discountBps: item.discount_bps, amountMinor: item.amount_minor, billingIntervalMonths: item.billing_interval_months, timing: item.timing,
        effectiveFromDate: item.effective_from_date, effectiveToDate: item.effective_to_date,
      })),
    },
    billed: (billedOf.get(s.id) ?? []).map((line) => ({ key: chargeKey(line.itemId, line.periodStart), amountMinor: line.amountMinor, issueDate: line.issueDate })),
  }));
}

/**
 * The issued lines of the subscriptions' items: invoice lines of issued invoices (voided ones
 * included: a void waives the charge) and lines of adjustment credit notes, issued by the date (and,
 * with asOf, issued or imported by then). One statement, one row per subscription with its lines
 * packed in one text value ("item period-start|once amount issue-date", comma-separated): a row
 * per line costs more to fetch than the line is worth in PGlite (issue #7).
 */
async function loadBilledLines(ctx: Ctx, ids: Expression<unknown>, toDate: string, asOf: Date | null): Promise<Array<{ subscription_id: string; lines: string }>> {
  const recordedBy = (alias: string) => (asOf === null ? sql`true` : sql`greatest(${sql.ref(`${alias}.issued_at`)}, ${sql.ref(`${alias}.created_at`)}) <= ${asOf}`);
  const result = await sql<{ subscription_id: string; lines: string }>`
    select b.subscription_id, string_agg(b.line, ',') as lines from (
      select i.subscription_id, concat_ws(' ', l.subscription_item_id, coalesce(to_char(l.billing_period_start_date, 'YYYY-MM-DD'), 'once'), l.amount_minor, to_char(i.issue_date, 'YYYY-MM-DD')) as line
      from invoice_lines l join invoices i on i.id = l.invoice_id
      where i.subscription_id in (${ids}) and i.status <> 'draft' and i.issue_date <= ${toDate} and l.subscription_item_id is not null and ${recordedBy('i')}
      union all
      select c.subscription_id, concat_ws(' ', l.subscription_item_id, coalesce(to_char(l.billing_period_start_date, 'YYYY-MM-DD'), 'once'), l.amount_minor, to_char(c.issue_date, 'YYYY-MM-DD'))
      from credit_note_lines l join credit_notes c on c.id = l.credit_note_id
      where c.subscription_id in (${ids}) and c.kind = 'adjustment' and c.issue_date <= ${toDate} and l.subscription_item_id is not null and ${recordedBy('c')}
    ) b group by b.subscription_id`.execute(financeDb(ctx));
  return result.rows;
}

type BilledLine = { itemId: string; periodStart: string | null; amountMinor: bigint; issueDate: string };

function unpackLines(packed: string): BilledLine[] {
  return packed.split(',').map((text) => {
    const [itemId = '', periodStart = 'once', amount = '0', issueDate = ''] = text.split(' ');
    return { itemId, periodStart: periodStart === 'once' ? null : periodStart, amountMinor: BigInt(amount), issueDate };
  });
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
