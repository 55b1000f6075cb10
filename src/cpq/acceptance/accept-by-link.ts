import type { Actor } from '../../shared/access.ts';
import { inTransaction, type Ctx } from '../../shared/context.ts';
import { acceptLockedQuote } from './accept-quote.ts';
import { resolveLink } from './resolve-link.ts';
import type { Acceptance, PublicAcceptInput } from './schema.ts';

export type AcceptByLinkRequest = { token: string; input: PublicAcceptInput; ipAddress: string | null; userAgent: string | null };

/** POST /public/quotes/:token/accept: the customer, with no login, proves nothing but the link. */
export async function acceptQuoteByLink(ctx: Ctx, request: AcceptByLinkRequest): Promise<Acceptance> {
  return inTransaction(ctx, async (tx) => {
    const { link, quote } = await resolveLink(tx, request.token, 'update');
    // The audit log names the customer as the actor, through the link they used.
    const customer: Actor = { kind: 'system', id: `link:${link.id}`, role: 'viewer', teamId: null, displayName: `${request.input.name} <${request.input.email}>` };
    return acceptLockedQuote(tx, quote, {
      channel: 'link', linkId: link.id, signerName: request.input.name, signerEmail: request.input.email, signature: request.input.signature,
      documentSha256: request.input.documentSha256, provider: null, providerReference: null, ipAddress: request.ipAddress, userAgent: request.userAgent,
    }, customer);
  });
}
