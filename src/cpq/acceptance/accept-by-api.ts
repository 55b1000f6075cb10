import { inTransaction, type Ctx } from '../../shared/context.ts';
import { getQuoteRow } from '../quote-repo.ts';
import { acceptLockedQuote } from './accept-quote.ts';
import type { Acceptance, ApiAcceptInput } from './schema.ts';

export type AcceptByApiRequest = { quoteId: string; input: ApiAcceptInput; ipAddress: string | null; userAgent: string | null };

/**
 * POST /quotes/:id/accept, for e-signature providers' webhooks (an API key of an allowed role).
 * The provider must name the hash of the document it had signed: the current one, or 409.
 */
export async function acceptQuoteByApi(ctx: Ctx, request: AcceptByApiRequest): Promise<Acceptance> {
  return inTransaction(ctx, async (tx) => {
    const quote = await getQuoteRow(tx, null, request.quoteId, 'update');
    const { input } = request;
    return acceptLockedQuote(tx, quote, {
      channel: 'api', linkId: null, signerName: input.signerName, signerEmail: input.signerEmail,
      signature: input.signature ?? { kind: 'typed', text: input.signerName }, documentSha256: input.documentSha256,
      provider: input.provider ?? null, providerReference: input.providerReference ?? null, ipAddress: request.ipAddress, userAgent: request.userAgent,
    }, tx.actor);
  });
}
