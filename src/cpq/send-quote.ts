import { ownerScope } from '../crm/index.ts';
import { inTransaction, type Ctx } from '../shared/context.ts';
import { toIsoDate } from '../shared/dates.ts';
import { AppError } from '../shared/errors.ts';
import { publishEvent } from '../shared/events/index.ts';
import { issueAcceptanceLink, type AcceptanceLink } from './acceptance/issue-link.ts';
import { nowOf, versionConflict } from './cpq-db.ts';
import { toQuote } from './quote-json.ts';
import { findLineRows } from './quote-line-repo.ts';
import { getQuoteRow, updateQuoteRow } from './quote-repo.ts';
import type { Quote } from './quote-schema.ts';

/**
 * Marks an approved, unexpired quote as sent to the customer and publishes `quote.sent` in the
 * same transaction (the outbox), so subscribers hear of it if and only if it happened. A quote
 * that needs approval cannot be sent: only `approved` gets here. Sending issues the customer's
 * acceptance link (src/cpq/acceptance).
 */
export async function sendQuote(ctx: Ctx, request: { id: string; expectedVersion?: number | undefined }): Promise<Quote & { acceptanceLink: AcceptanceLink }> {
  return inTransaction(ctx, async (tx) => {
    const before = await getQuoteRow(tx, await ownerScope(tx), request.id, 'update');
    if (request.expectedVersion !== undefined && before.version !== request.expectedVersion) throw versionConflict('Quote', before.id, before.version, request.expectedVersion);
    if (before.status !== 'approved') {
      throw new AppError('business_rule_violated', `Quote ${before.id} is ${before.status}; only an approved quote can be sent${before.status === 'pending_approval' ? ' (it is waiting for approval)' : ''}`, {
        extra: { quoteStatus: before.status },
      });
    }
    if (before.expires_on_date <= toIsoDate(tx.clock.today())) throw new AppError('business_rule_violated', `Quote ${before.id} expired on ${before.expires_on_date}`);
    const after = await updateQuoteRow(tx, before, { status: 'sent', sent_at: nowOf(tx) }, 'send');
    const quote = toQuote(after, await findLineRows(tx, after.id), tx.clock.today());
    await publishEvent(tx, {
      type: 'quote.sent',
      aggregateType: 'quote',
      aggregateId: quote.id,
      payload: {
        quoteId: quote.id, opportunityId: quote.opportunityId, accountId: quote.accountId, versionNumber: quote.versionNumber,
        currency: quote.currency, startDate: quote.startDate, termMonths: quote.termMonths, expiresOnDate: quote.expiresOnDate, totals: quote.totals,
      },
    });
    // The customer's link, shown to the sender once (only its hash is kept; not in the event either).
    return { ...quote, acceptanceLink: await issueAcceptanceLink(tx, after) };
  });
}
