import { ownerScope } from '../crm/index.ts';
import { inTransaction, type Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { lockCpqKey, nowOf } from './cpq-db.ts';
import { insertPricedQuote } from './insert-priced-quote.ts';
import { findLineRows } from './quote-line-repo.ts';
import { getQuoteRow, nextVersionNumber, updateQuoteRow } from './quote-repo.ts';
import type { Quote } from './quote-schema.ts';
import type { QuoteStatus } from './tables.ts';

// Superseded quotes already have a successor; an accepted one is a deal, changed by a new quote.
const FINAL: readonly QuoteStatus[] = ['superseded', 'accepted'];

/**
 * A new draft version of the quote on the same opportunity (version number + 1) with the same
 * terms and lines, priced with the same price versions; the old quote becomes superseded.
 * Approvals, overrides and sending belong to the old version and do not carry over.
 */
export async function reviseQuote(ctx: Ctx, request: { id: string }): Promise<Quote> {
  return inTransaction(ctx, async (tx) => {
    const before = await getQuoteRow(tx, await ownerScope(tx), request.id, 'update');
    if (FINAL.includes(before.status)) throw new AppError('conflict', `Quote ${before.id} is ${before.status} and cannot be revised`, { extra: { quoteStatus: before.status } });
    await lockCpqKey(tx, `quotes.${before.opportunity_id}`);
    const id = newId('quo');
    const lines = (await findLineRows(tx, before.id)).map((line) => ({ ...line, id: newId('li'), quote_id: id }));
    const now = nowOf(tx);
    const { id: _old, version: _version, deleted_at: _deleted, ...terms } = before;
    await updateQuoteRow(tx, before, { status: 'superseded' }, 'supersede');
    return insertPricedQuote(tx, {
      ...terms,
      id,
      status: 'draft',
      version_number: await nextVersionNumber(tx, before.opportunity_id),
      revised_from_quote_id: before.id,
      submitted_by: null, submitted_at: null, approved_at: null, sent_at: null, created_at: now, updated_at: now,
    }, lines, 'revise');
  });
}
