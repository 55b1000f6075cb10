import type { Temporal } from 'temporal-polyfill';
import { cancelSubscription, findOpenInvoicesByNumber, getInvoice, listInvoices, runBilling, voidInvoice, type Invoice } from '../billing/index.ts';
import { recordPayment, runDunning, type Mailer } from '../payments/index.ts';
import { withActor } from '../shared/context.ts';
import { markChurned } from './lifecycle.ts';
import { drainEvents } from './drain-events.ts';
import { PHASE, schedule, today, type Customer, type World } from './world.ts';

/** Dunning notices are recorded by the payments domain; the demo sends no e-mail anywhere. */
const demoMailer: Mailer = { send: async (message) => ({ channel: 'outbox', location: `demo:${message.messageId}` }) };

/** The 1st of every month: the billing run (issue + revenue recognition), then payment plans for what it issued. */
export function planMonthEnd(world: World, monthStart: Temporal.PlainDate): void {
  schedule(world, monthStart, PHASE.billing, 'billing-run', async () => {
    const result = await runBilling(withActor(world.ctx, world.actors.finance), { date: today(world).toString(), issue: true });
    if (result.errors.length > 0) throw new Error(`billing run ${result.date} failed for ${result.errors.length} subscription(s): ${JSON.stringify(result.errors.slice(0, 3))}`);
    world.counts.billingRuns += 1;
    world.counts.invoicesIssued += result.invoicesIssued;
    await drainEvents(world.ctx);
  });
  schedule(world, monthStart, PHASE.collect, 'payment-plans', () => planPayments(world));
  for (const day of [monthStart, monthStart.add({ days: 15 })]) {
    schedule(world, day, PHASE.dunning, 'dunning', async () => {
      const result = await runDunning(withActor(world.ctx, world.actors.finance), { date: today(world).toString(), mailer: demoMailer, mailFrom: 'billing@demo.nordlicht.example' });
      // Notices sent: not the stages a later one superseded, holds placed or invoices under a promise to pay.
      world.counts.dunningNotices += result.actions.filter((action) => action.outcome === 'sent').length;
    });
  }
}

async function planPayments(world: World): Promise<void> {
  const fresh: Array<{ customer: Customer; invoice: Invoice }> = [];
  let cursor: string | undefined;
  do {
    const page = await listInvoices(world.ctx, { status: 'issued', limit: 500, ...(cursor ? { cursor } : {}) });
    for (const invoice of page.data) {
      if (world.invoicesSeen.has(invoice.id)) continue;
      world.invoicesSeen.add(invoice.id);
      const customer = world.customers.get(invoice.accountId);
      if (customer) fresh.push({ customer, invoice });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  // Determinism: ids (and so the list order) carry randomness; draw the payment plans in a stable order.
  fresh.sort((a, b) => a.customer.serial - b.customer.serial
    || (a.invoice.periodStartDate ?? '').localeCompare(b.invoice.periodStartDate ?? '')
    || (a.invoice.totalMinor < b.invoice.totalMinor ? -1 : a.invoice.totalMinor > b.invoice.totalMinor ? 1 : 0));
  for (const { customer, invoice } of fresh) planPayment(world, customer, invoice);
}

function planPayment(world: World, customer: Customer, invoice: Invoice): void {
  const random = world.random;
  const issued = today(world);
  switch (customer.payer) {
    case 'prompt':
      schedule(world, issued.add({ days: random.int(3, 28) }), PHASE.business, 'payment', () => pay(world, invoice, 1));
      return;
    case 'late':
      schedule(world, issued.add({ days: random.int(35, 90) }), PHASE.business, 'late-payment', () => pay(world, invoice, 1));
      return;
    case 'partial':
      schedule(world, issued.add({ days: random.int(15, 30) }), PHASE.business, 'partial-payment', () => pay(world, invoice, 0.5));
      schedule(world, issued.add({ days: random.int(60, 100) }), PHASE.business, 'rest-payment', () => pay(world, invoice, 1));
      return;
    case 'never':
      schedule(world, issued.add({ days: 130 }), PHASE.business, 'write-off', () => writeOff(world, customer, invoice.id));
  }
}

/**
 * Pays `share` of what is still due (read now: credit notes may have reduced it), naming the invoice.
 * Only an issued invoice with something due is paid: what findOpenInvoicesByNumber reads (one
 * statement; getInvoice would read its lines too).
 */
async function pay(world: World, issued: Invoice, share: number): Promise<void> {
  const invoice = issued.number === null ? undefined : (await findOpenInvoicesByNumber(world.ctx, [issued.number])).find((open) => open.id === issued.id);
  if (!invoice) return;
  const amountMinor = share >= 1 ? invoice.amountDueMinor : (invoice.amountDueMinor * BigInt(Math.round(share * 100))) / 100n;
  if (amountMinor <= 0n) return;
  await recordPayment(withActor(world.ctx, world.actors.finance), {
    accountId: invoice.accountId, amount: { amountMinor: amountMinor.toString(), currency: invoice.currency }, receivedDate: today(world).toString(),
    method: world.random.chance(0.8) ? 'bank_transfer' : 'card', reference: invoice.number,
  });
  world.counts.payments += 1;
}

/** 130 days unpaid: finance voids the invoice (the write-off) and ends the customer's service. */
async function writeOff(world: World, customer: Customer, invoiceId: string): Promise<void> {
  const invoice = await getInvoice(world.ctx, invoiceId);
  if (invoice.status !== 'issued' || invoice.amountPaidMinor > 0n) return;
  const finance = withActor(world.ctx, world.actors.finance);
  await voidInvoice(finance, { invoiceId, reason: 'Written off: unpaid 130 days after issue' });
  world.counts.writeOffs += 1;
  if (customer.status === 'active' && customer.subscriptionId && customer.endDate && today(world).toString() < customer.endDate) {
    await cancelSubscription(finance, { id: customer.subscriptionId, cancelDate: today(world).toString() });
    world.counts.cancellations += 1;
    markChurned(world, customer, today(world));
  }
  await drainEvents(world.ctx);
}
