import type { Temporal } from 'temporal-polyfill';
import { createTicket, upsertSeats, upsertUsage } from '../crm/index.ts';
import { withActor } from '../shared/context.ts';
import { FEATURES } from './company.ts';
import { PHASE, schedule, type Customer, type World } from './world.ts';

const SUBJECTS = [
  'Dashboard loads slowly', 'SSO login fails for new users', 'Export to Excel cuts columns', 'Question about invoice', 'Add more seats?',
  'Alert e-mails not arriving', 'API rate limit reached', 'How to share a report externally', 'Data refresh stuck', 'Feature request: Slack alerts',
];

/** Support tickets with CSAT, weekly product usage and a month-end seat snapshot for every live customer. */
export function planSuccessMonth(world: World, customer: Customer, monthStart: Temporal.PlainDate): void {
  if (customer.status !== 'active') return;
  const random = world.random;
  const unhappy = customer.payer === 'never' || customer.payer === 'late';
  if (random.chance(0.25)) {
    schedule(world, monthStart.add({ days: random.int(3, 26) }), PHASE.business, 'ticket', async () => {
      const now = world.clock.now();
      const opened = now.subtract({ hours: random.int(30, 120) });
      const open = random.chance(0.08);
      const csat = open || random.chance(0.35) ? null : random.weighted(unhappy ? [[1, 20], [2, 25], [3, 30], [4, 15], [5, 10]] : [[1, 3], [2, 7], [3, 15], [4, 35], [5, 40]]);
      await createTicket(withActor(world.ctx, world.actors.success), {
        accountId: customer.accountId, subject: random.pick(SUBJECTS), priority: random.weighted([['low', 25], ['normal', 55], ['high', 15], ['urgent', 5]]),
        channel: random.pick(['email', 'chat', 'phone', 'web'] as const), status: open ? 'open' : 'closed', openedAt: opened.toString(),
        firstResponseAt: opened.add({ minutes: random.int(10, 600) }).toString(), closedAt: open ? null : now.toString(), csat,
      });
      world.counts.tickets += 1;
    });
  }
  // Usage tracks seats: most licences are used, some customers drift (a churn signal).
  const adoption = unhappy ? 0.35 + random.next() * 0.3 : 0.6 + random.next() * 0.4;
  const activeUsers = Math.max(1, Math.round(customer.seats * adoption));
  for (let week = 0; week < 4; week += 1) {
    const usageDate = monthStart.add({ days: 7 * week + 2 }).toString();
    for (const [featureKey, perUser] of FEATURES) {
      world.usage.push({ accountId: customer.accountId, usageDate, featureKey, count: Math.round(activeUsers * perUser * (0.7 + random.next() * 0.6)) });
    }
  }
  const snapshots = world.seatSnapshots.get(customer.accountId) ?? [];
  snapshots.push({ asOfDate: monthStart.toString(), licensedSeats: customer.seats, activeUsers: Math.min(activeUsers, customer.seats) });
  world.seatSnapshots.set(customer.accountId, snapshots);
}

/**
 * Writes the history's usage rows once, at the end (nothing in the simulation reads usage back), in
 * batches of 5,000 (the usage API's limit) ordered by customer: each call checks every account it
 * names, so an account's rows together cost one check, not one per month.
 */
export async function flushUsage(world: World): Promise<void> {
  // By the customer's serial, not the account id (ids carry randomness): the same seed, the same batches.
  const serial = (accountId: string) => world.customers.get(accountId)?.serial ?? 0;
  const rows = world.usage.map((row, i) => ({ row, i })).sort((a, b) => serial(a.row.accountId) - serial(b.row.accountId) || a.i - b.i).map(({ row }) => row);
  for (let start = 0; start < rows.length; start += 5000) {
    await upsertUsage(world.ctx, rows.slice(start, start + 5000));
  }
  world.counts.usageRows += world.usage.length;
  world.usage = [];
}

/** Seat snapshots, one call per account with its whole history (as a product analytics sync would send). */
export async function flushSeatSnapshots(world: World): Promise<void> {
  for (const [accountId, snapshots] of world.seatSnapshots) {
    if (snapshots.length > 0) await upsertSeats(world.ctx, accountId, snapshots);
  }
  world.seatSnapshots.clear();
}
