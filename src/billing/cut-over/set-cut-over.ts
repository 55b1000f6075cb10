import { z } from 'zod';
import { recordAudit } from '../../shared/audit.ts';
import { inTransaction, type Ctx, type TxCtx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { plainDateSchema } from '../../shared/validation/field-schemas.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { nowOf } from '../billing-db.ts';
import { invoicingDb } from '../invoicing/tables.ts';
import { cutOverDb } from './cut-over-tables.ts';

export const cutOverInputSchema = z.strictObject({
  date: plainDateSchema.describe('First day Revline bills imported subscriptions; the old system billed the days before it'),
});
export type CutOverInput = z.input<typeof cutOverInputSchema>;
export type CutOver = { date: string | null; openingPosted: boolean };

/** The cut-over date (null until set). */
export async function findCutOverDate(ctx: Ctx): Promise<string | null> {
  const row = await cutOverDb(ctx).selectFrom('billing_cut_over').select('cut_over_date').executeTakeFirst();
  return row?.cut_over_date ?? null;
}

export async function getCutOver(ctx: Ctx): Promise<CutOver> {
  const date = await findCutOverDate(ctx);
  const opened = await cutOverDb(ctx).selectFrom('billing_cut_over_openings').select('invoice_id').limit(1).executeTakeFirst();
  return { date, openingPosted: opened !== undefined };
}

/**
 * Sets the cut-over date (docs/billing.md "Imported subscriptions and cut-over"), audited. Why the
 * guards: once Revline billed an imported subscription, an earlier date would bill days the old
 * system billed, and a later one would credit days Revline billed; once opening balances were
 * posted as of the date, they would no longer be the balances at the cut-over. Both are 409s.
 * The row lock queues the change behind billing chunks that read the date (FOR SHARE).
 */
export async function setCutOver(ctx: Ctx, input: CutOverInput): Promise<CutOver> {
  const { date } = parseInput(cutOverInputSchema, input);
  return inTransaction(ctx, async (tx) => {
    const db = cutOverDb(tx);
    const before = await db.selectFrom('billing_cut_over').select('cut_over_date').forUpdate().executeTakeFirst();
    if (before?.cut_over_date === date) return getCutOver(tx);
    if (before) await assertMovable(tx, before.cut_over_date, date);
    const values = { cut_over_date: date, updated_at: nowOf(tx) };
    await db.insertInto('billing_cut_over').values({ id: true, ...values }).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
    await recordAudit(tx, {
      action: before ? 'update' : 'create', entityType: 'billing_cut_over', entityId: 'default',
      before: before ? { date: before.cut_over_date } : null, after: { date },
    });
    return getCutOver(tx);
  });
}

async function assertMovable(tx: TxCtx, from: string, to: string): Promise<void> {
  const opened = await cutOverDb(tx).selectFrom('billing_cut_over_openings').select('invoice_id').limit(1).executeTakeFirst();
  if (opened) {
    throw movingError(`opening balances were posted as of the cut-over ${from} (invoice ${opened.invoice_id}); the cut-over can no longer move`);
  }
  const billed = await firstBilledImportedLine(tx, to > from ? to : null);
  if (billed === undefined) return;
  throw movingError(to < from
    ? `Revline has billed imported subscription ${billed.subscriptionId} from the cut-over ${from}; an earlier cut-over would bill again days the old system billed`
    : `Revline has billed imported subscription ${billed.subscriptionId} for days from ${billed.periodStartDate ?? from}; a cut-over after them would credit what was billed`);
}

function movingError(detail: string): AppError {
  return new AppError('conflict', detail, { fieldErrors: [{ field: 'body.date', message: detail }] });
}

/** A line Revline billed (engine invoices have a billing date) on an imported subscription; with `before`, only lines serving days before it. */
async function firstBilledImportedLine(tx: TxCtx, before: string | null): Promise<{ subscriptionId: string; periodStartDate: string | null } | undefined> {
  let query = invoicingDb(tx).selectFrom('invoice_lines')
    .innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
    .innerJoin('subscriptions', 'subscriptions.id', 'invoices.subscription_id')
    .select(['subscriptions.id as subscriptionId', 'invoice_lines.period_start_date as periodStartDate'])
    .where('subscriptions.source_system', 'is not', null).where('invoices.billing_date', 'is not', null);
  if (before !== null) query = query.where('invoice_lines.period_start_date', '<', before);
  return query.orderBy('invoice_lines.period_start_date').limit(1).executeTakeFirst();
}
