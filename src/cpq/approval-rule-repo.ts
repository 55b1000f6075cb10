import type { Insertable } from 'kysely';
import { recordAudit } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { assert } from '../shared/errors.ts';
import { conditionSchema, type Condition } from './approval-conditions.ts';
import type { ApprovalRule } from './approval-plan.ts';
import { cpqDb, withConstraintErrors } from './cpq-db.ts';
import type { ApprovalRuleRow, ApprovalRulesTable } from './tables.ts';

/** The only module that touches `approval_rules`; every write here also writes its audit row. */

/** Stored conditions passed conditionSchema on the way in; parsing again turns a hand-edited row into a loud error. */
export function parseStoredCondition(value: unknown): Condition {
  return conditionSchema.parse(value);
}

export function toApprovalRule(row: ApprovalRuleRow): ApprovalRule & { createdAt: string; updatedAt: string; version: number } {
  return {
    id: row.id,
    name: row.name,
    active: row.active,
    condition: parseStoredCondition(row.condition),
    approverRole: row.approver_role,
    approverUserId: row.approver_user_id,
    level: row.level,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export async function findApprovalRuleRows(ctx: Ctx, filter: { active?: boolean | undefined } = {}): Promise<ApprovalRuleRow[]> {
  let query = cpqDb(ctx).selectFrom('approval_rules').selectAll();
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  return query.orderBy('level').orderBy('id').execute();
}

export async function findApprovalRuleRow(ctx: Ctx, id: string, lock?: 'update'): Promise<ApprovalRuleRow | undefined> {
  const query = cpqDb(ctx).selectFrom('approval_rules').selectAll().where('id', '=', id);
  return lock === 'update' ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

export async function insertApprovalRule(tx: TxCtx, row: Omit<Insertable<ApprovalRulesTable>, 'version'>): Promise<ApprovalRuleRow> {
  const inserted = await withConstraintErrors(cpqDb(tx).insertInto('approval_rules').values({ ...row, version: 1 }).returningAll().executeTakeFirstOrThrow());
  await recordAudit(tx, { action: 'create', entityType: 'approval_rule', entityId: row.id, before: null, after: inserted });
  return inserted;
}

export async function updateApprovalRuleRow(tx: TxCtx, before: ApprovalRuleRow, changes: Partial<Insertable<ApprovalRulesTable>>): Promise<ApprovalRuleRow> {
  const after = await withConstraintErrors(
    cpqDb(tx).updateTable('approval_rules').set({ ...changes, version: before.version + 1 })
      .where('id', '=', before.id).where('version', '=', before.version).returningAll().executeTakeFirst(),
  );
  assert(after, `approval rule ${before.id} changed under a row lock`);
  await recordAudit(tx, { action: 'update', entityType: 'approval_rule', entityId: before.id, before, after });
  return after;
}
