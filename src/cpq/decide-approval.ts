import { isOwnerInScope, ownerScope } from '../crm/index.ts';
import { inTransaction, type Ctx, type TxCtx } from '../shared/context.ts';
import { AppError, forbidden, notFound } from '../shared/errors.ts';
import { cancelPendingRequests, decideRequest, findRequestRow, findRequestRows, toApprovalRequest } from './approval-request-repo.ts';
import { nowOf } from './cpq-db.ts';
import { toQuote } from './quote-json.ts';
import { findLineRows } from './quote-line-repo.ts';
import { getQuoteRow, updateQuoteRow } from './quote-repo.ts';
import type { QuoteApprovalState } from './submit-quote.ts';
import type { ApprovalRequestRow, QuoteRow } from './tables.ts';

export type DecisionRequest = { quoteId: string; requestId: string; comment?: string | undefined };

/** Approves one request; when no request of the quote is left pending, the quote is approved. */
export async function approveQuoteRequest(ctx: Ctx, request: DecisionRequest): Promise<QuoteApprovalState> {
  return decide(ctx, request, async (tx, quote, row) => {
    await decideRequest(tx, row, { status: 'approved', comment: request.comment ?? null }, 'approve');
    const stillPending = (await findRequestRows(tx, quote.id)).some((other) => other.status === 'pending');
    return stillPending ? quote : updateQuoteRow(tx, quote, { status: 'approved', approved_at: nowOf(tx) }, 'approve');
  });
}

/** Rejects one request: the quote is rejected and its other open requests are cancelled. */
export async function rejectQuoteRequest(ctx: Ctx, request: DecisionRequest): Promise<QuoteApprovalState> {
  return decide(ctx, request, async (tx, quote, row) => {
    await decideRequest(tx, row, { status: 'rejected', comment: request.comment ?? null }, 'reject');
    await cancelPendingRequests(tx, quote.id, `request ${row.id} was rejected`);
    return updateQuoteRow(tx, quote, { status: 'rejected' }, 'reject');
  });
}

type Decision = (tx: TxCtx, quote: QuoteRow, request: ApprovalRequestRow) => Promise<QuoteRow>;

async function decide(ctx: Ctx, request: DecisionRequest, apply: Decision): Promise<QuoteApprovalState> {
  return inTransaction(ctx, async (tx) => {
    // Approvers need not own the quote: the request itself entitles them (checked below), so the
    // quote is read unscoped and the lock serialises every decision on it.
    const quote = await getQuoteRow(tx, null, request.quoteId, 'update');
    const row = await findRequestRow(tx, quote.id, request.requestId, 'update');
    if (!row) throw notFound('approval request', request.requestId);
    await assertMayDecide(tx, quote, row);
    const after = await apply(tx, quote, row);
    return {
      quote: toQuote(after, await findLineRows(tx, after.id), tx.clock.today()),
      approvalRequests: (await findRequestRows(tx, after.id)).map(toApprovalRequest),
    };
  });
}

/**
 * Who may decide, in the order the answers are given:
 * - someone who is neither the approver nor able to see the quote learns nothing (404);
 * - the quote's owner, and whoever submitted it, never decide it: segregation of duties (403);
 * - the approver named by the request — its user, or anyone with its role (403 otherwise);
 * - only an open request: pending, on the lowest level still pending (409 otherwise).
 */
async function assertMayDecide(tx: TxCtx, quote: QuoteRow, row: ApprovalRequestRow): Promise<void> {
  const { actor } = tx;
  const isApprover = row.approver_user_id === actor.id || (row.approver_role !== null && row.approver_role === actor.role);
  if (!isApprover && !isOwnerInScope(await ownerScope(tx), quote.owner_user_id)) throw notFound('quote', quote.id);
  if (quote.owner_user_id === actor.id || quote.submitted_by === actor.id) {
    throw forbidden(`You ${quote.owner_user_id === actor.id ? 'own' : 'submitted'} quote ${quote.id}, so you cannot decide its approvals (segregation of duties)`);
  }
  if (!isApprover) {
    throw forbidden(`Request ${row.id} waits for ${row.approver_user_id === null ? `the ${row.approver_role ?? ''} role` : `user ${row.approver_user_id}`}, not for you`);
  }
  if (row.status !== 'pending' || quote.status !== 'pending_approval') {
    throw new AppError('conflict', `Request ${row.id} is ${row.status} (quote ${quote.status}); only a pending request can be decided`, { extra: { requestStatus: row.status } });
  }
  const lowest = Math.min(...(await findRequestRows(tx, quote.id)).filter((other) => other.status === 'pending').map((other) => other.level));
  if (row.level > lowest) {
    throw new AppError('conflict', `Request ${row.id} is on level ${row.level}; it opens once every level ${lowest} request is approved`, { extra: { level: row.level, openLevel: lowest } });
  }
}
