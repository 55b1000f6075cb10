import { timingSafeEqual } from 'node:crypto';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { findQuoteRow } from '../quote-repo.ts';
import type { QuoteRow } from '../tables.ts';
import { findLinkByTokenHash } from './acceptance-repo.ts';
import { hashToken, TOKEN_PATTERN } from './issue-link.ts';
import type { AcceptanceLinkRow } from './tables.ts';

export type ResolvedLink = { link: AcceptanceLinkRow; quote: QuoteRow };

/** One answer for malformed, unknown, tampered, revoked and expired tokens: nothing about which. */
export function invalidLink(): AppError {
  return new AppError('quote_link_invalid', 'This quote link is invalid or has expired. Ask your contact for a new one.');
}

/**
 * The link and quote behind a public token, or quote_link_invalid. The token is looked up by its
 * SHA-256 (an attacker cannot aim at a prefix of a hash they cannot invert), then compared in
 * constant time. `lock` locks the quote row for an acceptance.
 */
export async function resolveLink(ctx: Ctx, token: string, lock?: 'update'): Promise<ResolvedLink> {
  if (!TOKEN_PATTERN.test(token)) throw invalidLink();
  const hash = hashToken(token);
  const link = await findLinkByTokenHash(ctx, hash);
  if (!link || !timingSafeEqual(Buffer.from(link.token_sha256, 'hex'), Buffer.from(hash, 'hex'))) throw invalidLink();
  if (link.expires_at.getTime() <= ctx.clock.now().epochMilliseconds) throw invalidLink();
  const quote = await findQuoteRow(ctx, null, link.quote_id, lock);
  if (!quote) throw invalidLink();
  return { link, quote };
}
