import { Temporal } from 'temporal-polyfill';
import { SYSTEM_ACTOR, type Actor } from '../shared/access.ts';
import type { FakeClock } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import type { ProductKey, Region } from './company.ts';
import type { Random } from './random.ts';

/** How a customer pays its invoices (drives late payments, partial payments, dunning and write-offs). */
export type PayerProfile = 'prompt' | 'late' | 'partial' | 'never';

export type Customer = {
  /** Creation order: a stable sort key (ids carry randomness). */
  serial: number;
  accountId: string;
  name: string;
  region: Region;
  country: string;
  repActor: Actor;
  payer: PayerProfile;
  /** The live subscription, its term end (exclusive) and what it holds. */
  subscriptionId: string | null;
  startDate: string | null;
  endDate: string | null;
  plan: 'seatAnnual' | 'seatMonthly';
  seats: number;
  insightsSeats: number;
  status: 'prospect' | 'active' | 'churned';
  churnedOn: string | null;
  renewalPlanned: boolean;
};

export type Task = { phase: number; label: string; run: () => Promise<void> };

export type DemoCounts = {
  leads: number; opportunities: number; quotes: number; quotesNeedingApproval: number; quotesRejected: number; validationOverrides: number; quotesAccepted: number;
  opportunitiesLost: number; newCustomers: number; renewals: number; expansions: number; seatChanges: number; cancellations: number;
  churnedAtTermEnd: number; reactivations: number; billingRuns: number; invoicesIssued: number; payments: number; writeOffs: number;
  dunningNotices: number; tickets: number; usageRows: number;
};

export type World = {
  /** While the agenda runs, the transaction of the current run of tasks (runAgenda): read it when a task runs, never keep it for a later one. */
  ctx: Ctx;
  clock: FakeClock;
  random: Random;
  startDate: Temporal.PlainDate;
  /** Exclusive: the simulation stops before this day. */
  endDate: Temporal.PlainDate;
  actors: { revops: Actor; finance: Actor; success: Actor; managers: Map<string, Actor>; reps: Map<string, Actor[]> };
  catalog: { priceBookIds: Record<string, string>; productIds: Record<ProductKey, string>; skus: Record<ProductKey, string> };
  campaigns: Array<{ id: string; startDate: string; endDate: string }>;
  customers: Map<string, Customer>;
  counts: DemoCounts;
  /** Tasks by ISO day; run in phase order within a day. */
  agenda: Map<string, Task[]>;
  /** Invoices already given a payment plan. */
  invoicesSeen: Set<string>;
  usage: Array<{ accountId: string; usageDate: string; featureKey: string; count: number }>;
  seatSnapshots: Map<string, Array<{ asOfDate: string; licensedSeats: number; activeUsers: number }>>;
  profile: Map<string, { count: number; ms: number; statements: number }>;
};

/** A world before set-up: no people, catalog or customers yet (the system actor stands in until createDemoPeople). */
export function createWorld(ctx: Ctx, clock: FakeClock, random: Random, startDate: Temporal.PlainDate, endDate: Temporal.PlainDate): World {
  return {
    ctx, clock, random, startDate, endDate,
    actors: { revops: SYSTEM_ACTOR, finance: SYSTEM_ACTOR, success: SYSTEM_ACTOR, managers: new Map(), reps: new Map() },
    catalog: { priceBookIds: {}, productIds: { seatAnnual: '', seatMonthly: '', insights: '', onboarding: '' }, skus: { seatAnnual: '', seatMonthly: '', insights: '', onboarding: '' } },
    campaigns: [], customers: new Map(), profile: new Map(), counts: emptyCounts(), agenda: new Map(), invoicesSeen: new Set(), usage: [], seatSnapshots: new Map(),
  };
}

export function emptyCounts(): DemoCounts {
  return {
    leads: 0, opportunities: 0, quotes: 0, quotesNeedingApproval: 0, quotesRejected: 0, validationOverrides: 0, quotesAccepted: 0, opportunitiesLost: 0, newCustomers: 0,
    renewals: 0, expansions: 0, seatChanges: 0, cancellations: 0, churnedAtTermEnd: 0, reactivations: 0, billingRuns: 0, invoicesIssued: 0,
    payments: 0, writeOffs: 0, dunningNotices: 0, tickets: 0, usageRows: 0,
  };
}

/** Phases within a day: business first, then the month-end jobs that see the day's business. */
export const PHASE = { plan: 0, business: 1, billing: 5, collect: 6, dunning: 7 } as const;

/** Puts `run` on the agenda of `date` (a day before the simulation's current day runs today: never in the past). */
export function schedule(world: World, date: Temporal.PlainDate | string, phase: number, label: string, run: () => Promise<void>): void {
  const day = typeof date === 'string' ? Temporal.PlainDate.from(date) : date;
  if (Temporal.PlainDate.compare(day, world.endDate) >= 0) return;
  const today = world.clock.today();
  const key = (Temporal.PlainDate.compare(day, today) < 0 ? today : day).toString();
  const tasks = world.agenda.get(key) ?? [];
  tasks.push({ phase, label, run });
  world.agenda.set(key, tasks);
}

export function today(world: World): Temporal.PlainDate {
  return world.clock.today();
}

/** The first day of the month after `date` (contracts start on the 1st: one billing day a month). */
export function nextFirstOfMonth(date: Temporal.PlainDate): Temporal.PlainDate {
  return date.with({ day: 1 }).add({ months: 1 });
}
