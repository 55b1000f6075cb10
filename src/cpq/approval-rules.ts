import { getUser } from '../identity/index.ts';
import { inTransaction, type Ctx } from '../shared/context.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { canonicalJson } from '../shared/json.ts';
import { findApprovalRuleRow, findApprovalRuleRows, insertApprovalRule, toApprovalRule, updateApprovalRuleRow } from './approval-rule-repo.ts';
import { fieldError, nowOf, versionConflict } from './cpq-db.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { createApprovalRuleSchema, updateApprovalRuleSchema, type CreateApprovalRuleInput, type UpdateApprovalRuleInput } from './rule-schema.ts';
import { isApproverRole } from './tables.ts';

export type ApprovalRuleJson = ReturnType<typeof toApprovalRule>;

export async function listApprovalRules(ctx: Ctx, filter: { active?: boolean | undefined } = {}): Promise<ApprovalRuleJson[]> {
  return (await findApprovalRuleRows(ctx, filter)).map(toApprovalRule);
}

export async function createApprovalRule(ctx: Ctx, input: CreateApprovalRuleInput): Promise<ApprovalRuleJson> {
  const rule = parseInput(createApprovalRuleSchema, input);
  await assertApproverUsable(ctx, rule.approverUserId);
  const now = nowOf(ctx);
  return inTransaction(ctx, async (tx) => toApprovalRule(await insertApprovalRule(tx, {
    id: newId('rul'), name: rule.name, active: rule.active, condition: canonicalJson(rule.condition), approver_role: rule.approverRole,
    approver_user_id: rule.approverUserId, level: rule.level, created_at: now, updated_at: now,
  })));
}

/**
 * Changing a rule's condition ends the approvals granted under the old one: a grant covers a
 * quote only while the rule still has the condition it was granted for (approval-plan.ts).
 */
export async function updateApprovalRule(ctx: Ctx, request: { id: string; expectedVersion: number; changes: UpdateApprovalRuleInput }): Promise<ApprovalRuleJson> {
  const changes = parseInput(updateApprovalRuleSchema, request.changes);
  if (changes.approverUserId) await assertApproverUsable(ctx, changes.approverUserId);
  return inTransaction(ctx, async (tx) => {
    const before = await findApprovalRuleRow(tx, request.id, 'update');
    if (!before) throw notFound('approval rule', request.id);
    if (before.version !== request.expectedVersion) throw versionConflict('Approval rule', before.id, before.version, request.expectedVersion);
    const approverRole = changes.approverRole !== undefined ? changes.approverRole : changes.approverUserId ? null : before.approver_role;
    const approverUserId = changes.approverUserId !== undefined ? changes.approverUserId : changes.approverRole ? null : before.approver_user_id;
    if ((approverRole === null) === (approverUserId === null)) throw fieldError('body.approverRole', 'name exactly one of approverRole and approverUserId');
    return toApprovalRule(await updateApprovalRuleRow(tx, before, {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
      ...(changes.condition !== undefined ? { condition: canonicalJson(changes.condition) } : {}),
      ...(changes.level !== undefined ? { level: changes.level } : {}),
      approver_role: approverRole,
      approver_user_id: approverUserId,
      updated_at: nowOf(tx),
    }));
  });
}

/** A named approver must be able to reach the approval routes, or the request would wait forever. */
async function assertApproverUsable(ctx: Ctx, userId: string | null): Promise<void> {
  if (userId === null) return;
  const user = await getUser(ctx, userId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') throw fieldError('body.approverUserId', 'unknown user', `User ${userId} does not exist`);
    throw error;
  });
  if (!isApproverRole(user.role) || user.disabled) throw fieldError('body.approverUserId', `user ${userId} cannot approve (role ${user.role}${user.disabled ? ', disabled' : ''})`);
}
