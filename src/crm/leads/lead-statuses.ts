import { inTransaction, type Ctx, type TxCtx } from '../../shared/context.ts';
import { AppError, assert, notFound } from '../../shared/errors.ts';
import { assertVersion, nowOf } from '../contacts/record-writes.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import type { LeadStage } from './schema.ts';
import {
  findDefaultLeadStatusRow, findLeadStatusRow, findLeadStatusRows, insertLeadStatus, lockLeadStatuses, toLeadStatus, updateLeadStatusRow,
} from './status-repo.ts';
import { createLeadStatusSchema, updateLeadStatusSchema, type CreateLeadStatusInput, type LeadStatus, type UpdateLeadStatusInput } from './status-schema.ts';

// The configurable lead lifecycle: statuses in the configured order. There is always exactly one
// default, in an open stage; making another status the default moves the flag (two audited rows).

export async function listLeadStatuses(ctx: Ctx): Promise<{ data: LeadStatus[] }> {
  return { data: (await findLeadStatusRows(ctx)).map(toLeadStatus) };
}

export async function createLeadStatus(ctx: Ctx, input: CreateLeadStatusInput): Promise<LeadStatus> {
  const fields = parseInput(createLeadStatusSchema, input);
  if (fields.isDefault) assertDefaultable(fields.stage);
  return inTransaction(ctx, async (tx) => {
    await lockLeadStatuses(tx);
    if (fields.isDefault) await clearDefault(tx);
    const now = nowOf(tx);
    const row = await insertLeadStatus(tx, {
      key: fields.key, label: fields.label, stage: fields.stage, sort_order: fields.sortOrder, is_default: fields.isDefault, created_at: now, updated_at: now,
    });
    return toLeadStatus(row);
  });
}

export type UpdateLeadStatusRequest = { key: string; expectedVersion: number; changes: UpdateLeadStatusInput };

/** Label, order and default can change; key and stage cannot (leads store both). */
export async function updateLeadStatus(ctx: Ctx, request: UpdateLeadStatusRequest): Promise<LeadStatus> {
  const changes = parseInput(updateLeadStatusSchema, request.changes);
  return inTransaction(ctx, async (tx) => {
    await lockLeadStatuses(tx);
    const before = await findLeadStatusRow(tx, request.key, 'update');
    if (!before) throw notFound('lead status', request.key);
    assertVersion('Lead status', { id: before.key, version: before.version }, request.expectedVersion);
    const set = {
      ...(changes.label !== undefined && changes.label !== before.label ? { label: changes.label } : {}),
      ...(changes.sortOrder !== undefined && changes.sortOrder !== before.sort_order ? { sort_order: changes.sortOrder } : {}),
      ...(changes.isDefault === true && !before.is_default ? { is_default: true } : {}),
    };
    if (Object.keys(set).length === 0) return toLeadStatus(before);
    if (set.is_default) {
      assertDefaultable(before.stage);
      await clearDefault(tx);
    }
    return toLeadStatus(await updateLeadStatusRow(tx, before, { ...set, updated_at: nowOf(tx) }));
  });
}

/** New leads start in the default, so it must be a stage a lead can be created in. */
function assertDefaultable(stage: LeadStage): void {
  if (stage === 'new' || stage === 'mql' || stage === 'sql') return;
  throw new AppError('business_rule_violated', `A ${stage} status cannot be the default for new leads`, {
    fieldErrors: [{ field: 'body.isDefault', message: 'the default must be in stage new, mql or sql' }],
  });
}

async function clearDefault(tx: TxCtx): Promise<void> {
  const current = await findDefaultLeadStatusRow(tx);
  assert(current, 'lead_statuses has no default');
  const locked = await findLeadStatusRow(tx, current.key, 'update');
  assert(locked, `default lead status ${current.key} vanished`);
  await updateLeadStatusRow(tx, locked, { is_default: false, updated_at: nowOf(tx) });
}
