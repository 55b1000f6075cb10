import { z } from 'zod';
import type { Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/context.ts';
import { AppError, forbidden } from '../shared/errors.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { assertPeriodEnded } from './period-rules.ts';
import { findPeriodRow, listPeriodRows, lockPeriod, toLedgerPeriod, writePeriodRow } from './repo-periods.ts';
import { closePeriodSchema, periodSchema, reopenPeriodSchema, type LedgerPeriod } from './schema.ts';

const periodParams = z.object({ period: periodSchema });

/** Months that were ever closed, newest first; a month not listed is open. */
export async function listLedgerPeriods(ctx: Ctx): Promise<LedgerPeriod[]> {
  return (await listPeriodRows(ctx)).map(toLedgerPeriod);
}

/**
 * Closes a month: from then on nothing posts into it, and reversals of its entries land in the
 * first open month after it (period-rules.ts). Admin only, audited. Waits for postings into the
 * month that are in flight (lockPeriod), so none slips in after the close.
 */
export async function closePeriod(ctx: Ctx, period: string, input: { reason?: string } = {}): Promise<LedgerPeriod> {
  assertAdmin(ctx);
  const { period: month } = parseInput(periodParams, { period }, 'params');
  const { reason } = parseInput(closePeriodSchema, input);
  assertPeriodEnded(month, ctx.clock.today());
  return inTransaction(ctx, async (tx) => {
    await lockPeriod(tx, month, 'exclusive');
    const before = await findPeriodRow(tx, month);
    if (before?.status === 'closed') throw new AppError('conflict', `Period ${month} is already closed`, { extra: { period: month } });
    const now = new Date(tx.clock.now().epochMilliseconds);
    const after = { period: month, status: 'closed' as const, closed_at: now, closed_by: tx.actor.id, reason: reason ?? null, updated_at: now };
    return toLedgerPeriod(await writePeriodRow(tx, before, after, 'close'));
  });
}

/** Reopens a closed month so that it takes postings again. Admin only, with a reason, audited. */
export async function reopenPeriod(ctx: Ctx, period: string, input: { reason: string }): Promise<LedgerPeriod> {
  assertAdmin(ctx);
  const { period: month } = parseInput(periodParams, { period }, 'params');
  const { reason } = parseInput(reopenPeriodSchema, input);
  return inTransaction(ctx, async (tx) => {
    await lockPeriod(tx, month, 'exclusive');
    const before = await findPeriodRow(tx, month);
    if (before?.status !== 'closed') throw new AppError('conflict', `Period ${month} is not closed`, { extra: { period: month } });
    const now = new Date(tx.clock.now().epochMilliseconds);
    const after = { period: month, status: 'open' as const, closed_at: null, closed_by: null, reason, updated_at: now };
    return toLedgerPeriod(await writePeriodRow(tx, before, after, 'reopen'));
  });
}

/** Checked here too, not only on the route: the CLI and jobs call services directly. */
function assertAdmin(ctx: Ctx): void {
  if (ctx.actor.role !== 'admin') throw forbidden('Only an admin may close or reopen a ledger period');
}
