import { ownerScope } from '../../crm/index.ts';
import { inTransaction, type Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { getQuoteRow } from '../quote-repo.ts';
import { issueAcceptanceLink, type AcceptanceLink } from './issue-link.ts';

/**
 * POST /quotes/:id/acceptance-link: a fresh link for a sent quote (the first was lost, or leaked),
 * revoking the old one. Only the sender's side can do this, within its owner scope.
 */
export async function reissueAcceptanceLink(ctx: Ctx, quoteId: string): Promise<AcceptanceLink> {
  return inTransaction(ctx, async (tx) => {
    const quote = await getQuoteRow(tx, await ownerScope(tx), quoteId, 'update');
    if (quote.status !== 'sent') throw new AppError('conflict', `Quote ${quote.id} is ${quote.status}; only a sent quote has an acceptance link`, { extra: { quoteStatus: quote.status } });
    return issueAcceptanceLink(tx, quote);
  });
}
