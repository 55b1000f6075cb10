import { Temporal } from 'temporal-polyfill';
import { getSubscription, listSubscriptionOrdersOfQuote } from '../billing/index.ts';
import { acceptQuoteByLink, approveQuoteRequest, createQuote, overrideValidation, rejectQuoteRequest, sendQuote, submitQuote, type LineInput, type QuoteApprovalState } from '../cpq/index.ts';
import { changeOpportunityStage } from '../crm/index.ts';
import { findOrderSummaryByQuote, recordProvisioning, retryProvisioning } from '../orders/index.ts';
import { withActor, type Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { drainEvents } from './drain-events.ts';
import { planRenewal } from './lifecycle.ts';
import { loseOpportunity } from './sales-flow.ts';
import { inSavepoint } from './savepoint.ts';
import { nextFirstOfMonth, PHASE, schedule, today, type Customer, type World } from './world.ts';

export type QuotePlan = { kind: 'new' | 'renewal' | 'expansion'; outcome: 'win' | 'lost'; addSeats?: number; addInsights?: number };

type OpportunityRef = { opportunityId: string; version: number };

function discountBps(world: World, kind: QuotePlan['kind']): number {
  const roll = world.random.next();
  if (kind === 'renewal') return roll < 0.7 ? 0 : 500;
  if (roll < 0.45) return 0;
  if (roll < 0.85) return world.random.pick([500, 1000, 1500]);
  return world.random.pick([2000, 2500, 3000]);
}

function linesOf(world: World, customer: Customer, plan: QuotePlan, termMonths: number): LineInput[] {
  const ids = world.catalog.productIds;
  const discount = discountBps(world, plan.kind);
  const withDiscount = discount > 0 ? { discount: { percentBps: discount } } : {};
  const lines: LineInput[] = [];
  if (plan.kind === 'expansion') {
    if (plan.addSeats) lines.push({ productId: ids[customer.plan], quantity: plan.addSeats, ...withDiscount });
    if (plan.addInsights) lines.push({ productId: ids.insights, quantity: plan.addInsights, ...withDiscount });
    return lines;
  }
  lines.push({ productId: ids[customer.plan], quantity: customer.seats, ...withDiscount });
  if (customer.insightsSeats > 0) lines.push({ productId: ids.insights, quantity: customer.insightsSeats, ...withDiscount });
  if (plan.kind === 'new' && termMonths >= 12 && world.random.chance(0.6)) lines.push({ productId: ids.onboarding, quantity: 1 });
  return lines;
}

function termOf(world: World, customer: Customer, plan: QuotePlan): number {
  // An expansion is co-terminated by billing (the amendment ends with the subscription), so its
  // quote runs a whole year like the catalog's annual prices require.
  if (plan.kind !== 'new' || customer.plan === 'seatMonthly') return 12;
  return world.random.weighted([[12, 75], [24, 18], [36, 7]]);
}

/** Quote → (approval) → sent → accepted by the customer's link → the chain makes order, subscription, invoice, commission. */
export function runQuote(world: World, customer: Customer, opportunity: OpportunityRef, plan: QuotePlan): void {
  schedule(world, today(world), PHASE.business, 'quote', async () => {
    const repCtx = withActor(world.ctx, customer.repActor);
    const startDate = plan.kind === 'renewal' && customer.endDate ? Temporal.PlainDate.from(customer.endDate) : nextFirstOfMonth(today(world).add({ days: 12 }));
    const termMonths = termOf(world, customer, plan);
    const lines = linesOf(world, customer, plan, termMonths);
    const quote = await createQuote(repCtx, {
      opportunityId: opportunity.opportunityId, priceBookId: world.catalog.priceBookIds[customer.region.currency] ?? '', startDate: startDate.toString(),
      termMonths, language: customer.region.language, lines,
    });
    world.counts.quotes += 1;
    const random = world.random;
    schedule(world, today(world).add({ days: random.int(1, 4) }), PHASE.business, 'submit', async () => {
      // The context of this task's own day (world.ctx is the day's transaction while tasks run, see runAgenda).
      const repCtx = withActor(world.ctx, customer.repActor);
      const negotiating = await changeOpportunityStage(repCtx, { id: opportunity.opportunityId, expectedVersion: opportunity.version, stage: 'negotiation' });
      const opp = { opportunityId: negotiating.id, version: negotiating.version };
      const submitted = await submitWithOverride(world, repCtx, quote.id);
      if (submitted.quote.status !== 'pending_approval') {
        sendAndAccept(world, customer, opp, quote.id, plan);
        return;
      }
      world.counts.quotesNeedingApproval += 1;
      schedule(world, today(world).add({ days: random.int(1, 2) }), PHASE.business, 'approval', async () => {
        const manager = world.actors.managers.get(customer.region.key) ?? world.actors.revops;
        const managerCtx = withActor(world.ctx, manager);
        const reject = random.chance(0.3);
        for (const request of submitted.approvalRequests) {
          if (reject) await rejectQuoteRequest(managerCtx, { quoteId: quote.id, requestId: request.id, comment: 'Discount too deep for this deal size' });
          else await approveQuoteRequest(managerCtx, { quoteId: quote.id, requestId: request.id, comment: 'OK for a reference customer' });
          if (reject) break;
        }
        if (!reject) {
          sendAndAccept(world, customer, opp, quote.id, plan);
          return;
        }
        world.counts.quotesRejected += 1;
        schedule(world, today(world).add({ days: random.int(2, 6) }), PHASE.business, 'lost-after-rejection', async () => {
          await loseOpportunity(world, customer, opp);
          if (plan.kind === 'renewal') customer.renewalPlanned = false;
        });
      });
    });
  });
}

/**
 * Submits; when a validation rule blocks it (e.g. invoices overdue more than 30 days on a renewal),
 * finance overrides that rule for this quote with a reason, as the rule's message invites, and the
 * rep submits again. The first submit runs in a savepoint: a refusal undoes only itself.
 */
async function submitWithOverride(world: World, repCtx: Ctx, quoteId: string): Promise<QuoteApprovalState> {
  try {
    return await inSavepoint(repCtx, () => submitQuote(repCtx, { id: quoteId }));
  } catch (error) {
    const rule = error instanceof AppError ? (error.extra['rule'] as { type?: string; key?: string } | undefined) : undefined;
    if (rule?.type !== 'validation' || !rule.key) throw error;
    await overrideValidation(withActor(world.ctx, world.actors.finance), { quoteId, input: { ruleKey: rule.key, reason: 'Payment plan agreed with the customer; renewal may proceed' } });
    world.counts.validationOverrides += 1;
    return submitQuote(repCtx, { id: quoteId });
  }
}

function sendAndAccept(world: World, customer: Customer, opportunity: OpportunityRef, quoteId: string, plan: QuotePlan): void {
  const random = world.random;
  schedule(world, today(world).add({ days: random.int(0, 2) }), PHASE.business, 'send', async () => {
    const sent = await sendQuote(withActor(world.ctx, customer.repActor), { id: quoteId });
    if (plan.outcome === 'lost') {
      schedule(world, today(world).add({ days: random.int(10, 20) }), PHASE.business, 'lost', async () => {
        await loseOpportunity(world, customer, opportunity);
      });
      return;
    }
    schedule(world, today(world).add({ days: random.int(1, 6) }), PHASE.business, 'accept', async () => {
      await acceptQuoteByLink(world.ctx, {
        token: sent.acceptanceLink.token, ipAddress: '203.0.113.10', userAgent: 'Mozilla/5.0 (demo)',
        input: { name: `Buyer at ${customer.name}`, email: `buyer@${customer.accountId.toLowerCase().replace(/[^a-z0-9]/g, '')}.example`, signature: { kind: 'typed', text: `Buyer at ${customer.name}` } },
      });
      world.counts.quotesAccepted += 1;
      schedule(world, today(world), PHASE.business, 'order-to-cash', async () => {
        await drainEvents(world.ctx);
        await onAccepted(world, customer, quoteId, plan);
      });
    });
  });
}

async function onAccepted(world: World, customer: Customer, quoteId: string, plan: QuotePlan): Promise<void> {
  const [link] = await listSubscriptionOrdersOfQuote(world.ctx, quoteId);
  if (!link) throw new Error(`accepted quote ${quoteId} has no subscription: the order-to-cash chain did not run`);
  const subscription = await getSubscription(world.ctx, link.subscriptionId);
  if (plan.kind === 'expansion') {
    world.counts.expansions += 1;
    customer.seats += plan.addSeats ?? 0;
    customer.insightsSeats += plan.addInsights ?? 0;
  } else {
    if (plan.kind === 'renewal') world.counts.renewals += 1;
    else if (customer.status === 'churned') world.counts.reactivations += 1;
    else world.counts.newCustomers += 1;
    customer.subscriptionId = subscription.id;
    customer.startDate = subscription.startDate;
    customer.endDate = subscription.endDate;
    customer.status = 'active';
    customer.churnedOn = null;
    customer.renewalPlanned = false;
    planRenewal(world, customer);
  }
  const random = world.random;
  schedule(world, today(world).add({ days: random.int(0, 1) }), PHASE.business, 'provisioning', async () => {
    const order = await findOrderSummaryByQuote(world.ctx, quoteId);
    if (!order) throw new Error(`accepted quote ${quoteId} has no order`);
    const failed = random.chance(0.05);
    await recordProvisioning(world.ctx, { orderId: order.id, callback: failed ? { status: 'failed', message: 'tenant quota exceeded' } : { status: 'fulfilled', message: `tenant ${customer.region.key}-${order.orderNumber.toLowerCase()} ready` } });
    if (failed) {
      await retryProvisioning(world.ctx, { orderId: order.id });
      await recordProvisioning(world.ctx, { orderId: order.id, callback: { status: 'fulfilled', message: 'tenant ready after retry' } });
    }
  });
}
