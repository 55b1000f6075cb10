import type { AuditAction } from '../shared/audit.ts';
import { ownerScope } from '../crm/index.ts';
import { inTransaction, type Ctx, type TxCtx } from '../shared/context.ts';
import { toIsoDate } from '../shared/dates.ts';
import { assertAfterClosedPeriods } from './closed-period-guard.ts';
import { spansOverlap } from './date-spans.ts';
import { plainDateSchema } from './fields.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { ruleError } from './field-errors.ts';
import {
  assertExpectedVersion, auditSubscription, closeOpenPause, getSubscriptionRow, insertPause, loadSubscriptionDetail, updateSubscriptionRow,
} from './subscription-repo.ts';
import { assertInService, deriveStatus } from './subscription-rules.ts';
import type { SubscriptionDetail } from './subscription-schema.ts';

export type PauseSubscriptionRequest = { id: string; pauseDate: string; resumeDate?: string | null; expectedVersion?: number };
export type ResumeSubscriptionRequest = { id: string; resumeDate: string; expectedVersion?: number };

/**
 * Pause from `pauseDate` (inclusive) until `resumeDate` (exclusive; null = until resumed). A
 * paused subscription contributes no MRR (subscription-mrr.ts); item versions are untouched, so
 * resuming needs no new versions. Pauses of one subscription never overlap.
 */
export async function pauseSubscription(ctx: Ctx, request: PauseSubscriptionRequest): Promise<SubscriptionDetail> {
  const pauseDate = parseInput(plainDateSchema, request.pauseDate, 'body.pauseDate');
  const resumeDate = request.resumeDate == null ? null : parseInput(plainDateSchema, request.resumeDate, 'body.resumeDate');
  if (resumeDate !== null && resumeDate <= pauseDate) throw ruleError('body.resumeDate', 'must be after pauseDate');
  return withLockedSubscription(ctx, request, 'pause', async (tx, before) => {
    assertInService(before, pauseDate, 'body.pauseDate');
    await assertAfterClosedPeriods(tx, [{ date: pauseDate, field: 'body.pauseDate' }, { date: resumeDate, field: 'body.resumeDate' }]);
    if (before.pauses.some((pause) => spansOverlap({ from: pause.startDate, to: pause.endDate }, { from: pauseDate, to: resumeDate }))) {
      throw ruleError('body.pauseDate', 'overlaps an existing pause');
    }
    await insertPause(tx, before.id, pauseDate, resumeDate);
    return [...before.pauses, { startDate: pauseDate, endDate: resumeDate }];
  });
}

/** Ends the open pause on `resumeDate` (the first day billed again). */
export async function resumeSubscription(ctx: Ctx, request: ResumeSubscriptionRequest): Promise<SubscriptionDetail> {
  const resumeDate = parseInput(plainDateSchema, request.resumeDate, 'body.resumeDate');
  return withLockedSubscription(ctx, request, 'resume', async (tx, before) => {
    const open = before.pauses.find((pause) => pause.endDate === null);
    if (!open) throw ruleError('body.resumeDate', 'the subscription has no open pause');
    if (resumeDate <= open.startDate) throw ruleError('body.resumeDate', `must be after the pause start ${open.startDate}`);
    await assertAfterClosedPeriods(tx, [{ date: resumeDate, field: 'body.resumeDate' }]);
    await closeOpenPause(tx, before.id, resumeDate);
    return before.pauses.map((pause) => (pause === open ? { ...pause, endDate: resumeDate } : pause));
  });
}

type PauseWrite = (tx: TxCtx, before: SubscriptionDetail) => Promise<SubscriptionDetail['pauses']>;

/** Lock, check the version, write the pause change, refresh the status, audit: shared by both verbs. */
async function withLockedSubscription(ctx: Ctx, request: { id: string; expectedVersion?: number }, action: AuditAction, write: PauseWrite) {
  const today = toIsoDate(ctx.clock.today());
  const scope = await ownerScope(ctx);
  return inTransaction(ctx, async (tx) => {
    const row = await getSubscriptionRow(tx, scope, request.id, true);
    assertExpectedVersion(row, request.expectedVersion);
    const before = await loadSubscriptionDetail(tx, row);
    const pauses = await write(tx, before);
    const status = deriveStatus({ ...before, pauses }, today);
    return auditSubscription(tx, action, before, await updateSubscriptionRow(tx, row, { status }));
  });
}
