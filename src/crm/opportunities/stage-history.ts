import { inTransaction, type Ctx } from '../../shared/context.ts';
import { AppError, type FieldError } from '../../shared/errors.ts';
import { money, moneyToJson } from '../../shared/money.ts';
import { findStage } from '../pipeline/index.ts';
import { ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { findStageHistoryRows, replaceStageRows, type NewStageRow } from './repo-history.ts';
import { getOpportunityRow } from './repo.ts';
import { stageHistoryImportSchema, type StageHistoryEntry, type StageHistoryImportEntry } from './schema.ts';
import { assertOpportunityWritable } from './scope.ts';
import type { OpportunityRow, StageHistoryRow } from './tables.ts';

/** The stays of a visible opportunity in its stages, oldest first, with the time spent in each. */
export async function listStageHistory(ctx: Ctx, opportunityId: string): Promise<StageHistoryEntry[]> {
  await getOpportunityRow(ctx, await ownerScope(ctx), opportunityId);
  const nowMs = ctx.clock.now().epochMilliseconds;
  return (await findStageHistoryRows(ctx, opportunityId)).map((row) => toEntry(row, nowMs));
}

function toEntry(row: StageHistoryRow, nowMs: number): StageHistoryEntry {
  return {
    stage: row.stage_key,
    enteredAt: row.entered_at.toISOString(),
    leftAt: row.left_at?.toISOString() ?? null,
    timeInStageMs: (row.left_at?.getTime() ?? nowMs) - row.entered_at.getTime(),
    amountAtEntry: moneyToJson(money(row.amount_minor, row.currency)),
    actorId: row.actor_id,
  };
}

/**
 * For the import engine: replaces an opportunity's stage history with one taken from the source
 * system, so re-importing the same history is a no-op in effect. The entries must be in order and
 * must not overlap (a gap is allowed: time the source did not record); only the last is current
 * (leftAt null) and it must be the opportunity's stage. Errors name `body.entries.<i>.<field>`.
 */
export async function recordStageHistory(ctx: Ctx, opportunityId: string, entries: StageHistoryImportEntry[]): Promise<StageHistoryEntry[]> {
  const parsed = parseInput(stageHistoryImportSchema, entries, 'body.entries');
  const scope = await ownerScope(ctx);
  return inTransaction(ctx, async (tx) => {
    const opportunity = await getOpportunityRow(tx, scope, opportunityId, 'update');
    assertOpportunityWritable(scope, opportunity);
    const rows = parsed.map((entry) => ({
      opportunity_id: opportunityId,
      stage_key: entry.stage,
      entered_at: new Date(entry.enteredAt),
      left_at: entry.leftAt === null ? null : new Date(entry.leftAt),
      amount_minor: entry.amountAtEntry ? BigInt(entry.amountAtEntry.amountMinor) : opportunity.amount_minor,
      currency: entry.amountAtEntry?.currency ?? opportunity.currency,
      actor_id: entry.actorId ?? tx.actor.id,
    }));
    const errors = [...checkTimeline(rows, opportunity, tx.clock.now().epochMilliseconds), ...(await checkStages(tx, rows))];
    if (errors.length > 0) throw new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { fieldErrors: errors });
    await replaceStageRows(tx, opportunityId, rows);
    const nowMs = tx.clock.now().epochMilliseconds;
    return (await findStageHistoryRows(tx, opportunityId)).map((row) => toEntry(row, nowMs));
  });
}

function checkTimeline(rows: NewStageRow[], opportunity: OpportunityRow, nowMs: number): FieldError[] {
  const errors: FieldError[] = [];
  const at = (i: number, field: string, message: string) => errors.push({ field: `body.entries.${i}.${field}`, message });
  rows.forEach((row, i) => {
    const last = i === rows.length - 1;
    if (row.entered_at.getTime() > nowMs) at(i, 'enteredAt', 'is in the future');
    if (row.left_at && row.left_at.getTime() > nowMs) at(i, 'leftAt', 'is in the future');
    if (row.left_at && row.left_at < row.entered_at) at(i, 'leftAt', 'is before enteredAt');
    if (!last && row.left_at === null) at(i, 'leftAt', 'only the last entry is current; give the time the stage was left');
    const next = rows[i + 1];
    if (next && row.left_at && next.entered_at < row.left_at) at(i + 1, 'enteredAt', `overlaps entry ${i}, left at ${row.left_at.toISOString()}`);
    if (last && row.left_at !== null) at(i, 'leftAt', 'the last entry is the current stage and has no leftAt');
    if (last && row.stage_key !== opportunity.stage_key) at(i, 'stage', `the last entry must be the opportunity's stage ${opportunity.stage_key}`);
  });
  return errors;
}

/** Historical stages may be inactive now, but must exist (the foreign key would refuse them as a 500). */
async function checkStages(ctx: Ctx, rows: NewStageRow[]): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const [i, row] of rows.entries()) {
    if (!(await findStage(ctx, row.stage_key))) errors.push({ field: `body.entries.${i}.stage`, message: 'unknown stage' });
  }
  return errors;
}
