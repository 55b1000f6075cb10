import { inTransaction, type Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { fieldError, nowOf } from './cpq-db.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { getQuoteRow } from './quote-repo.ts';
import { overrideBodySchema, type Override, type OverrideInput } from './rule-schema.ts';
import type { QuoteStatus } from './tables.ts';
import { findValidationRuleRow, insertOverride } from './validation-rule-repo.ts';

// Overrides matter before a quote is submitted; once it is a document there is nothing to let through.
const OVERRIDABLE: readonly QuoteStatus[] = ['draft', 'pending_approval', 'approved', 'rejected'];

/**
 * Finance (or an admin; the route decides who) lets one validation rule pass for one quote, with a
 * reason. Recorded once per quote and rule, and audited on the quote (`override_validation`).
 */
export async function overrideValidation(ctx: Ctx, request: { quoteId: string; input: OverrideInput }): Promise<Override> {
  const input = parseInput(overrideBodySchema, request.input);
  return inTransaction(ctx, async (tx) => {
    // Finance sees every quote (owner-scope.ts), so the quote is read unscoped here.
    const quote = await getQuoteRow(tx, null, request.quoteId, 'update');
    if (!OVERRIDABLE.includes(quote.status)) throw new AppError('conflict', `Quote ${quote.id} is ${quote.status}; overrides apply before it is sent`);
    const rule = await findValidationRuleRow(tx, { key: input.ruleKey });
    if (!rule) throw fieldError('body.ruleKey', 'unknown validation rule', `There is no validation rule ${input.ruleKey}`);
    const row = await insertOverride(tx, { quote_id: quote.id, rule_id: rule.id, reason: input.reason, overridden_by: tx.actor.id, overridden_at: nowOf(tx) }, rule);
    return { quoteId: quote.id, ruleId: rule.id, ruleKey: rule.key, reason: row.reason, overriddenBy: row.overridden_by, overriddenAt: row.overridden_at.toISOString() };
  });
}
