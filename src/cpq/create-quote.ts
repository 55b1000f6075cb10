import { assertOwnerAssignable, findOpportunity, ownerScope, type Opportunity } from '../crm/index.ts';
import { findPriceBook } from '../catalog/index.ts';
import { inTransaction, type Ctx } from '../shared/context.ts';
import { toIsoDate } from '../shared/dates.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { fieldError, lockCpqKey, nowOf } from './cpq-db.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { insertPricedQuote } from './insert-priced-quote.ts';
import { discountColumns, newLineSources } from './line-input.ts';
import { nextVersionNumber } from './quote-repo.ts';
import { createQuoteSchema, type CreateQuoteInput, type Quote } from './quote-schema.ts';

// A quote is an offer for a limited time; 30 days unless the rep says otherwise.
const DEFAULT_VALID_DAYS = 30;

/**
 * Creates a draft quote on an open opportunity the actor can see, priced from one book (the
 * quote's currency is the book's), numbered as the opportunity's next quote version.
 */
export async function createQuote(ctx: Ctx, input: CreateQuoteInput): Promise<Quote> {
  const parsed = parseInput(createQuoteSchema, input);
  const opportunity = await usableOpportunity(ctx, parsed.opportunityId);
  const book = await findPriceBook(ctx, parsed.priceBookId);
  if (!book) throw fieldError('body.priceBookId', 'unknown price book', `Price book ${parsed.priceBookId} does not exist`);
  const scope = await ownerScope(ctx);
  const ownerUserId = parsed.ownerUserId !== undefined ? parsed.ownerUserId : ctx.actor.kind === 'user' ? ctx.actor.id : opportunity.ownerUserId;
  assertOwnerAssignable(scope, ownerUserId);
  const today = ctx.clock.today();
  const expiresOnDate = parsed.expiresOnDate ?? toIsoDate(today.add({ days: DEFAULT_VALID_DAYS }));
  if (expiresOnDate <= toIsoDate(today)) throw fieldError('body.expiresOnDate', 'must be after today');
  return inTransaction(ctx, async (tx) => {
    await lockCpqKey(tx, `quotes.${opportunity.id}`);
    const id = newId('quo');
    const ref = { id, currency: book.currency, price_book_id: book.id };
    const sources = await newLineSources(tx, ref, parsed.lines.map((input, i) => ({ input, lineNumber: i + 1, path: `body.lines.${i}` })));
    const now = nowOf(tx);
    return insertPricedQuote(tx, {
      ...ref,
      opportunity_id: opportunity.id,
      account_id: opportunity.accountId,
      quote_type: opportunity.type,
      status: 'draft',
      version_number: await nextVersionNumber(tx, opportunity.id),
      revised_from_quote_id: null,
      start_date: parsed.startDate,
      term_months: parsed.termMonths,
      payment_terms_days: parsed.paymentTermsDays,
      language: parsed.language,
      expires_on_date: expiresOnDate,
      owner_user_id: ownerUserId,
      ...discountColumns(ref, parsed.discount, 'body.discount'),
      submitted_by: null, submitted_at: null, approved_at: null, sent_at: null, created_at: now, updated_at: now,
    }, sources, 'create');
  });
}

/** Visible to the actor (missing and invisible look alike) and still open: a closed deal takes no new offers. */
async function usableOpportunity(ctx: Ctx, id: string): Promise<Opportunity> {
  const opportunity = await findOpportunity(ctx, id);
  if (!opportunity) throw fieldError('body.opportunityId', 'unknown opportunity', `Opportunity ${id} does not exist or is not visible to you`);
  if (opportunity.status !== 'open') {
    throw new AppError('business_rule_violated', `Opportunity ${id} is ${opportunity.status}; quotes are made on open opportunities`, {
      fieldErrors: [{ field: 'body.opportunityId', message: `opportunity is ${opportunity.status}` }],
    });
  }
  return opportunity;
}
