import { sql, type Kysely } from 'kysely';
import type { SharedTables } from '../../shared/db/tables.ts';
import { OPEN_MONTH } from '../month-numbers.ts';
import { createStoreBuilder, type MrrStore } from '../mrr-store.ts';

/**
 * A synthetic book of business for the bench: `customers` accounts with two subscriptions each
 * and five item versions per subscription (1,000,000 versions for 100,000 customers), starting
 * across 2019–2024, a version lasting 1–12 months, 30 % of subscriptions ended, 10 % in EUR,
 * four segments. The same shape is generated in memory and in SQL; both are deterministic.
 */
export const SUBSCRIPTIONS_PER_CUSTOMER = 2;
export const VERSIONS_PER_SUBSCRIPTION = 5;
const SEGMENTS = ['strategic', 'smb', 'mid', 'enterprise'];
const FIRST_MONTH = 2019 * 12;

/** Integer hash (a multiplicative one): enough variety for a bench, identical in JS and SQL. */
const hash = (n: number, salt: number) => (n * 7919 + salt * 104_729) % 9973;

type Shape = { startMonth: number; lengthMonths: number; ended: boolean; currency: string };
function shape(j: number): Shape {
  return { startMonth: FIRST_MONTH + (hash(j, 1) % 72), lengthMonths: 1 + (hash(j, 2) % 12), ended: hash(j, 3) % 10 < 3, currency: j % 10 === 0 ? 'EUR' : 'USD' };
}
const versionMrrMinor = (j: number, v: number) => (1 + ((j * 7 + v * 3) % 20)) * (1_000 + hash(j, 4));

export function syntheticStore(customers: number): MrrStore {
  const builder = createStoreBuilder();
  for (let i = 1; i <= customers; i += 1) {
    const account = builder.addAccount(`acct_b${i}`, { segment: SEGMENTS[i % 4] ?? null, country: null, industry: null });
    for (let s = 0; s < SUBSCRIPTIONS_PER_CUSTOMER; s += 1) {
      const j = (i - 1) * SUBSCRIPTIONS_PER_CUSTOMER + s + 1;
      const { startMonth, lengthMonths, ended, currency } = shape(j);
      const subscription = builder.addSubscription(`sub_b${j}`, account, currency, 'Pro');
      for (let v = 0; v < VERSIONS_PER_SUBSCRIPTION; v += 1) {
        const last = v === VERSIONS_PER_SUBSCRIPTION - 1;
        const toMonth = last && !ended ? OPEN_MONTH : startMonth + (v + 1) * lengthMonths;
        builder.addSpan(subscription, startMonth + v * lengthMonths, toMonth, versionMrrMinor(j, v));
      }
    }
  }
  return builder.finish('synthetic');
}

/** The same book written into the database with set-based SQL (minutes of service calls otherwise). */
export async function insertSyntheticBook(db: Kysely<SharedTables>, customers: number): Promise<void> {
  const subscriptions = customers * SUBSCRIPTIONS_PER_CUSTOMER;
  const h = (column: string, salt: number) => sql.raw(`((${column} * 7919 + ${salt} * 104729) % 9973)`);
  const start = sql`(date '2019-01-01' + make_interval(months => (${h('j', 1)} % 72)::int))::date`;
  const length = sql`(1 + ${h('j', 2)} % 12)::int`;
  await sql`insert into accounts (id, name, segment, currency, created_at, updated_at)
    select 'acct_b' || i, 'Bench ' || i, (array['strategic','smb','mid','enterprise'])[1 + i % 4], 'USD', now(), now()
    from generate_series(1, ${customers}::int) i`.execute(db);
  await sql`insert into subscriptions (id, account_id, currency, status, plan_label, start_date, end_date, billing_mode, billing_anchor_date, auto_renew, created_at, updated_at)
    select 'sub_b' || j, 'acct_b' || ((j - 1) / ${SUBSCRIPTIONS_PER_CUSTOMER}::int + 1), case when j % 10 = 0 then 'EUR' else 'USD' end,
      case when ${h('j', 3)} % 10 < 3 then 'ended' else 'active' end, 'Pro', ${start},
      case when ${h('j', 3)} % 10 < 3 then (${start} + make_interval(months => ${VERSIONS_PER_SUBSCRIPTION}::int * ${length}))::date end,
      'anniversary', ${start}, true, now(), now()
    from generate_series(1, ${subscriptions}::int) j`.execute(db);
  await sql`insert into subscription_items (subscription_id, currency, item_key, kind, quantity, unit_price_minor, discount_bps, billing_interval_months, timing,
      effective_from_date, effective_to_date, created_at, updated_at)
    select 'sub_b' || j, case when j % 10 = 0 then 'EUR' else 'USD' end, 'seat', 'recurring', 1 + (j * 7 + v * 3) % 20, 1000 + ${h('j', 4)}, 0, 1, 'in_advance',
      (${start} + make_interval(months => v * ${length}))::date,
      case when v < ${VERSIONS_PER_SUBSCRIPTION - 1}::int then (${start} + make_interval(months => (v + 1) * ${length}))::date end,
      now(), now()
    from generate_series(1, ${subscriptions}::int) j cross join generate_series(0, ${VERSIONS_PER_SUBSCRIPTION - 1}::int) v`.execute(db);
}
