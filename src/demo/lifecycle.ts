import { Temporal } from 'temporal-polyfill';
import { cancelSubscription, changeSubscriptionItems, getSubscription } from '../billing/index.ts';
import { createOpportunity } from '../crm/index.ts';
import { withActor } from '../shared/context.ts';
import { runQuote } from './quote-flow.ts';
import { advanceOpportunity } from './sales-flow.ts';
import { nextFirstOfMonth, PHASE, schedule, today, type Customer, type World } from './world.ts';

/** Renewal talks start 45 days before the term ends; at the end, no renewal means churn. */
export function planRenewal(world: World, customer: Customer): void {
  if (!customer.endDate || !customer.subscriptionId) return;
  const endDate = Temporal.PlainDate.from(customer.endDate);
  const subscriptionId = customer.subscriptionId;
  schedule(world, endDate.subtract({ days: 45 }), PHASE.business, 'renewal', async () => {
    if (customer.subscriptionId !== subscriptionId || customer.status !== 'active') return;
    const churns = customer.payer === 'never' || world.random.chance(0.12);
    if (churns) return;
    customer.renewalPlanned = true;
    customer.seats = Math.max(3, Math.round(customer.seats * (0.9 + world.random.next() * 0.35)));
    const opportunity = await createOpportunity(withActor(world.ctx, customer.repActor), {
      accountId: customer.accountId, name: `${customer.name} — renewal ${endDate.year}`, type: 'renewal', stage: 'proposal',
      amount: { amountMinor: customer.seats * 48_000, currency: customer.region.currency }, closeDate: endDate.toString(), ownerUserId: customer.repActor.id,
    });
    world.counts.opportunities += 1;
    runQuote(world, customer, { opportunityId: opportunity.id, version: opportunity.version }, { kind: 'renewal', outcome: 'win' });
  });
  schedule(world, endDate, PHASE.plan, 'term-end', async () => {
    if (customer.subscriptionId !== subscriptionId || customer.status !== 'active') return;
    world.counts.churnedAtTermEnd += 1;
    markChurned(world, customer, endDate);
  });
}

export function markChurned(world: World, customer: Customer, onDate: Temporal.PlainDate): void {
  customer.status = 'churned';
  customer.churnedOn = onDate.toString();
  if (customer.payer === 'never' || !world.random.chance(0.25)) return;
  // Some come back: a new-business deal months later, new subscription, counted as reactivation.
  schedule(world, onDate.add({ months: world.random.int(3, 9) }), PHASE.business, 'reactivation', async () => {
    if (customer.status !== 'churned') return;
    customer.payer = 'prompt';
    customer.insightsSeats = 0;
    const opportunity = await createOpportunity(withActor(world.ctx, customer.repActor), {
      accountId: customer.accountId, name: `${customer.name} — win-back`, type: 'new', stage: 'qualification',
      amount: { amountMinor: customer.seats * 48_000, currency: customer.region.currency }, closeDate: today(world).add({ days: 40 }).toString(), ownerUserId: customer.repActor.id,
    });
    world.counts.opportunities += 1;
    advanceOpportunity(world, customer, { opportunityId: opportunity.id, version: opportunity.version }, 'win', 1);
  });
}

/** Once a month per live customer: seat changes, an expansion deal, or (rarely) a cancellation. */
export function planCustomerMonth(world: World, customer: Customer, monthStart: Temporal.PlainDate): void {
  if (customer.status !== 'active' || !customer.subscriptionId || !customer.endDate || customer.renewalPlanned) return;
  // A renewal accepted early starts in the future: amend only a subscription in service.
  if (!customer.startDate || customer.startDate > monthStart.toString()) return;
  const random = world.random;
  const monthsLeft = monthStart.until(Temporal.PlainDate.from(customer.endDate), { largestUnit: 'months' }).months
    + 12 * monthStart.until(Temporal.PlainDate.from(customer.endDate), { largestUnit: 'months' }).years;
  const roll = random.next();
  const day = monthStart.add({ days: random.int(2, 25) });
  // The task runs days later, on the subscription planned for: a renewal accepted in between makes the
  // customer's subscription a new one that starts at the old term's end (not yet in service).
  const planned = customer.subscriptionId;
  const samePlan = () => customer.status === 'active' && customer.subscriptionId === planned;
  // Expansions and cancellations wait while a renewal is being negotiated; seat changes do not.
  const noRenewal = () => samePlan() && !customer.renewalPlanned;
  if (roll < 0.035) schedule(world, day, PHASE.business, 'seat-change', async () => { if (samePlan()) await changeSeats(world, customer, planned); });
  else if (roll < 0.06 && monthsLeft >= 4) schedule(world, day, PHASE.business, 'expansion', async () => { if (noRenewal()) await startExpansion(world, customer); });
  else if (roll < 0.064 && customer.payer !== 'never') schedule(world, day, PHASE.business, 'cancel', async () => { if (noRenewal()) await cancelEarly(world, customer, planned); });
}

async function changeSeats(world: World, customer: Customer, subscriptionId: string): Promise<void> {
  const subscription = await getSubscription(world.ctx, subscriptionId);
  const sku = world.catalog.skus[customer.plan].toLowerCase();
  const effectiveDate = nextFirstOfMonth(today(world));
  if (subscription.endDate && effectiveDate.toString() >= subscription.endDate) return;
  const item = subscription.itemVersions.find((v) => v.itemKey.toLowerCase() === sku && v.effectiveToDate === null);
  // A version already starting on that day (an expansion, an earlier change) is left alone this month.
  if (!item || item.effectiveFromDate >= effectiveDate.toString()) return;
  // Annual contracts only grow mid-term; monthly ones may shrink too.
  const down = customer.plan === 'seatMonthly' && world.random.chance(0.4);
  const delta = Math.max(1, Math.round(Number(item.quantity) * (0.05 + world.random.next() * 0.2)));
  const quantity = down ? Math.max(2, Number(item.quantity) - delta) : Number(item.quantity) + delta;
  await changeSubscriptionItems(world.ctx, {
    id: subscription.id, effectiveDate: effectiveDate.toString(), changes: [{ action: 'update', itemKey: item.itemKey, quantity }],
  });
  customer.seats = quantity;
  world.counts.seatChanges += 1;
}

async function startExpansion(world: World, customer: Customer): Promise<void> {
  const addInsights = customer.insightsSeats === 0 ? Math.max(3, Math.round(customer.seats / 2)) : 0;
  const addSeats = addInsights === 0 ? Math.max(2, Math.round(customer.seats * 0.2)) : 0;
  const opportunity = await createOpportunity(withActor(world.ctx, customer.repActor), {
    accountId: customer.accountId, name: `${customer.name} — ${addInsights ? 'Predictive Insights' : 'more seats'}`, type: 'expansion', stage: 'proposal',
    amount: { amountMinor: (addSeats + addInsights) * 30_000, currency: customer.region.currency }, closeDate: today(world).add({ days: 20 }).toString(),
    ownerUserId: customer.repActor.id,
  });
  world.counts.opportunities += 1;
  runQuote(world, customer, { opportunityId: opportunity.id, version: opportunity.version }, {
    kind: 'expansion', outcome: world.random.chance(0.8) ? 'win' : 'lost', addSeats, addInsights,
  });
}

async function cancelEarly(world: World, customer: Customer, subscriptionId: string): Promise<void> {
  const cancelDate = nextFirstOfMonth(today(world)).toString();
  // Guard: billing accepts a cancel date only inside [start, end) of the term in service.
  if (!customer.startDate || cancelDate < customer.startDate || !customer.endDate || cancelDate >= customer.endDate) return;
  await cancelSubscription(world.ctx, { id: subscriptionId, cancelDate });
  world.counts.cancellations += 1;
  markChurned(world, customer, Temporal.PlainDate.from(cancelDate));
}
