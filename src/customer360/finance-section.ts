import { getSubscription, listSubscriptions, mrrOnDate } from '../billing/index.ts';
import { collectionsWorklist, listCustomerCredits, listDunningStages, isAccountOnHold } from '../payments/index.ts';
import type { Ctx } from '../shared/context.ts';
import { parsePlainDate } from '../shared/dates.ts';
import { moneyJson, sumByCurrency } from './money-totals.ts';
import { findInvoices, findPayments, findPromises, sumBalances } from './read-model.ts';
import type { Customer360 } from './schema.ts';

const INVOICE_LIMIT = 100;
const PAYMENT_LIMIT = 100;
const PROMISE_LIMIT = 50;
const SUBSCRIPTION_LIMIT = 100;

type Finance = NonNullable<Customer360['finance']>;

/** MRR today of the account's subscriptions in service, per currency (billing's mrrOnDate), and ARR = 12 × MRR. */
async function recurringRevenue(ctx: Ctx, accountId: string, today: string): Promise<Pick<Finance, 'mrr' | 'arr'>> {
  const subscriptions = (await listSubscriptions(ctx, { accountId, activeOnDate: today, limit: SUBSCRIPTION_LIMIT })).data;
  const amounts = [];
  for (const subscription of subscriptions) amounts.push(mrrOnDate(await getSubscription(ctx, subscription.id), today));
  const nonZero = amounts.filter((amount) => amount.amountMinor !== 0n);
  return { mrr: sumByCurrency(nonZero), arr: sumByCurrency(nonZero.map((amount) => ({ ...amount, amountMinor: amount.amountMinor * 12n }))) };
}

/** Dunning as payments sees it today: the latest notice stage per overdue invoice, the account's hold and last contact. */
async function collectionsState(ctx: Ctx, accountId: string, today: string) {
  const [entry] = await collectionsWorklist(ctx, { accountId, asOf: today });
  const positions = new Map((await listDunningStages(ctx)).map((stage) => [stage.code, stage.position]));
  const stageByInvoice = new Map((entry?.invoices ?? []).map((invoice) => [invoice.invoiceId, invoice.stage]));
  const furthest = (entry?.invoices ?? [])
    .map((invoice) => invoice.stage)
    .filter((stage): stage is string => stage !== null)
    .sort((a, b) => (positions.get(b) ?? 0) - (positions.get(a) ?? 0))[0] ?? null;
  return {
    stageByInvoice,
    collections: { dunningStage: furthest, onHold: entry?.onHold ?? (await isAccountOnHold(ctx, accountId)), lastContactDate: entry?.lastContactDate ?? null },
  };
}

/** Invoices with their open amounts and dunning stage, balances, payments, credit, collections and promises to pay. */
export async function loadFinanceSection(ctx: Ctx, accountId: string, today: string): Promise<Finance> {
  const todayDate = parsePlainDate(today);
  const { stageByInvoice, collections } = await collectionsState(ctx, accountId, today);
  const balances = await sumBalances(ctx, accountId, today);
  const invoices = (await findInvoices(ctx, accountId, INVOICE_LIMIT)).map((row) => {
    const currency = row.currency.trim();
    const overdue = row.status === 'issued' && BigInt(row.amount_due_minor) > 0n && row.due_date !== null && row.due_date < today;
    return {
      id: row.id, number: row.number, status: row.status, issueDate: row.issue_date, dueDate: row.due_date,
      total: moneyJson(row.total_minor, currency), paid: moneyJson(row.amount_paid_minor, currency), open: moneyJson(row.amount_due_minor, currency), overdue,
      daysPastDue: overdue && row.due_date !== null ? parsePlainDate(row.due_date).until(todayDate, { largestUnit: 'days' }).days : 0,
      dunningStage: stageByInvoice.get(row.id) ?? null,
    };
  });
  const payments = (await findPayments(ctx, accountId, PAYMENT_LIMIT)).map((row) => ({
    id: row.id, amount: moneyJson(row.amount_minor, row.currency.trim()), receivedAt: new Date(row.received_at).toISOString(), method: row.method, reference: row.reference, status: row.status,
  }));
  const promises = (await findPromises(ctx, accountId, PROMISE_LIMIT)).map((row) => ({
    id: row.id, invoiceId: row.invoice_id, promisedDate: row.promised_date, amount: moneyJson(row.amount_minor, row.currency.trim()), note: row.note,
    createdAt: new Date(row.created_at).toISOString(), active: row.promised_date >= today,
  }));
  const credit = await listCustomerCredits(ctx, { accountId });
  return {
    ...(await recurringRevenue(ctx, accountId, today)),
    open: balances.map((row) => moneyJson(row.open_minor, row.currency.trim())),
    overdue: balances.filter((row) => BigInt(row.overdue_minor) > 0n).map((row) => moneyJson(row.overdue_minor, row.currency.trim())),
    overdueInvoiceCount: balances.reduce((count, row) => count + Number(row.overdue_count), 0),
    invoices, payments, credit: sumByCurrency(credit), collections, promises,
  };
}
