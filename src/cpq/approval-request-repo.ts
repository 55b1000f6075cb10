import { sql, type Insertable } from 'kysely';
import type { CrmTables, OpportunityTables } from '../crm/index.ts';
import { recordAudit, type AuditAction } from '../shared/audit.ts';
import type { Actor } from '../shared/access.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { assert } from '../shared/errors.ts';
import { snapshotFromJson, type ApprovalGrant } from './approval-plan.ts';
import { parseStoredCondition } from './approval-rule-repo.ts';
import { cpqDb, nowOf } from './cpq-db.ts';
import type { ApprovalRequest } from './rule-schema.ts';
import { isApproverRole, type ApprovalRequestRow, type QuoteApprovalRequestsTable } from './tables.ts';

/** The only module that touches `quote_approval_requests`; every write here also writes its audit row. */

export type RequestColumns = Insertable<QuoteApprovalRequestsTable>;

export function toApprovalRequest(row: ApprovalRequestRow): ApprovalRequest {
  return {
    id: row.id,
    quoteId: row.quote_id,
    ruleId: row.rule_id,
    level: row.level,
    approverRole: row.approver_role,
    approverUserId: row.approver_user_id,
    status: row.status,
    snapshot: row.snapshot as ApprovalRequest['snapshot'],
    requestedBy: row.requested_by,
    requestedAt: row.requested_at.toISOString(),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at === null ? null : row.decided_at.toISOString(),
    comment: row.comment,
  };
}

export async function findRequestRows(ctx: Ctx, quoteId: string): Promise<ApprovalRequestRow[]> {
  return cpqDb(ctx).selectFrom('quote_approval_requests').selectAll().where('quote_id', '=', quoteId).orderBy('level').orderBy('id').execute();
}

export async function findRequestRow(ctx: Ctx, quoteId: string, id: string, lock?: 'update'): Promise<ApprovalRequestRow | undefined> {
  const query = cpqDb(ctx).selectFrom('quote_approval_requests').selectAll().where('id', '=', id).where('quote_id', '=', quoteId);
  return lock === 'update' ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

export async function insertRequest(tx: TxCtx, row: RequestColumns): Promise<ApprovalRequestRow> {
  const inserted = await cpqDb(tx).insertInto('quote_approval_requests').values(row).returningAll().executeTakeFirstOrThrow();
  await recordAudit(tx, { action: 'create', entityType: 'approval_request', entityId: row.id, before: null, after: inserted });
  return inserted;
}

/** Decides a pending request (approve, reject, cancel); the caller holds the quote's row lock. */
export async function decideRequest(
  tx: TxCtx,
  before: ApprovalRequestRow,
  decision: { status: 'approved' | 'rejected' | 'cancelled'; comment: string | null },
  action: AuditAction,
): Promise<ApprovalRequestRow> {
  const after = await cpqDb(tx)
    .updateTable('quote_approval_requests')
    .set({ status: decision.status, comment: decision.comment, decided_by: tx.actor.id, decided_at: nowOf(tx) })
    .where('id', '=', before.id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  assert(after, `approval request ${before.id} was decided under its quote's row lock`);
  await recordAudit(tx, { action, entityType: 'approval_request', entityId: before.id, before, after });
  return after;
}

/** Cancels what is still open on a quote that changed under it; the reason lands in each comment. */
export async function cancelPendingRequests(tx: TxCtx, quoteId: string, reason: string): Promise<void> {
  for (const row of await findRequestRows(tx, quoteId)) {
    if (row.status === 'pending') await decideRequest(tx, row, { status: 'cancelled', comment: reason }, 'cancel');
  }
}

/** Approvals granted on the quote so far: what the re-approval check measures an edit against. */
export async function findGrants(ctx: Ctx, quoteId: string): Promise<ApprovalGrant[]> {
  const rows = await cpqDb(ctx).selectFrom('quote_approval_requests').select(['rule_id', 'snapshot'])
    .where('quote_id', '=', quoteId).where('status', '=', 'approved').execute();
  return rows.map((row) => ({ ruleId: row.rule_id, snapshot: snapshotFromJson(row.snapshot, parseStoredCondition) }));
}

/**
 * Requests waiting for this actor: pending, routed to them by user id or by role, on a level that
 * is open (no lower level of the same quote still pending), and not on a quote they own or
 * submitted — those they may never decide (segregation of duties), so they are not theirs to wait on.
 */
/**
 * The inbox reads the quote's account and opportunity names in the same query: crm comes before cpq
 * (docs/architecture.md), so cpq may read crm's tables by their exported types, read-only. Left joins,
 * so a quote whose names are gone still waits in the inbox (a deleted record keeps its row and name).
 */
export async function findInboxRows(ctx: Ctx, actor: Actor, page: { limit: number; afterId: string | null }) {
  const role = isApproverRole(actor.role) ? actor.role : null;
  let query = cpqDb(ctx)
    .withTables<Pick<CrmTables, 'accounts'> & Pick<OpportunityTables, 'opportunities'>>()
    .selectFrom('quote_approval_requests as r')
    .innerJoin('quotes as q', 'q.id', 'r.quote_id')
    .innerJoin('approval_rules as ar', 'ar.id', 'r.rule_id')
    .leftJoin('accounts as a', 'a.id', 'q.account_id')
    .leftJoin('opportunities as o', 'o.id', 'q.opportunity_id')
    .selectAll('r')
    .select(['ar.name as rule_name', 'q.owner_user_id', 'q.opportunity_id', 'q.account_id', 'q.currency', 'q.tcv_minor', 'q.version_number'])
    .select(['a.name as account_name', 'o.name as opportunity_name'])
    .where('r.status', '=', 'pending')
    .where('q.status', '=', 'pending_approval')
    .where('q.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('r.approver_user_id', '=', actor.id), ...(role === null ? [] : [eb('r.approver_role', '=', role)])]))
    .where(sql<boolean>`q.owner_user_id is distinct from ${actor.id} and q.submitted_by is distinct from ${actor.id}`)
    .where(sql<boolean>`not exists (select 1 from quote_approval_requests lower where lower.quote_id = r.quote_id and lower.status = 'pending' and lower.level < r.level)`);
  if (page.afterId !== null) query = query.where('r.id', '>', page.afterId);
  return query.orderBy('r.id').limit(page.limit).execute();
}
