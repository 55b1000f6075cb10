import type { TxCtx } from '../../shared/context.ts';
import type { SubscriptionDetail } from '../subscription-schema.ts';
import { cutOverDb } from './cut-over-tables.ts';

/**
 * The cut-over date as a billing chunk sees it: read FOR SHARE, so a concurrent change of the date
 * (setCutOver locks the row FOR UPDATE) waits for the chunk to commit and then sees what it billed.
 */
export async function readCutOverForBilling(tx: TxCtx): Promise<string | null> {
  const row = await cutOverDb(tx).selectFrom('billing_cut_over').select('cut_over_date').forShare().executeTakeFirst();
  return row?.cut_over_date ?? null;
}

/**
 * An imported subscription as the billing engine bills it (docs/billing.md "Imported subscriptions
 * and cut-over"): in service for Revline from the cut-over on — the old system billed the days
 * before it — so the period straddling the cut-over is prorated from the cut-over day by the usual
 * rule; its billing anchor stays the imported one. Without a cut-over nothing of it is billed.
 * Revline's own subscriptions are returned unchanged.
 */
export function billedFromCutOver(subject: SubscriptionDetail, cutOverDate: string | null): SubscriptionDetail {
  if (subject.sourceSystem === null) return subject;
  if (cutOverDate === null) return { ...subject, endDate: subject.startDate };
  return subject.startDate >= cutOverDate ? subject : { ...subject, startDate: cutOverDate };
}
