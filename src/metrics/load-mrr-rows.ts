import { sql, type RawBuilder } from 'kysely';
import { tableAsOf } from './as-of-tables.ts';
import type { MetricsDb } from './read-model.ts';

/** A subscription with its account's breakdown attributes, as the MRR loader reads it. */
export type SubscriptionRow = {
  id: string; account_id: string; currency: string; status: 'trialing' | 'active' | 'paused' | 'canceled' | 'ended'; plan_label: string | null;
  start_date: string; trial_end_date: string | null; end_date: string | null; segment: string | null; country: string | null; industry: string | null;
  /** The subscription's and its account's row versions: what incremental refresh compares (refresh-mrr-store.ts). */
  version: number; account_version: number;
};
/** A recurring item version, as the MRR loader reads it. */
export type ItemRow = {
  id: bigint; subscription_id: string; quantity: bigint; unit_price_minor: bigint; amount_minor: bigint | null; discount_bps: number;
  billing_interval_months: number | null; effective_from_date: string; effective_to_date: string | null;
};

export type PageSizes = { subscriptions: number; items: number };
export const PAGE_SIZES: PageSizes = { subscriptions: 50_000, items: 250_000 };

/*
 * Why packed pages: a driver turns every result row into an object field by field; PGlite does it
 * in JavaScript at ~30 µs a row, so a million item versions took ~30 s of CPU. A page is instead
 * read as one text value — fields joined by chr(31), rows by chr(30), in key order — and split
 * here (~10× less CPU on PGlite, less on PostgreSQL too). Exact by construction: numbers and dates
 * are printed by SQL (to_char, so DateStyle does not matter), a NULL is an empty field, and a
 * nullable text is prefixed with '=' when present. A page whose text contains either separator
 * (nothing in practice; ids and labels are free text) is read again row by row.
 */
const FIELD = '\u001f';
const ROW = '\u001e';
type Packed = { packed: string | null; rows: number; unsafe: boolean | null };

const day = (column: string) => sql`coalesce(to_char(${sql.ref(column)}, 'YYYY-MM-DD'), '')`;
const num = (column: string) => sql`coalesce(${sql.ref(column)}::text, '')`;
const optionalText = (column: string) => sql`coalesce('=' || ${sql.ref(column)}, '')`;
const unsafeIn = (columns: string[]) => sql.join(columns.map((c) => sql`strpos(${sql.ref(c)}, chr(30)) > 0 or strpos(${sql.ref(c)}, chr(31)) > 0`), sql` or `);
const packedSelect = (fields: RawBuilder<unknown>[], key: string, textColumns: string[]) => [
  sql<string | null>`string_agg(concat_ws(chr(31), ${sql.join(fields)}), chr(30) order by ${sql.ref(key)})`.as('packed'),
  sql<number>`count(*)::int`.as('rows'),
  sql<boolean | null>`bool_or(${unsafeIn(textColumns)})`.as('unsafe'),
] as const;

const optional = (field: string): string | null => (field === '' ? null : field.slice(1));
const orNull = (field: string): string | null => (field === '' ? null : field);

function unpack(page: Packed, width: number): string[][] {
  if (page.packed === null) return [];
  const rows = page.packed.split(ROW).map((row) => row.split(FIELD));
  // Guard: a row cut wrong would shift fields into the wrong columns; the count and width must match exactly.
  if (rows.length !== page.rows || rows.some((row) => row.length !== width)) throw new Error(`packed page: expected ${page.rows} rows of ${width} fields`);
  return rows;
}

/** Which subscriptions to read: all (null), or only these ids (incremental refresh). */
export type OnlySubscriptions = string[] | null;
const onlyIn = (column: string, only: OnlySubscriptions) => (only === null ? sql<boolean>`true` : sql<boolean>`${sql.ref(column)} = any(${only}::text[])`);

/** Subscriptions (with their accounts) in id order, a page at a time; with asOf, as they stood then. */
export async function forEachSubscription(db: MetricsDb, asOf: Date | null, pageSize: number, onRow: (row: SubscriptionRow) => void, only: OnlySubscriptions = null): Promise<void> {
  let after = '';
  for (;;) {
    const page = db.selectFrom(tableAsOf('subscriptions', asOf).as('s')).innerJoin(tableAsOf('accounts', asOf).as('a'), 'a.id', 's.account_id')
      .select(['s.id', 's.account_id', 's.currency', 's.status', 's.plan_label', 's.start_date', 's.trial_end_date', 's.end_date', 'a.segment', 'a.country', 'a.industry',
        's.version', 'a.version as account_version'])
      .where('s.id', '>', after).where(onlyIn('s.id', only)).orderBy('s.id').limit(pageSize);
    const fields = [sql.ref('p.id'), sql.ref('p.account_id'), sql.ref('p.currency'), sql.ref('p.status'), optionalText('p.plan_label'), day('p.start_date'),
      day('p.trial_end_date'), day('p.end_date'), optionalText('p.segment'), optionalText('p.country'), optionalText('p.industry'), num('p.version'), num('p.account_version')];
    const packed = await db.selectFrom(page.as('p')).select(packedSelect(fields, 'p.id', ['p.id', 'p.account_id', 'p.plan_label', 'p.segment', 'p.country', 'p.industry'])).executeTakeFirstOrThrow();
    let rows: SubscriptionRow[];
    if (packed.unsafe === true) rows = await page.execute();
    else {
      rows = unpack(packed, 13).map(([id = '', account = '', currency = '', status = '', plan = '', start = '', trialEnd = '', end = '', segment = '', country = '', industry = '', version = '', accountVersion = '']) => ({
        id, account_id: account, currency, status: status as SubscriptionRow['status'], plan_label: optional(plan), start_date: start, trial_end_date: orNull(trialEnd),
        end_date: orNull(end), segment: optional(segment), country: optional(country), industry: optional(industry), version: Number(version), account_version: Number(accountVersion),
      }));
    }
    for (const row of rows) onRow(row);
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    after = last.id;
  }
}

/**
 * Recurring item versions in id order, a page at a time (only recurring items carry MRR: billing's
 * itemMrrMinor). Those of `only` in one page: with a LIMIT the planner may walk the id index through
 * every item version looking for them instead of using the subscription index.
 */
export async function forEachRecurringItem(db: MetricsDb, asOf: Date | null, pageSize: number, onRow: (row: ItemRow) => void, only: OnlySubscriptions = null): Promise<void> {
  let after = 0n;
  const paged = only === null;
  for (;;) {
    const page = db.selectFrom(tableAsOf('subscription_items', asOf).as('i'))
      .select(['i.id', 'i.subscription_id', 'i.quantity', 'i.unit_price_minor', 'i.amount_minor', 'i.discount_bps', 'i.billing_interval_months', 'i.effective_from_date', 'i.effective_to_date'])
      .where('i.kind', '=', 'recurring').where('i.id', '>', after).where(onlyIn('i.subscription_id', only)).orderBy('i.id').$if(paged, (query) => query.limit(pageSize));
    const fields = [num('p.id'), sql.ref('p.subscription_id'), num('p.quantity'), num('p.unit_price_minor'), num('p.amount_minor'), num('p.discount_bps'),
      num('p.billing_interval_months'), day('p.effective_from_date'), day('p.effective_to_date')];
    const packed = await db.selectFrom(page.as('p')).select(packedSelect(fields, 'p.id', ['p.subscription_id'])).executeTakeFirstOrThrow();
    let rows: ItemRow[];
    if (packed.unsafe === true) rows = await page.execute();
    else {
      rows = unpack(packed, 9).map(([id = '', subscription = '', quantity = '', unitPrice = '', amount = '', discount = '', interval = '', from = '', to = '']) => ({
        id: BigInt(id), subscription_id: subscription, quantity: BigInt(quantity), unit_price_minor: BigInt(unitPrice), amount_minor: amount === '' ? null : BigInt(amount),
        discount_bps: Number(discount), billing_interval_months: interval === '' ? null : Number(interval), effective_from_date: from, effective_to_date: orNull(to),
      }));
    }
    for (const row of rows) onRow(row);
    const last = rows[rows.length - 1];
    if (!last || !paged || rows.length < pageSize) return;
    after = last.id;
  }
}
