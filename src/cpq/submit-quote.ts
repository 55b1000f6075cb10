import { ownerScope } from '../crm/index.ts';
import { inTransaction, type Ctx, type TxCtx } from '../shared/context.ts';
import { toIsoDate } from '../shared/dates.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { toJsonText } from '../shared/json.ts';
import { firingRules, snapshotToJson, uncoveredRules } from './approval-plan.ts';
import { findGrants, findRequestRows, insertRequest, toApprovalRequest } from './approval-request-repo.ts';
import { findApprovalRuleRows, toApprovalRule } from './approval-rule-repo.ts';
import { nowOf, versionConflict } from './cpq-db.ts';
import { loadQuoteContext, type QuoteContext } from './quote-context.ts';
import { toQuote } from './quote-json.ts';
import { getQuoteRow, updateQuoteRow } from './quote-repo.ts';
import type { Quote } from './quote-schema.ts';
import type { ApprovalRequest } from './rule-schema.ts';
import { assertConfigurationValid, assertValidationsPass } from './submit-checks.ts';
import type { QuoteRow } from './tables.ts';

export type QuoteApprovalState = { quote: Quote; approvalRequests: ApprovalRequest[] };

/**
 * Submits a draft (or a rejected quote) for approval, in order (docs/cpq.md "Submit"):
 * 1. configuration rules — an invalid configuration is refused (422 naming the rule);
 * 2. validation rules — refused (422 naming the rule) unless overridden for this quote;
 * 3. approval rules — one request per firing rule not already covered by an approval granted on
 *    this quote; none left → approved at once, else pending_approval.
 */
export async function submitQuote(ctx: Ctx, request: { id: string; expectedVersion?: number | undefined }): Promise<QuoteApprovalState> {
  return inTransaction(ctx, async (tx) => {
    const before = await getQuoteRow(tx, await ownerScope(tx), request.id, 'update');
    if (request.expectedVersion !== undefined && before.version !== request.expectedVersion) throw versionConflict('Quote', before.id, before.version, request.expectedVersion);
    assertSubmittable(tx, before);
    const context = await loadQuoteContext(tx, before);
    if (context.lines.length === 0) throw new AppError('business_rule_violated', `Quote ${before.id} has no lines; add at least one before submitting`);
    await assertConfigurationValid(tx, context);
    await assertValidationsPass(tx, context);
    const opened = await openApprovalRequests(tx, context);
    const now = nowOf(tx);
    const after = await updateQuoteRow(tx, before, {
      status: opened === 0 ? 'approved' : 'pending_approval', submitted_by: tx.actor.id, submitted_at: now, approved_at: opened === 0 ? now : null,
    }, 'submit');
    return { quote: toQuote(after, context.lines, tx.clock.today()), approvalRequests: (await findRequestRows(tx, after.id)).map(toApprovalRequest) };
  });
}

function assertSubmittable(tx: TxCtx, quote: QuoteRow): void {
  if (quote.status !== 'draft' && quote.status !== 'rejected') {
    throw new AppError('conflict', `Quote ${quote.id} is ${quote.status}; only a draft or a rejected quote can be submitted`, { extra: { quoteStatus: quote.status } });
  }
  if (quote.expires_on_date <= toIsoDate(tx.clock.today())) {
    throw new AppError('business_rule_violated', `Quote ${quote.id} expired on ${quote.expires_on_date}; move expiresOnDate to submit it`);
  }
}

/** Creates the requests the quote still needs; returns how many. */
async function openApprovalRequests(tx: TxCtx, context: QuoteContext): Promise<number> {
  const rules = (await findApprovalRuleRows(tx, { active: true })).map(toApprovalRule);
  const needed = uncoveredRules(firingRules(rules, context.metrics), await findGrants(tx, context.quote.id));
  for (const { rule, actual } of needed) {
    await insertRequest(tx, {
      id: newId('apr'),
      quote_id: context.quote.id,
      rule_id: rule.id,
      level: rule.level,
      approver_role: rule.approverRole,
      approver_user_id: rule.approverUserId,
      status: 'pending',
      snapshot: toJsonText(snapshotToJson({ condition: rule.condition, actual })),
      requested_by: tx.actor.id,
      requested_at: nowOf(tx),
      decided_by: null,
      decided_at: null,
      comment: null,
    });
  }
  return needed.length;
}
