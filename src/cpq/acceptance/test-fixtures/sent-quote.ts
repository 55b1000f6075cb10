import type { Ctx } from '../../../shared/context.ts';
import { createQuote, sendQuote, submitQuote, type CreateQuoteInput, type QuoteLanguage } from '../../index.ts';
import { makeBook, makeDeal, makePricedProduct } from '../../test-fixtures/seed.ts';

export type SentQuoteOptions = {
  language?: QuoteLanguage;
  type?: 'new' | 'expansion' | 'renewal';
  /** Overrides of the quote (lines default to one seat line of 1,234.56 a month). */
  quote?: Partial<CreateQuoteInput>;
};

/**
 * A sent EUR quote, 12 months from 2026-02-01, one line: 1 × 1,234.56 per month (list and net
 * 14,814.72; MRR 1,234.56). Returns the quote and its acceptance link token.
 */
export async function makeSentQuote(ctx: Ctx, options: SentQuoteOptions = {}) {
  const bookId = await makeBook(ctx);
  const seat = await makePricedProduct(ctx, bookId, { unitAmount: '1234.56' }, { name: 'Platform seat', family: 'platform' });
  const deal = await makeDeal(ctx, { type: options.type ?? 'new' });
  const created = await createQuote(ctx, {
    opportunityId: deal.opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 12, language: options.language ?? 'en',
    lines: [{ productId: seat.productId, quantity: 1 }], ...options.quote,
  });
  await submitQuote(ctx, { id: created.id });
  const sent = await sendQuote(ctx, { id: created.id });
  return { quote: sent, token: sent.acceptanceLink.token, bookId, seat, deal };
}
