import { listLedgerPeriods } from '../ledger/index.ts';
import type { Ctx } from '../shared/context.ts';
import { parsePlainDate, toIsoDate } from '../shared/dates.ts';
import { ruleError } from './field-errors.ts';

/**
 * Issue #5: a change may be back-dated "up to the last closed period". A closed month has been
 * signed off, so a change taking effect in it — or in any month before the latest closed one —
 * would rewrite figures finance reported. The earliest allowed date is the first day after the
 * latest closed month (ledger periods are calendar months, docs/ledger.md "Periods").
 */
export async function assertAfterClosedPeriods(ctx: Ctx, dates: ReadonlyArray<{ date: string | null; field: string }>): Promise<void> {
  const lastClosed = (await listLedgerPeriods(ctx)).find((period) => period.status === 'closed');
  if (!lastClosed) return;
  const earliest = toIsoDate(parsePlainDate(`${lastClosed.period}-01`).add({ months: 1 }));
  for (const { date, field } of dates) {
    if (date === null || date >= earliest) continue;
    throw ruleError(
      field,
      `must be on or after ${earliest}: the ledger is closed through ${lastClosed.period}`,
      `${field} ${date} is in a closed ledger period: the ledger is closed through ${lastClosed.period}, so a change can take effect on ${earliest} at the earliest (reopen the period to back-date further)`,
    );
  }
}
