import { findPriceBook } from '../catalog/index.ts';
import type { Ctx } from '../shared/context.ts';
import { formatMinor } from '../shared/money.ts';
import { findOpenCollectionsHold } from './collections-hold.ts';
import { findOverdueInvoices } from './overdue-invoices.ts';
import type { QuoteContext } from './quote-context.ts';
import type { RuleCheck } from './rule-check.ts';
import { overdueParamsSchema } from './rule-schema.ts';
import type { ValidationRule } from './validation-rule-repo.ts';

export type ValidationResult = { fires: boolean; checks: RuleCheck[]; message: string | null };

/** One validation rule against one quote (docs/cpq.md "Validation rules"); the message names the rule. */
export async function evaluateValidationRule(ctx: Ctx, rule: ValidationRule, quote: QuoteContext): Promise<ValidationResult> {
  const named = `Rule "${rule.name}" (${rule.key})`;
  switch (rule.kind) {
    case 'overdue_invoices': return overdueInvoices(ctx, rule, quote, named);
    case 'below_floor': return belowFloor(quote, named);
    case 'expired_price_book': return expiredPriceBook(ctx, quote, named);
  }
}

/**
 * Fires when the quote's type is one the rule names and the account either has an issued invoice
 * more than maxDaysOverdue days past its due date (today − due date, in UTC calendar days) or is on
 * a collections hold (payments' dunning hold stage or placed by hand; released holds don't count).
 * A hold blocks on its own: it can outlive the invoice that caused it until finance releases it.
 */
async function overdueInvoices(ctx: Ctx, rule: ValidationRule, { quote }: QuoteContext, named: string): Promise<ValidationResult> {
  const params = overdueParamsSchema.parse(rule.params);
  const overdue = (await findOverdueInvoices(ctx, quote.account_id, ctx.clock.today())).filter((invoice) => invoice.daysOverdue > params.maxDaysOverdue);
  const hold = await findOpenCollectionsHold(ctx, quote.account_id);
  const oldest = overdue[0];
  const typeCheck: RuleCheck = { check: 'quote type', op: 'in', value: params.quoteTypes, actual: quote.quote_type, fires: params.quoteTypes.includes(quote.quote_type) };
  const overdueCheck: RuleCheck = { check: 'days the oldest unpaid invoice is overdue', op: '>', value: params.maxDaysOverdue, actual: oldest?.daysOverdue ?? 0, fires: oldest !== undefined };
  const holdCheck: RuleCheck = { check: 'account on collections hold', op: '=', value: true, actual: hold !== null, fires: hold !== null };
  // The type must match; then either an overdue invoice or a hold is enough.
  const fires = typeCheck.fires && (overdueCheck.fires || holdCheck.fires);
  const reasons = [
    ...(oldest ? [`has ${overdue.length} invoice(s) overdue more than ${params.maxDaysOverdue} days; the oldest, ${oldest.number ?? oldest.id}, is ${oldest.daysOverdue} days overdue with ${formatMinor(oldest.amountDueMinor, oldest.currency)} ${oldest.currency} due`] : []),
    ...(hold ? [`is on collections hold since ${hold.placedDate} (${hold.reason})`] : []),
  ];
  const message = fires ? `${named}: account ${quote.account_id} ${reasons.join('; and ')}` : null;
  return { fires, checks: [typeCheck, overdueCheck, holdCheck], message };
}

function belowFloor({ pricing }: QuoteContext, named: string): ValidationResult {
  const below = pricing.lines.filter((line) => line.floorViolations.length > 0);
  const fires = below.length > 0;
  const detail = below.map((line) => `line ${line.lineNumber} (${line.floorViolations.map((v) => v.code).join(', ')})`).join('; ');
  return {
    fires,
    checks: [{ check: 'lines below their price floor', op: '>', value: 0, actual: below.length, fires }],
    message: fires ? `${named}: ${detail}` : null,
  };
}

/** An expired, inactive or deleted book no longer prices new business. */
async function expiredPriceBook(ctx: Ctx, { quote }: QuoteContext, named: string): Promise<ValidationResult> {
  const book = await findPriceBook(ctx, quote.price_book_id);
  const state = book === null ? 'deleted' : book.expired ? 'expired' : book.active ? null : 'inactive';
  const fires = state !== null;
  return {
    fires,
    checks: [{ check: 'price book expired, inactive or deleted', op: '=', value: true, actual: fires, fires }],
    message: fires ? `${named}: price book ${quote.price_book_id} is ${state}` : null,
  };
}
