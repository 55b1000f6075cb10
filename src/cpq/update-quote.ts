import { assertOwnerAssignable, ownerScope } from '../crm/index.ts';
import { inTransaction, type Ctx } from '../shared/context.ts';
import { toIsoDate } from '../shared/dates.ts';
import { fieldError } from './cpq-db.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { discountColumns } from './line-input.ts';
import { commitQuoteChange, lockEditableQuote } from './quote-change.ts';
import { toQuote } from './quote-json.ts';
import { findLineRows } from './quote-line-repo.ts';
import type { QuoteColumns } from './quote-repo.ts';
import { updateQuoteSchema, type Quote, type QuoteChanges, type UpdateQuoteInput } from './quote-schema.ts';
import type { QuoteRow } from './tables.ts';

export type UpdateQuoteRequest = { id: string; expectedVersion: number; changes: UpdateQuoteInput };

/**
 * Changes the quote's terms (start, term, payment terms, expiry, owner, header discount) and
 * re-prices it. An edit of a quote waiting for or holding approval follows the re-approval rule
 * (quote-change.ts). A change that changes nothing writes nothing.
 */
export async function updateQuote(ctx: Ctx, request: UpdateQuoteRequest): Promise<Quote> {
  const changes = parseInput(updateQuoteSchema, request.changes);
  const scope = await ownerScope(ctx);
  if (changes.ownerUserId !== undefined) assertOwnerAssignable(scope, changes.ownerUserId);
  if (changes.expiresOnDate !== undefined && changes.expiresOnDate <= toIsoDate(ctx.clock.today())) throw fieldError('body.expiresOnDate', 'must be after today');
  return inTransaction(ctx, async (tx) => {
    const before = await lockEditableQuote(tx, request.id, request.expectedVersion);
    const lines = await findLineRows(tx, before.id);
    const fields = changedFields(before, changes);
    if (Object.keys(fields).length === 0) return toQuote(before, lines, tx.clock.today());
    return commitQuoteChange(tx, before, lines, { fields, lines }, 'update');
  });
}

function changedFields(before: QuoteRow, changes: QuoteChanges): Partial<QuoteColumns> {
  const next: Partial<QuoteColumns> = {
    ...(changes.startDate !== undefined ? { start_date: changes.startDate } : {}),
    ...(changes.termMonths !== undefined ? { term_months: changes.termMonths } : {}),
    ...(changes.paymentTermsDays !== undefined ? { payment_terms_days: changes.paymentTermsDays } : {}),
    ...(changes.language !== undefined ? { language: changes.language } : {}),
    ...(changes.expiresOnDate !== undefined ? { expires_on_date: changes.expiresOnDate } : {}),
    ...(changes.ownerUserId !== undefined ? { owner_user_id: changes.ownerUserId } : {}),
    ...(changes.discount !== undefined ? discountColumns(before, changes.discount, 'body.discount') : {}),
  };
  return Object.fromEntries(Object.entries(next).filter(([key, value]) => before[key as keyof QuoteRow] !== value)) as Partial<QuoteColumns>;
}
