import type { ControlledTransaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { SYSTEM_ACTOR } from '../shared/access.ts';
import { createFakeClock } from '../shared/clock.ts';
import { flushAuditEntries } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import type { SharedTables } from '../shared/db/tables.ts';
import { drainEvents } from './drain-events.ts';
import { planMonthEnd } from './finance-flow.ts';
import { planCustomerMonth } from './lifecycle.ts';
import { importDemoPlanData } from './plan-data.ts';
import { createRandom } from './random.ts';
import { startLeadJourney } from './sales-flow.ts';
import { createDemoCatalog, createDemoPeople, createDemoRules, createQuarterCampaigns, type DemoLogin } from './setup-company.ts';
import { flushSeatSnapshots, flushUsage, planSuccessMonth } from './success-flow.ts';
import { createWorld, PHASE, schedule, type DemoCounts, type Task, type World } from './world.ts';

export type DemoOptions = {
  seed: number;
  /** New-logo customers to win over the simulated history. */
  customers: number;
  months: number;
  /** The last simulated day (inclusive); default: today by the caller's clock. */
  lastDate?: string;
  /** Give the sign-in users the demo password (argon2 hashing: ~0.1 s each). */
  passwords?: boolean;
  onMonth?: (progress: { month: number; months: number; date: string }) => void;
  /** For the bench: SQL statements issued so far (a counter the caller keeps), to profile statements per task. */
  statementCount?: () => number;
};

export type DemoSummary = {
  startDate: string;
  lastDate: string;
  counts: DemoCounts;
  logins: DemoLogin[];
  customersLive: number;
  /** Time spent per kind of task, for tuning the default size. */
  profile: Array<{ task: string; count: number; ms: number; statements: number }>;
};

/**
 * Generates the Nordlicht Analytics history by driving the real services on a fake clock, day by
 * day: every record is made the way a user or the order-to-cash chain would make it. The caller's
 * ctx gives the database (empty, migrated) and, through its clock, today.
 */
export async function generateDemo(base: Ctx, options: DemoOptions): Promise<DemoSummary> {
  const lastDate = Temporal.PlainDate.from(options.lastDate ?? base.clock.today().toString());
  const startDate = lastDate.with({ day: 1 }).subtract({ months: options.months - 1 });
  const clock = createFakeClock(Temporal.ZonedDateTime.from({ timeZone: 'UTC', year: startDate.year, month: startDate.month, day: 1, hour: 8 }).toInstant());
  const world = createWorld({ ...base, clock, actor: SYSTEM_ACTOR }, clock, createRandom(options.seed), startDate, lastDate.add({ days: 1 }));
  const ctx = world.ctx;
  const logins = await createDemoPeople(world, { passwords: options.passwords ?? true });
  await createDemoCatalog(world);
  await createDemoRules(world);
  planMonths(world, options);
  await runAgenda(world, options, base.clock.now());
  await flushUsage(world);
  await flushSeatSnapshots(world);
  await importDemoPlanData(world);
  await drainEvents(ctx);
  const customersLive = [...world.customers.values()].filter((c) => c.status === 'active').length;
  const profile = [...world.profile].map(([task, spent]) => ({ task, count: spent.count, ms: Math.round(spent.ms), statements: spent.statements })).sort((a, b) => b.ms - a.ms);
  return { startDate: startDate.toString(), lastDate: lastDate.toString(), counts: world.counts, logins, customersLive, profile };
}

/** New logos per month grow over time; leads for them start a month or two before they close. */
function planMonths(world: World, options: DemoOptions): void {
  const leadMonths = Math.max(1, options.months - 1);
  const weights = Array.from({ length: leadMonths }, (_, m) => 10 + Math.round((20 * m) / leadMonths));
  const wins = spread(options.customers, weights);
  for (let m = 0; m < options.months; m += 1) {
    const monthStart = world.startDate.add({ months: m });
    schedule(world, monthStart, PHASE.plan, 'plan-month', async () => {
      if (m === 0 || monthStart.month % 3 === 1) await createQuarterCampaigns(world, monthStart);
      const daysInMonth = monthStart.daysInMonth;
      const winCount = wins[m] ?? 0;
      const day = () => monthStart.add({ days: world.random.int(0, daysInMonth - 1) });
      for (let i = 0; i < winCount; i += 1) startLeadJourney(world, day(), 'win');
      for (let i = 0; i < Math.round(winCount * 1.2); i += 1) startLeadJourney(world, day(), 'disqualified');
      for (let i = 0; i < Math.round(winCount * 0.5); i += 1) startLeadJourney(world, day(), 'lost');
      // The last quarter also starts deals that close after today: the pipeline a sales team has open.
      // (The last month wins nobody new, its deals close later: it starts as many as the month before.)
      const openDeals = m >= options.months - 3 ? Math.round((wins[Math.min(m, leadMonths - 1)] ?? 0) * 1.5) : 0;
      for (let i = 0; i < openDeals; i += 1) startLeadJourney(world, day(), 'open');
      for (const customer of world.customers.values()) {
        planCustomerMonth(world, customer, monthStart);
        planSuccessMonth(world, customer, monthStart);
      }
    });
    planMonthEnd(world, monthStart);
  }
}

/**
 * Tasks that commit on their own: they run the event dispatcher (drainEvents), which works outside
 * transactions on what has committed. (Submit, which may be refused by a validation rule and then
 * overridden, shares the run: the refusable call runs in a savepoint, see quote-flow.ts.)
 */
const OWN_TRANSACTION: ReadonlySet<string> = new Set(['order-to-cash', 'billing-run', 'write-off']);

type OpenRun = { trx: ControlledTransaction<SharedTables>; tx: TxCtx };

/**
 * Runs the agenda day by day, in phase order within a day; tasks may add tasks (same day or later).
 * Consecutive tasks share one transaction (the services join it; their audit entries are appended
 * together before it commits), across days, cut before each task that must commit on its own: one
 * commit and one audit append per run of tasks instead of one per service call.
 */
async function runAgenda(world: World, options: DemoOptions, realNow: Temporal.Instant): Promise<void> {
  const base = world.ctx;
  let open: OpenRun | null = null;
  const commit = async () => {
    if (!open) return;
    await flushAuditEntries(open.tx);
    await open.trx.commit().execute();
    open = null;
    world.ctx = base;
  };
  try {
    let month = -1;
    for (let day = world.startDate; Temporal.PlainDate.compare(day, world.endDate) < 0; day = day.add({ days: 1 })) {
      const key = day.toString();
      const tasks = world.agenda.get(key);
      if (!tasks) continue;
      world.clock.set(dayStart(day, realNow));
      if (day.day === 1) {
        month += 1;
        options.onMonth?.({ month, months: options.months, date: key });
      }
      while (tasks.length > 0) {
        const task = takeNextTask(tasks);
        if (OWN_TRANSACTION.has(task.label)) await commit();
        else if (!open) open = await openRun(world, base);
        await runTask(world, options, key, task);
      }
      world.agenda.delete(key);
    }
    await commit();
  } catch (error) {
    // Guard: a failed run leaves no transaction holding the connection (PGlite has one).
    const failed: OpenRun | null = open;
    world.ctx = base;
    if (failed) await failed.trx.rollback().execute().catch(() => undefined);
    throw error;
  }
}

async function openRun(world: World, base: Ctx): Promise<OpenRun> {
  const trx = await base.db.startTransaction().execute();
  const tx: TxCtx = { ...base, db: trx, pendingAudit: [] };
  world.ctx = tx;
  return { trx, tx };
}

/** The first task of the lowest phase (tasks of one phase run in the order they were scheduled). */
function nextTask(tasks: readonly Task[]): Task | undefined {
  let next = 0;
  for (let i = 1; i < tasks.length; i += 1) if ((tasks[i]?.phase ?? 0) < (tasks[next]?.phase ?? 0)) next = i;
  return tasks[next];
}

function takeNextTask(tasks: Task[]): Task {
  const task = nextTask(tasks);
  if (!task) throw new Error('no task left to take');
  tasks.splice(tasks.indexOf(task), 1);
  return task;
}

async function runTask(world: World, options: DemoOptions, key: string, task: Task): Promise<void> {
  const startedMs = performance.now();
  const startedStatements = options.statementCount?.() ?? 0;
  try {
    await task.run();
  } catch (error) {
    throw new Error(`demo: ${task.label} on ${key} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const spent = world.profile.get(task.label) ?? { count: 0, ms: 0, statements: 0 };
  const statements = (options.statementCount?.() ?? 0) - startedStatements;
  world.profile.set(task.label, { count: spent.count + 1, ms: spent.ms + performance.now() - startedMs, statements: spent.statements + statements });
  world.clock.advance({ seconds: 2 });
}

/** Splits a count by weights, largest remainder first (ties: the earlier month), like money.ts allocate. */
function spread(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  const order = weights.map((w, i) => ({ i, rest: (total * w) % sum })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  const remaining = total - parts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < remaining; k += 1) {
    const index = order[k % order.length]?.i ?? 0;
    parts[index] = (parts[index] ?? 0) + 1;
  }
  return parts;
}

/** Business starts at 08:00 UTC; on the last day (today) never later than an hour before the real now, so nothing is dated in the future. */
function dayStart(day: Temporal.PlainDate, realNow: Temporal.Instant): Temporal.Instant {
  const midnight = Temporal.ZonedDateTime.from({ timeZone: 'UTC', year: day.year, month: day.month, day: day.day });
  const eight = midnight.add({ hours: 8 }).toInstant();
  if (!realNow.toZonedDateTimeISO('UTC').toPlainDate().equals(day)) return eight;
  const early = realNow.subtract({ hours: 1 });
  if (Temporal.Instant.compare(early, eight) >= 0) return eight;
  return Temporal.Instant.compare(early, midnight.toInstant()) > 0 ? early : midnight.toInstant();
}
