import pino from 'pino';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../shared/access.ts';
import { createFakeClock } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { REGIONS } from './company.ts';
import { planCustomerMonth } from './lifecycle.ts';
import type { Random } from './random.ts';
import { createWorld, type Customer, type World } from './world.ts';

/** A database that must not be reached: the task under test has to decide without it. */
const unreachableDb = new Proxy({}, {
  get(_target, property) {
    throw new Error(`the database was used (${String(property)})`);
  },
}) as Ctx['db'];

/** Rolls the given floats in order (then 0.99: nothing happens); int() takes its minimum. */
function scriptedRandom(rolls: number[]): Random {
  const next = () => rolls.shift() ?? 0.99;
  return { next, int: (min) => min, chance: (p) => next() < p, pick: (items) => items[0] as never, weighted: (entries) => entries[0]?.[0] as never };
}

function worldOn(date: string, rolls: number[]): World {
  const clock = createFakeClock(`${date}T08:00:00Z`);
  const ctx: Ctx = { db: unreachableDb, clock, actor: SYSTEM_ACTOR, log: pino({ level: 'silent' }), requestId: null };
  return createWorld(ctx, clock, scriptedRandom(rolls), Temporal.PlainDate.from('2024-01-01'), Temporal.PlainDate.from('2027-01-01'));
}

function customerInService(): Customer {
  const region = REGIONS[0];
  if (!region) throw new Error('no demo region');
  return {
    serial: 1, accountId: 'acct_1', name: 'Kunde GmbH', region, country: 'DE', repActor: SYSTEM_ACTOR, payer: 'prompt',
    subscriptionId: 'sub_first', startDate: '2025-10-01', endDate: '2026-10-01', plan: 'seatAnnual', seats: 10, insightsSeats: 0,
    status: 'active', churnedOn: null, renewalPlanned: false,
  };
}

async function runDay(world: World, day: string): Promise<string[]> {
  const tasks = world.agenda.get(day) ?? [];
  world.clock.set(`${day}T08:00:00Z`);
  for (const task of tasks) await task.run();
  return tasks.map((task) => task.label);
}

describe('planCustomerMonth', () => {
  // Regression (seed 2026, 60 customers): a cancel planned on the 1st ran after the customer had
  // accepted its renewal, and tried to cancel the renewal term (in service only from the old end date).
  it('drops a planned cancellation when a renewal accepted meanwhile replaced the subscription', async () => {
    const world = worldOn('2026-08-01', [0.062]);
    const customer = customerInService();
    planCustomerMonth(world, customer, Temporal.PlainDate.from('2026-08-01'));
    expect([...world.agenda.entries()].map(([day, tasks]) => [day, tasks.map((t) => t.label)])).toEqual([['2026-08-03', ['cancel']]]);
    // The renewal (accepted before the cancel's day) starts at the old term's end.
    Object.assign(customer, { subscriptionId: 'sub_renewal', startDate: '2026-10-01', endDate: '2027-10-01', renewalPlanned: false });
    await runDay(world, '2026-08-03');
    expect(world.counts.cancellations).toBe(0);
    expect(customer.status).toBe('active');
  });

  it('drops a planned seat change and expansion the same way', async () => {
    for (const roll of [0.01, 0.05]) {
      const world = worldOn('2026-04-01', [roll]);
      const customer = customerInService();
      planCustomerMonth(world, customer, Temporal.PlainDate.from('2026-04-01'));
      expect(world.agenda.get('2026-04-03')?.length, `roll ${roll}`).toBe(1);
      Object.assign(customer, { subscriptionId: 'sub_renewal', startDate: '2026-10-01', endDate: '2027-10-01' });
      await runDay(world, '2026-04-03');
      expect(world.counts.seatChanges + world.counts.opportunities).toBe(0);
    }
  });
});
