import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { SYSTEM_ACTOR } from '../shared/access.ts';
import { recordAudit } from '../shared/audit.ts';
import { createFakeClock } from '../shared/clock.ts';
import { inTransaction, type Ctx } from '../shared/context.ts';
import { insertBulkBook, type BulkBookCounts } from './bulk-book.ts';
import { importDemoPlanData } from './plan-data.ts';
import { createRandom } from './random.ts';
import { createDemoCatalog, createDemoPeople, createDemoRules, type DemoLogin } from './setup-company.ts';
import { createWorld } from './world.ts';

export type BulkDemoOptions = {
  seed: number;
  customers: number;
  months: number;
  /** The last day of the history (inclusive); default: today by the caller's clock. */
  lastDate?: string;
  passwords?: boolean;
};

export type BulkDemoSummary = {
  startDate: string;
  lastDate: string;
  counts: BulkBookCounts;
  logins: DemoLogin[];
  /** Subscriptions still running on the last day. */
  customersLive: number;
};

/**
 * `revline demo --bulk`: the same company set-up as the simulated demo (people, teams, catalog,
 * rules and plan data, through the services), then the customer book written directly with
 * set-based SQL (bulk-book.ts) — benchmark scale in seconds, at the price of no sales history,
 * invoices, payments or ledger. One audit entry records the bulk load (what, how many, which seed).
 */
export async function generateBulkDemo(base: Ctx, options: BulkDemoOptions): Promise<BulkDemoSummary> {
  const lastDate = Temporal.PlainDate.from(options.lastDate ?? base.clock.today().toString());
  const startDate = lastDate.with({ day: 1 }).subtract({ months: options.months - 1 });
  const clock = createFakeClock(Temporal.ZonedDateTime.from({ timeZone: 'UTC', year: startDate.year, month: startDate.month, day: 1, hour: 8 }).toInstant());
  const world = createWorld({ ...base, clock, actor: SYSTEM_ACTOR }, clock, createRandom(options.seed), startDate, lastDate.add({ days: 1 }));
  const logins = await createDemoPeople(world, { passwords: options.passwords ?? true });
  await createDemoCatalog(world);
  await createDemoRules(world);
  const repIdsByRegion = Object.fromEntries([...world.actors.reps].map(([region, reps]) => [region, reps.map((rep) => rep.id)]));
  const counts = await inTransaction(world.ctx, async (tx) => {
    const written = await insertBulkBook(tx.db, {
      customers: options.customers, seed: options.seed, startDate: startDate.toString(), months: options.months, repIdsByRegion,
      createdAt: new Date(clock.now().epochMilliseconds),
    });
    await recordAudit(tx, { action: 'demo.bulk_load', entityType: 'demo', entityId: 'bulk', before: null, after: { ...written, seed: options.seed, months: options.months } });
    return written;
  });
  await importDemoPlanData(world);
  const live = await sql<{ count: string }>`select count(*)::text as count from subscriptions where status = 'active' and (end_date is null or end_date > ${lastDate.toString()}::date)`.execute(world.ctx.db);
  return { startDate: startDate.toString(), lastDate: lastDate.toString(), counts, logins, customersLive: Number(live.rows[0]?.count ?? 0) };
}
