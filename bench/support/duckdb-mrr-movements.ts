/**
 * The MRR-movements report by segment written as one DuckDB query over the raw tables (see
 * duckdb-book.ts), the reference the issue asks Revline to beat. Same definitions as
 * docs/metrics.md, written independently of src/metrics:
 * - an item version's MRR is billing's itemMrrMinor (exact amount ÷ interval, or unit price ×
 *   quantity × (1 − discount) ÷ interval; rounded half-up), recurring items only;
 * - a subscription pays from the later of its start and its trial end until its end date, not
 *   during an open-ended trial nor during a pause;
 * - a month's MRR is the MRR on its last day, and [from, to) covers the last day of month m
 *   exactly when month(from) ≤ m < month(to);
 * - the unit is a customer in one currency; 0 → x is new unless the customer had MRR on any day up
 *   to the start snapshot (then reactivation), up expansion, down above 0 contraction, x → 0 churn.
 * The query works on change points, as a DuckDB user would write it for speed: each span adds +MRR
 * where its month ends begin and −MRR where they stop, a running sum per customer gives the MRR at
 * each change, and the series totals are running sums per month. Expanding every span into one
 * row per covered month end and full-joining consecutive months gives the same figures at several
 * times the cost (tried; ~5× the CPU at 100,000 customers): the reference should be a fair one.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { BRIDGE_FIELDS, type Bridge, type MovementRow } from '../../src/metrics/index.ts';

const monthOf = (column: string) => `(year(${column}) * 12 + month(${column}) - 1)`;
const OPEN_MONTH = 2_147_483_647;

/** $first: the snapshot before the first period (month number), $last: the last period's month. */
const MOVEMENTS_SQL = `
with customers as (
  -- One integer per (account, currency) and per (segment, currency) series: the heavy steps below group and join on integers.
  select *, (row_number() over ())::integer as customer, (dense_rank() over (order by segment, currency))::integer as series
  from (select distinct s.account_id, s.currency, a.segment from subscriptions s join accounts a on a.id = s.account_id)
),
paid as (
  select s.id as subscription_id, (row_number() over ())::integer as subscription, c.customer, c.series,
    greatest(s.start_date, coalesce(s.trial_end_date, s.start_date)) as from_date, s.end_date as to_date
  from subscriptions s join customers c on c.account_id = s.account_id and c.currency = s.currency
  where not (s.trial_end_date is null and s.status = 'trialing')
),
spans as (
  select p.subscription, p.customer, p.series,
    greatest(i.effective_from_date, p.from_date) as from_date,
    least(i.effective_to_date, p.to_date) as to_date,
    -- Half-up as (2n + d) div 2d on non-negative n; BIGINT arithmetic raises on overflow rather than wrap.
    case when i.amount_minor is not null
      then (2 * i.amount_minor + i.billing_interval_months) // (2 * i.billing_interval_months)
      else (2 * i.unit_price_minor * i.quantity * (10000 - i.discount_bps) + 10000 * i.billing_interval_months) // (20000 * i.billing_interval_months)
    end as mrr_minor
  from subscription_items i join paid p on p.subscription_id = i.subscription_id
  where i.kind = 'recurring' and i.billing_interval_months is not null
),
live as (
  select *, ${monthOf('from_date')} as from_month, coalesce(${monthOf('to_date')}, ${OPEN_MONTH}) as to_month
  from spans where mrr_minor > 0 and (to_date is null or from_date < to_date)
),
pauses as (
  select p.subscription, sp.start_date, sp.end_date, ${monthOf('sp.start_date')} as from_month, coalesce(${monthOf('sp.end_date')}, ${OPEN_MONTH}) as to_month
  from subscription_pauses sp join paid p on p.subscription_id = sp.subscription_id
),
-- A span adds its MRR to the month ends [from_month, to_month), history before the report to its
-- first snapshot; a pause takes it off the month ends it covers (a subscription's pauses never overlap).
deltas as (
  select customer, series, greatest(from_month, $first) as month, mrr_minor as delta from live where to_month > $first and from_month <= $last
  union all
  select customer, series, to_month, -mrr_minor from live where to_month > $first and to_month <= $last
  union all
  select l.customer, l.series, greatest(l.from_month, p.from_month, $first), -l.mrr_minor from live l join pauses p on p.subscription = l.subscription
  where greatest(l.from_month, p.from_month, $first) < least(l.to_month, p.to_month, $last + 1)
  union all
  select l.customer, l.series, least(l.to_month, p.to_month), l.mrr_minor from live l join pauses p on p.subscription = l.subscription
  where greatest(l.from_month, p.from_month, $first) < least(l.to_month, p.to_month) and least(l.to_month, p.to_month) <= $last
),
changes as (
  select customer, series, month, sum(delta)::bigint as delta from deltas group by all having sum(delta) <> 0
),
-- Each change month of a customer: MRR at the end of that month, and at the end of the month before.
steps as (
  select customer, series, month, delta,
    (sum(delta) over (partition by customer order by month rows between unbounded preceding and current row))::bigint as end_minor
  from changes
),
-- The first paid day of a span is its start or the end of a pause inside it, whichever is not paused itself.
first_days as (
  select subscription, customer, from_date as day from live
  union all
  select l.subscription, l.customer, p.end_date from live l join pauses p on p.subscription = l.subscription
  where p.end_date > l.from_date and (l.to_date is null or p.end_date < l.to_date)
),
first_paid as (
  select d.customer, min(${monthOf('d.day')}) as first_month
  from first_days d anti join pauses p on p.subscription = d.subscription and p.start_date <= d.day and (p.end_date is null or d.day < p.end_date)
  group by all
),
moves as (
  select s.series, s.month, s.delta, s.end_minor - s.delta as start_minor, s.end_minor,
    s.end_minor - s.delta = 0 and f.first_month <= s.month - 1 as returned
  from steps s join first_paid f on f.customer = s.customer
),
per_month as (
  select series, month, sum(delta)::bigint as delta,
    (count(*) filter (where start_minor = 0 and end_minor > 0) - count(*) filter (where start_minor > 0 and end_minor = 0))::bigint as customers_delta,
    sum(case when start_minor = 0 and not returned then end_minor else 0 end)::bigint as newMinor,
    sum(case when start_minor > 0 and end_minor > start_minor then end_minor - start_minor else 0 end)::bigint as expansionMinor,
    sum(case when end_minor > 0 and end_minor < start_minor then start_minor - end_minor else 0 end)::bigint as contractionMinor,
    sum(case when start_minor > 0 and end_minor = 0 then start_minor else 0 end)::bigint as churnMinor,
    sum(case when returned then end_minor else 0 end)::bigint as reactivationMinor,
    count(*) filter (where start_minor = 0 and end_minor > 0 and not returned) as customersNew,
    count(*) filter (where start_minor > 0 and end_minor = 0) as customersChurned,
    count(*) filter (where returned and end_minor > 0) as customersReactivated
  from moves
  group by all
),
-- Every series at every snapshot; totals are running sums of the changes.
grid as (
  select n.series, m.month, coalesce(pm.delta, 0) as delta, coalesce(pm.customers_delta, 0) as customers_delta,
    coalesce(pm.newMinor, 0) as newMinor, coalesce(pm.expansionMinor, 0) as expansionMinor, coalesce(pm.contractionMinor, 0) as contractionMinor,
    coalesce(pm.churnMinor, 0) as churnMinor, coalesce(pm.reactivationMinor, 0) as reactivationMinor,
    coalesce(pm.customersNew, 0) as customersNew, coalesce(pm.customersChurned, 0) as customersChurned, coalesce(pm.customersReactivated, 0) as customersReactivated
  from (select distinct series from customers) n cross join range($first, $last + 1) m(month)
  left join per_month pm on pm.series = n.series and pm.month = m.month
),
totals as (
  select *,
    (sum(delta) over (partition by series order by month rows between unbounded preceding and current row))::bigint as mrrEndMinor,
    (sum(customers_delta) over (partition by series order by month rows between unbounded preceding and current row))::bigint as customersEnd
  from grid
)
select t.month, names.segment, names.currency, t.mrrEndMinor - t.delta as mrrStartMinor, t.newMinor, t.expansionMinor, t.contractionMinor, t.churnMinor,
  t.reactivationMinor, t.mrrEndMinor, t.customersEnd - t.customers_delta as customersStart, t.customersNew, t.customersChurned, t.customersReactivated, t.customersEnd
from totals t join (select distinct series, segment, currency from customers) names on names.series = t.series
where t.month > $first
order by month, segment, currency`;

export type DuckDbMovementRow = { period: string; segment: string | null; currency: string } & Bridge;

/** The report for months [firstMonth, lastMonth] (month numbers: year × 12 + month − 1). */
export async function duckDbMovements(connection: DuckDBConnection, firstMonth: number, lastMonth: number): Promise<DuckDbMovementRow[]> {
  const reader = await connection.runAndReadAll(MOVEMENTS_SQL, { first: firstMonth - 1, last: lastMonth });
  return reader.getRowObjectsJS().map((row) => {
    const month = Number(row['month']);
    const bridge = Object.fromEntries(BRIDGE_FIELDS.map((field) => [field, Number(row[field])])) as Bridge;
    return { period: periodKey(month), segment: row['segment'] === null ? null : String(row['segment']), currency: String(row['currency']), ...bridge };
  });
}

function periodKey(month: number): string {
  return `${String(Math.floor(month / 12)).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`;
}

/**
 * The first (period, segment, currency) whose figures differ, or null when both reports agree on
 * every field of every series. A series one side leaves out counts as all zeros: DuckDB has no
 * row for a segment with no customers in a period.
 */
export function firstDifference(revline: readonly MovementRow[], duckdb: readonly DuckDbMovementRow[]): string | null {
  const key = (row: { period: string; segment?: string | null; currency: string }) => `${row.period}|${row.segment ?? ''}|${row.currency}`;
  const ours = new Map(revline.map((row) => [key(row), row]));
  const theirs = new Map(duckdb.map((row) => [key(row), row]));
  const keys = [...new Set([...ours.keys(), ...theirs.keys()])].sort();
  for (const k of keys) {
    const a = ours.get(k);
    const b = theirs.get(k);
    const fields = BRIDGE_FIELDS.filter((field) => (a?.[field] ?? 0) !== (b?.[field] ?? 0));
    if (fields.length > 0) {
      const [period, segment, currency] = k.split('|');
      const detail = fields.map((field) => `${field} Revline ${a?.[field] ?? 0} vs DuckDB ${b?.[field] ?? 0}`).join(', ');
      return `${period} (segment ${segment || '(none)'}, ${currency}): ${detail}`;
    }
  }
  return null;
}
