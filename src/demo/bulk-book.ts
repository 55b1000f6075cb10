import { sql, type Kysely } from 'kysely';
import type { SharedTables } from '../shared/db/tables.ts';
import { demoBillingAddress } from './addresses.ts';
import { INDUSTRIES, NAME_STEMS, NAME_TRADES, PRODUCTS, REGIONS, type ProductKey } from './company.ts';

export type BulkBookOptions = {
  customers: number;
  seed: number;
  /** The first month of the history (a 1st) and how many months it spans. */
  startDate: string;
  months: number;
  /** Owners by region key: the reps made by createDemoPeople. */
  repIdsByRegion: Record<string, readonly string[]>;
  createdAt: Date;
};

export type BulkBookCounts = { accounts: number; subscriptions: number; itemVersions: number };

/** Uniform in [0, 1) from 28 bits of md5(key, purpose, seed) — `seed` is a column of the row: the same in PGlite and PostgreSQL, and independent across purposes. */
const u = (key: string, salt: number) => sql.raw(`(('x' || substr(md5(${key}::text || ':${salt}:' || seed), 1, 7))::bit(28)::int / 268435456.0)`);
const pickText = (values: readonly string[], uniform: ReturnType<typeof u>) =>
  sql`(${sql.val(values)}::text[])[1 + floor(${uniform} * ${values.length})::int]`;

function priceMinor(key: ProductKey, currency: 'EUR' | 'USD' | 'GBP'): number {
  const product = PRODUCTS.find((p) => p.key === key);
  const [units = '0', cents = '0'] = (product?.prices[currency] ?? '0').split('.');
  // The demo prices are decimal text with two places (EUR, USD, GBP all have exponent 2).
  return Number(units) * 100 + Number(cents.padEnd(2, '0').slice(0, 2));
}

const slugOf = (text: string) => text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9-]/g, '');

/**
 * `revline demo --bulk`: the demo's customer shapes written straight into the tables with
 * set-based SQL, for benchmark scale (100,000 customers). It does NOT go through the flows: no
 * leads, quotes, orders, invoices, payments or ledger entries — accounts (named, owned, segmented
 * like the flows' customers), one subscription each (88 % annual seats, the rest monthly, a term
 * of 12 months renewed while the customer stays, 25 % churning after 1–3 terms) and its item
 * versions (seat counts re-versioned every 2–5 months, a Predictive Insights add-on for 35 %,
 * onboarding as a one-time item). Deterministic by seed: the same seed writes the same rows, ids
 * included (`acct_0…<serial>`). One customer per row of a temporary table, so each attribute is
 * drawn once; run it inside a transaction (the temporary tables are dropped at commit).
 */
export async function insertBulkBook(db: Kysely<SharedTables>, options: BulkBookOptions): Promise<BulkBookCounts> {
  await createBulkCustomers(db, options);
  const accounts = await insertAccounts(db, options.createdAt);
  const subscriptions = await insertSubscriptions(db, options.createdAt);
  const itemVersions = await insertItemVersions(db, options);
  return { accounts, subscriptions, itemVersions };
}

/** Per customer: region, names, segment, plan, start month, term ends and churn, as month numbers from the history's start. */
async function createBulkCustomers(db: Kysely<SharedTables>, options: BulkBookOptions): Promise<void> {
  const regionOf = (uniform: ReturnType<typeof u>) => {
    let cumulative = 0;
    const whens = REGIONS.map((region) => {
      cumulative += region.weight;
      return sql`when ${uniform} * 100 < ${cumulative} then ${region.key}`;
    });
    return sql`case ${sql.join(whens, sql` `)} else ${REGIONS[REGIONS.length - 1]?.key ?? 'dach'} end`;
  };
  const byRegion = (pick: (region: (typeof REGIONS)[number]) => ReturnType<typeof sql>) =>
    sql`case region ${sql.join(REGIONS.map((region) => sql`when ${region.key} then ${pick(region)}`), sql` `)} end`;
  const countryOf = (region: (typeof REGIONS)[number]) => {
    const total = region.countries.reduce((sum, [, weight]) => sum + weight, 0);
    let cumulative = 0;
    const whens = region.countries.map(([country, weight]) => {
      cumulative += weight;
      return sql`when ${u('i', 2)} * ${total} < ${cumulative} then ${country}`;
    });
    return sql`case ${sql.join(whens, sql` `)} end`;
  };
  const repOf = (region: (typeof REGIONS)[number]) => pickText(options.repIdsByRegion[region.key] ?? [], u('i', 11));
  await sql`create temporary table bulk_settings on commit drop as
    select ${options.startDate}::date as first_day, ${options.months}::int as months`.execute(db);
  await sql`create temporary table bulk_customers on commit drop as
    with drawn as (
      select i, ${options.seed}::bigint as seed from generate_series(1, ${options.customers}::int) i
    ), base as (
      select i, seed, ${regionOf(u('i', 1))} as region,
        case when ${u('i', 3)} < 0.5 then 'SMB' when ${u('i', 3)} < 0.85 then 'Mid-Market' else 'Enterprise' end as segment,
        ${u('i', 4)} as seat_draw, ${u('i', 8)} < 0.88 as annual,
        least(${options.months - 1}::int, floor(power(${u('i', 9)}, 0.8) * ${options.months})::int) as start_month,
        ${u('i', 10)} < 0.25 as churns, floor(${u('i', 7)} * 3)::int as churn_draw,
        2 + floor(${u('i', 12)} * 4)::int as version_months,
        case when ${u('i', 13)} < 0.35 then 3 + floor(${u('i', 14)} * 12)::int end as insights_after_months,
        1 + floor(${u('i', 5)} * ${NAME_STEMS.length})::int as stem_index, 1 + floor(${u('i', 6)} * ${NAME_TRADES.length})::int as trade_index,
        ${pickText(INDUSTRIES, u('i', 15))} as industry
      from drawn
    )
    select i, seed, region, segment, annual, churns, start_month, version_months, insights_after_months, stem_index, trade_index, industry,
      ${byRegion((region) => sql`${region.currency}`)} as currency,
      ${byRegion(countryOf)} as country,
      ${byRegion(repOf)} as owner_user_id,
      ${byRegion((region) => pickText(region.suffixes, u('i', 16)))} as suffix,
      ${byRegion((region) => sql`${{ dach: 'de', italy: 'it', us: 'com', uk: 'co.uk' }[region.key]}`)} as tld,
      case segment when 'SMB' then 5 + floor(seat_draw * 21) when 'Mid-Market' then 20 + floor(seat_draw * 61) else 60 + floor(seat_draw * 191) end::int as seats,
      -- Term ends: a churner leaves after 1–3 annual terms (monthly plans after 3–24 months); the
      -- others renew, so their current term ends after the history (periods are half-open).
      case when churns then start_month + case when annual then 12 * (1 + churn_draw) else 3 + 7 * churn_draw + floor(${u('i', 17)} * 8)::int end
        else start_month + 12 * ((${options.months}::int - start_month) / 12 + 1) end as end_month
    from base`.execute(db);
}

/** Addresses per demo country (addresses.ts), a few to cycle through: the bulk book draws them in SQL, by customer number. */
const BULK_ADDRESSES = 24;
function bulkAddresses(): string {
  const countries = [...new Set(REGIONS.flatMap((region) => region.countries.map(([country]) => country)))];
  return JSON.stringify(Object.fromEntries(countries.map((country) => [country, Array.from({ length: BULK_ADDRESSES }, (_, k) => demoBillingAddress(country, k, 'bulk'))])));
}

async function insertAccounts(db: Kysely<SharedTables>, createdAt: Date): Promise<number> {
  const stems = NAME_STEMS.map(slugOf);
  const trades = NAME_TRADES.map(slugOf);
  const many = NAME_STEMS.length * NAME_TRADES.length;
  const result = await sql`insert into accounts (id, name, domain, segment, industry, country, employee_band, owner_user_id, currency, billing_address, custom_fields, created_at, updated_at)
    select 'acct_0' || lpad(i::text, 25, '0'),
      (${sql.val([...NAME_STEMS])}::text[])[stem_index] || ' ' || (${sql.val([...NAME_TRADES])}::text[])[trade_index] || ' ' || suffix || case when i > ${many}::int then ' ' || i else '' end,
      (${sql.val(stems)}::text[])[stem_index] || '-' || (${sql.val(trades)}::text[])[trade_index] || '-' || i || '.' || tld,
      segment, industry, country,
      case segment when 'SMB' then '11-50' when 'Mid-Market' then case when seats < 50 then '51-200' else '201-1000' end else '1001-5000' end,
      owner_user_id, currency, ${bulkAddresses()}::jsonb -> country ->> (i % ${BULK_ADDRESSES}::int), '{}'::jsonb, ${createdAt}, ${createdAt}
    from bulk_customers order by i`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

async function insertSubscriptions(db: Kysely<SharedTables>, createdAt: Date): Promise<number> {
  const result = await sql`insert into subscriptions (id, account_id, currency, status, plan_label, start_date, end_date, billing_mode, billing_anchor_date, auto_renew, created_at, updated_at)
    select 'sub_0' || lpad(i::text, 25, '0'), 'acct_0' || lpad(i::text, 25, '0'), currency,
      case when end_month <= months then 'ended' else 'active' end,
      case when annual then 'Nordlicht Platform (annual)' else 'Nordlicht Platform (monthly)' end,
      (first_day + make_interval(months => start_month))::date, (first_day + make_interval(months => end_month))::date,
      'anniversary', (first_day + make_interval(months => start_month))::date, not churns, ${createdAt}, ${createdAt}
    from bulk_customers, bulk_settings order by i`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/** Seat versions every `version_months` while the subscription runs; add-on versions yearly; one onboarding line. */
async function insertItemVersions(db: Kysely<SharedTables>, options: BulkBookOptions): Promise<number> {
  const price = (key: ProductKey) => sql`case currency ${sql.join((['EUR', 'USD', 'GBP'] as const).map((c) => sql`when ${c} then ${priceMinor(key, c)}::bigint`), sql` `)} end`;
  const sku = (key: ProductKey) => PRODUCTS.find((p) => p.key === key)?.sku ?? key;
  const nameOf = (key: ProductKey) => PRODUCTS.find((p) => p.key === key)?.name ?? key;
  const lastMonth = sql`least(end_month, months)`;
  const maxSeatVersions = Math.ceil(options.months / 2) + 1;
  const maxAddonVersions = Math.ceil(options.months / 12) + 1;
  const seats = await sql`insert into subscription_items (subscription_id, currency, item_key, description, kind, quantity, unit_price_minor, discount_bps, amount_minor,
      billing_interval_months, timing, effective_from_date, effective_to_date, created_at, updated_at)
    select sub_id, currency, case when annual then ${sku('seatAnnual')} else ${sku('seatMonthly')} end, case when annual then ${nameOf('seatAnnual')} else ${nameOf('seatMonthly')} end,
      'recurring', quantity, unit, 0, quantity * unit, case when annual then 12 else 1 end, 'in_advance',
      (first_day + make_interval(months => from_month))::date,
      case when from_month + version_months < ${lastMonth} then (first_day + make_interval(months => from_month + version_months))::date end, ${options.createdAt}, ${options.createdAt}
    from (
      select c.*, s.*, 'sub_0' || lpad(i::text, 25, '0') as sub_id, start_month + v * version_months as from_month,
        greatest(1, floor(seats * (0.85 + 0.3 * ${u("i || ':' || v", 18)}) * (1 + 0.06 * v)))::bigint as quantity,
        case when annual then ${price('seatAnnual')} else ${price('seatMonthly')} end as unit
      from bulk_customers c cross join bulk_settings s cross join generate_series(0, ${maxSeatVersions}::int) v
      where start_month + v * version_months < least(end_month, s.months)
    ) versions order by i, from_month`.execute(db);
  const addOns = await sql`insert into subscription_items (subscription_id, currency, item_key, description, kind, quantity, unit_price_minor, discount_bps, amount_minor,
      billing_interval_months, timing, effective_from_date, effective_to_date, created_at, updated_at)
    select 'sub_0' || lpad(i::text, 25, '0'), currency, ${sku('insights')}, ${nameOf('insights')}, 'recurring', quantity, unit, 0, quantity * unit, 12, 'in_advance',
      (first_day + make_interval(months => from_month))::date,
      case when from_month + 12 < ${lastMonth} then (first_day + make_interval(months => from_month + 12))::date end, ${options.createdAt}, ${options.createdAt}
    from (
      select c.*, s.*, start_month + insights_after_months + 12 * v as from_month, greatest(1, seats / 4 + v)::bigint as quantity, ${price('insights')} as unit
      from bulk_customers c cross join bulk_settings s cross join generate_series(0, ${maxAddonVersions}::int) v
      where insights_after_months is not null and start_month + insights_after_months + 12 * v < least(end_month, s.months)
    ) versions order by i, from_month`.execute(db);
  const onboarding = await sql`insert into subscription_items (subscription_id, currency, item_key, description, kind, quantity, unit_price_minor, discount_bps, amount_minor,
      billing_interval_months, timing, effective_from_date, effective_to_date, created_at, updated_at)
    select 'sub_0' || lpad(i::text, 25, '0'), currency, ${sku('onboarding')}, ${nameOf('onboarding')}, 'one_time', 1, ${price('onboarding')}, 0, ${price('onboarding')},
      null, 'in_advance', (first_day + make_interval(months => start_month))::date, null, ${options.createdAt}, ${options.createdAt}
    from bulk_customers, bulk_settings order by i`.execute(db);
  return [seats, addOns, onboarding].reduce((sum, result) => sum + Number(result.numAffectedRows ?? 0n), 0);
}
