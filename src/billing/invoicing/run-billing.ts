import { inTransaction, type Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { nowOf } from '../billing-db.ts';
import { recognizeRevenue } from '../recognition/recognize-revenue.ts';
import { checkedDate, draftInvoicesForSubscription } from './draft-invoices.ts';
import { issueInvoice } from './issue-invoice.ts';
import { invoicingDb } from './tables.ts';

export type BillingRunInput = {
  date: string;
  /** Issue the drafts due by the date (new ones and drafts left by earlier runs). */
  issue?: boolean;
  batchSize?: number;
  /** Subscriptions billed at once (default 1); each is its own transaction. */
  concurrency?: number;
  onProgress?: (progress: { done: number; total: number }) => void;
  /** Tests only: called after each subscription, may throw to simulate a crash mid-run. */
  afterSubscription?: (done: number) => void;
};

export type BillingRunError = { subscriptionId: string; code: string; message: string };
export type BillingRunResult = {
  runId: string; date: string; issue: boolean; subscriptions: number; invoicesDrafted: number; creditNotesIssued: number;
  invoicesIssued: number; recognitionEntries: number; errors: BillingRunError[];
};

/**
 * Bills every subscription through `date` (docs/billing.md "Billing run"). One transaction per
 * subscription: a crash loses at most the subscription in flight, and a rerun bills only what is
 * still unbilled. One failing subscription is one error row; the run goes on.
 */
export async function runBilling(ctx: Ctx, input: BillingRunInput): Promise<BillingRunResult> {
  const date = checkedDate(input.date, 'date');
  const issue = input.issue ?? false;
  const runId = await startRun(ctx, date, issue);
  const result: BillingRunResult = { runId, date, issue, subscriptions: 0, invoicesDrafted: 0, creditNotesIssued: 0, invoicesIssued: 0, recognitionEntries: 0, errors: [] };
  const total = await countDue(ctx, date);
  let after = '';
  for (;;) {
    const ids = await nextBatch(ctx, date, after, input.batchSize ?? 500);
    if (ids.length === 0) break;
    // Workers share the batch; each subscription is still its own transaction (PostgreSQL only
    // gains from more than one: PGlite is a single connection).
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const subscriptionId = ids[next] ?? '';
        next += 1;
        await billOne(ctx, subscriptionId, date, issue, result);
        result.subscriptions += 1;
        input.onProgress?.({ done: result.subscriptions, total });
        input.afterSubscription?.(result.subscriptions);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, input.concurrency ?? 1) }, worker));
    after = ids[ids.length - 1] ?? after;
  }
  // The daily recognition job is part of an issuing run (idempotent per invoice line and day).
  if (issue) result.recognitionEntries = (await recognizeRevenue(ctx, { date })).entries;
  await finishRun(ctx, result);
  return result;
}

async function billOne(ctx: Ctx, subscriptionId: string, date: string, issue: boolean, result: BillingRunResult): Promise<void> {
  try {
    const outcome = await inTransaction(ctx, async (tx) => {
      const drafted = await draftInvoicesForSubscription(tx, { subscriptionId, throughDate: date });
      const issued = issue ? await issueDueDrafts(tx, subscriptionId, date) : 0;
      return { drafted, issued };
    });
    result.invoicesDrafted += outcome.drafted.invoiceIds.length;
    result.creditNotesIssued += outcome.drafted.creditNoteIds.length;
    result.invoicesIssued += outcome.issued;
  } catch (error) {
    // Batch rule (STYLE.md "Errors"): one bad subscription is one row of the result, never the end of the run.
    const code = error instanceof AppError ? error.code : 'internal_error';
    const message = error instanceof Error ? error.message : String(error);
    ctx.log.warn({ err: error, subscriptionId }, 'billing run: subscription failed');
    result.errors.push({ subscriptionId, code, message });
  }
}

async function issueDueDrafts(ctx: Ctx, subscriptionId: string, date: string): Promise<number> {
  const drafts = await invoicingDb(ctx).selectFrom('invoices').select('id').where('subscription_id', '=', subscriptionId)
    .where('status', '=', 'draft').where('billing_date', '<=', date).orderBy('billing_date').orderBy('billing_sequence').execute();
  for (const draft of drafts) await issueInvoice(ctx, { invoiceId: draft.id });
  return drafts.length;
}

/** Revline's own subscriptions that have started; imported ones bill in their source system until cut-over. */
function dueQuery(ctx: Ctx, date: string) {
  return invoicingDb(ctx).selectFrom('subscriptions').where('source_system', 'is', null).where('start_date', '<=', date);
}

async function countDue(ctx: Ctx, date: string): Promise<number> {
  const row = await dueQuery(ctx, date).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function nextBatch(ctx: Ctx, date: string, after: string, size: number): Promise<string[]> {
  const rows = await dueQuery(ctx, date).select('id').where('id', '>', after).orderBy('id').limit(size).execute();
  return rows.map((row) => row.id);
}

async function startRun(ctx: Ctx, date: string, issue: boolean): Promise<string> {
  const id = newId('brun', ctx.clock.now().epochMilliseconds);
  await invoicingDb(ctx).insertInto('billing_runs').values({
    id, run_date: date, issue, status: 'running', actor_id: ctx.actor.id ?? null, started_at: nowOf(ctx), finished_at: null,
  }).execute();
  return id;
}

async function finishRun(ctx: Ctx, result: BillingRunResult): Promise<void> {
  await invoicingDb(ctx).updateTable('billing_runs').set({
    status: 'completed', subscriptions_total: result.subscriptions, invoices_created: result.invoicesDrafted,
    credit_notes_created: result.creditNotesIssued, invoices_issued: result.invoicesIssued, errors_count: result.errors.length,
    errors: JSON.stringify(result.errors), finished_at: nowOf(ctx),
  }).where('id', '=', result.runId).execute();
}
