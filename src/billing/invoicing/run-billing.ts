import { listLedgerPeriods } from '../../ledger/index.ts';
import { inTransaction, type Ctx, type TxCtx } from '../../shared/context.ts';
import { servesManySessions } from '../../shared/db/connections.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { nowOf } from '../billing-db.ts';
import { findCutOverDate } from '../cut-over/set-cut-over.ts';
import { recognizeRevenue } from '../recognition/recognize-revenue.ts';
import { holdRunLock, markInterruptedRuns, markRunInterrupted } from './billing-run-liveness.ts';
import { checkedDate, draftChunk } from './draft-invoices.ts';
import { issueDraftBatch, type IssueBatchResult } from './issue-batch.ts';
import { invoicingDb, type BilledInvoiceRow } from './tables.ts';
import type { WrittenDrafts } from './write-new-drafts.ts';

export type BillingRunInput = {
  date: string;
  /** Issue the drafts due by the date (new ones and drafts left by earlier runs). */
  issue?: boolean;
  /** Subscriptions billed in one transaction (a chunk; default 1,000). */
  batchSize?: number;
  /**
   * Chunks billed at once, each in its own transaction. Default: 4 on PostgreSQL, 1 on PGlite (one
   * session: nothing to gain) and in a caller's transaction (one connection).
   */
  concurrency?: number;
  onProgress?: (progress: { done: number; total: number }) => void;
  /** Tests only: called for each subscription once its chunk has committed; may throw to simulate a crash mid-run. */
  afterSubscription?: (done: number) => void;
};

export type BillingRunError = { subscriptionId: string; code: string; message: string };
export type BillingRunResult = {
  runId: string; date: string; issue: boolean; subscriptions: number; invoicesDrafted: number; creditNotesIssued: number;
  invoicesIssued: number; recognitionEntries: number; errors: BillingRunError[];
};

const DEFAULT_CHUNK = 1_000;
/** Chunks in flight on PostgreSQL: enough to keep both this process and the server busy (docs/billing.md "Billing run"). */
export const DEFAULT_CONCURRENCY = 4;

/**
 * Bills every subscription through `date` (docs/billing.md "Billing run"), a chunk of subscriptions
 * per transaction: a crash loses at most the chunks in flight, whole, and a rerun bills only what
 * is still unbilled. A chunk that fails is split in halves until the failing subscriptions stand
 * alone; each is one error row, and the run goes on.
 */
export async function runBilling(ctx: Ctx, input: BillingRunInput): Promise<BillingRunResult> {
  const date = checkedDate(input.date, 'date');
  const issue = input.issue ?? false;
  const runId = newId('brun', ctx.clock.now().epochMilliseconds);
  return holdRunLock(ctx, runId, async () => {
    // Runs killed or crashed before now left their rows 'running': they are 'interrupted' (docs/billing.md).
    const interrupted = await markInterruptedRuns(ctx);
    if (interrupted.length > 0) ctx.log.info({ runIds: interrupted }, 'billing run: earlier runs whose process is gone marked interrupted');
    await startRun(ctx, runId, date, issue);
    ctx.log.info({ runId, date, issue }, 'billing run: started');
    try {
      const result = await billDue(ctx, runId, date, issue, input);
      await finishRun(ctx, result);
      ctx.log.info({ runId, subscriptions: result.subscriptions, invoicesDrafted: result.invoicesDrafted, invoicesIssued: result.invoicesIssued, errors: result.errors.length }, 'billing run: completed');
      return result;
    } catch (error) {
      // In a caller's transaction the row rolls back with everything else.
      if (!ctx.db.isTransaction) await markRunInterrupted(ctx, runId).catch((markError: unknown) => ctx.log.warn({ err: markError, runId }, 'billing run: could not mark the run interrupted'));
      throw error;
    }
  });
}

async function billDue(ctx: Ctx, runId: string, date: string, issue: boolean, input: BillingRunInput): Promise<BillingRunResult> {
  const result: BillingRunResult = { runId, date, issue, subscriptions: 0, invoicesDrafted: 0, creditNotesIssued: 0, invoicesIssued: 0, recognitionEntries: 0, errors: [] };
  const cutOverDate = await findCutOverDate(ctx);
  const total = await countDue(ctx, date, cutOverDate);
  const takeChunk = chunkReader(ctx, date, cutOverDate, Math.max(1, input.batchSize ?? DEFAULT_CHUNK));
  // Each chunk recognises what it issues (the daily job's rows, in the same transaction) — unless
  // the date's month is closed: then no chunk could post them, and the pass below fails as it did.
  const recognize = issue && !(await listLedgerPeriods(ctx)).some((period) => period.status === 'closed' && period.period === date.slice(0, 7));
  let stopped = false;
  const worker = async () => {
    while (!stopped) {
      const ids = await takeChunk();
      if (ids.length === 0) return;
      await billChunk(ctx, ids, date, issue, recognize, result);
      for (let index = 0; index < ids.length; index += 1) {
        result.subscriptions += 1;
        input.afterSubscription?.(result.subscriptions);
      }
      input.onProgress?.({ done: result.subscriptions, total });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, input.concurrency ?? defaultConcurrency(ctx)) }, () => worker().catch((error: unknown) => {
    stopped = true;
    throw error;
  })));
  // The daily recognition job is part of an issuing run (idempotent per invoice line and day): each
  // chunk recognised what it issued; this pass does the invoices issued before.
  if (issue) result.recognitionEntries += (await recognizeRevenue(ctx, { date })).entries;
  return result;
}

export function defaultConcurrency(ctx: Ctx): number {
  return !ctx.db.isTransaction && servesManySessions(ctx.db) ? DEFAULT_CONCURRENCY : 1;
}

/** Pages of due subscription ids in id order; concurrent workers take one page after another. */
function chunkReader(ctx: Ctx, date: string, cutOverDate: string | null, size: number): () => Promise<string[]> {
  let after = '';
  let queue: Promise<unknown> = Promise.resolve();
  return () => {
    const next = queue.then(async () => {
      const ids = await nextBatch(ctx, date, cutOverDate, after, size);
      after = ids[ids.length - 1] ?? after;
      return ids;
    });
    queue = next.catch(() => undefined);
    return next;
  };
}

/**
 * One transaction for the chunk. On failure the chunk is split in two and each half retried, down
 * to single subscriptions (STYLE.md "Errors": one bad subscription is one row of the result, never
 * the end of the run): about 2·log2(chunk) extra transactions for one bad subscription.
 */
async function billChunk(ctx: Ctx, ids: readonly string[], date: string, issue: boolean, recognize: boolean, result: BillingRunResult): Promise<void> {
  try {
    const outcome = await inTransaction(ctx, (tx) => billSubscriptions(tx, ids, date, issue, recognize));
    result.invoicesDrafted += outcome.invoicesDrafted;
    result.creditNotesIssued += outcome.creditNotesIssued;
    result.invoicesIssued += outcome.invoicesIssued;
    result.recognitionEntries += outcome.recognitionEntries;
    for (const id of outcome.missing) result.errors.push(errorRow(id, notFound('subscription', id)));
  } catch (error) {
    if (ids.length > 1) {
      const half = Math.ceil(ids.length / 2);
      await billChunk(ctx, ids.slice(0, half), date, issue, recognize, result);
      await billChunk(ctx, ids.slice(half), date, issue, recognize, result);
      return;
    }
    const subscriptionId = ids[0] ?? '';
    ctx.log.warn({ err: error, subscriptionId }, 'billing run: subscription failed');
    result.errors.push(errorRow(subscriptionId, error));
  }
}

function errorRow(subscriptionId: string, error: unknown): BillingRunError {
  const code = error instanceof AppError ? error.code : 'internal_error';
  const message = error instanceof Error ? error.message : String(error);
  return { subscriptionId, code, message };
}

async function billSubscriptions(tx: TxCtx, ids: readonly string[], date: string, issue: boolean, recognize: boolean) {
  const { results: drafted, written } = await draftChunk(tx, ids, date, issue ? date : null);
  const billed = [...drafted.values()];
  const issued = issue ? await issueDueDrafts(tx, [...drafted.keys()], date, written, recognize) : { issued: [], recognitionEntries: 0 };
  return {
    invoicesDrafted: billed.reduce((sum, one) => sum + one.invoiceIds.length, 0),
    creditNotesIssued: billed.reduce((sum, one) => sum + one.creditNoteIds.length, 0),
    invoicesIssued: issued.issued.length,
    recognitionEntries: issued.recognitionEntries,
    missing: ids.filter((id) => !drafted.has(id)),
  };
}

/**
 * Every draft of these subscriptions due by the date — the ones this chunk has just made, as built
 * (held, not inserted: the issue writes them once, as issued; the subscriptions' row locks keep
 * every other writer of their invoices out until commit), and those left by earlier runs, read and
 * locked — in number order (subscription, billing date, sequence), issued and
 * (when `recognize`) recognised through the date in the chunk's transaction.
 */
async function issueDueDrafts(tx: TxCtx, subscriptionIds: readonly string[], date: string, written: WrittenDrafts, recognize: boolean): Promise<IssueBatchResult> {
  if (subscriptionIds.length === 0) return { issued: [], recognitionEntries: 0 };
  // The new drafts due by the date are the held ones (draftChunk held them through the date): none is in the table.
  const fresh = written.invoices.filter((invoice) => written.held.has(invoice.id));
  const earlier = await invoicingDb(tx).selectFrom('invoices').selectAll().where('subscription_id', 'in', [...subscriptionIds])
    .where('status', '=', 'draft').where('billing_date', '<=', date)
    .orderBy('subscription_id').orderBy('billing_date').orderBy('billing_sequence').forUpdate().execute();
  const drafts = [...earlier, ...fresh].sort(byNumberOrder);
  return issueDraftBatch(tx, drafts, { recognizeThrough: recognize ? date : null, knownLines: written.lines, unwritten: { ids: written.held, lines: written.lines } });
}

/** Subscription, billing date, sequence (code-point order: the same order for every run). */
function byNumberOrder(a: BilledInvoiceRow, b: BilledInvoiceRow): number {
  const sub = compareText(a.subscription_id ?? '', b.subscription_id ?? '');
  if (sub !== 0) return sub;
  const date = compareText(a.billing_date ?? '', b.billing_date ?? '');
  return date !== 0 ? date : (a.billing_sequence ?? 0) - (b.billing_sequence ?? 0);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Revline's own subscriptions that have started, and — once the cut-over date has come — imported
 * ones still in service on it (docs/billing.md "Imported subscriptions and cut-over"); before it,
 * imported subscriptions bill in their source system.
 */
function dueQuery(ctx: Ctx, date: string, cutOverDate: string | null) {
  const query = invoicingDb(ctx).selectFrom('subscriptions');
  if (cutOverDate === null || cutOverDate > date) return query.where('source_system', 'is', null).where('start_date', '<=', date);
  return query.where((eb) => eb.or([
    eb.and([eb('source_system', 'is', null), eb('start_date', '<=', date)]),
    eb.and([eb('source_system', 'is not', null), eb.or([eb('end_date', 'is', null), eb('end_date', '>', cutOverDate)])]),
  ]));
}

async function countDue(ctx: Ctx, date: string, cutOverDate: string | null): Promise<number> {
  const row = await dueQuery(ctx, date, cutOverDate).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function nextBatch(ctx: Ctx, date: string, cutOverDate: string | null, after: string, size: number): Promise<string[]> {
  const rows = await dueQuery(ctx, date, cutOverDate).select('id').where('id', '>', after).orderBy('id').limit(size).execute();
  return rows.map((row) => row.id);
}

async function startRun(ctx: Ctx, id: string, date: string, issue: boolean): Promise<void> {
  await invoicingDb(ctx).insertInto('billing_runs').values({
    id, run_date: date, issue, status: 'running', actor_id: ctx.actor.id ?? null, started_at: nowOf(ctx), finished_at: null,
  }).execute();
}

async function finishRun(ctx: Ctx, result: BillingRunResult): Promise<void> {
  await invoicingDb(ctx).updateTable('billing_runs').set({
    status: 'completed', subscriptions_total: result.subscriptions, invoices_created: result.invoicesDrafted,
    credit_notes_created: result.creditNotesIssued, invoices_issued: result.invoicesIssued, errors_count: result.errors.length,
    errors: JSON.stringify(result.errors), finished_at: nowOf(ctx),
  }).where('id', '=', result.runId).execute();
}
