import { createHash, randomBytes } from 'node:crypto';
import type { TxCtx } from '../../shared/context.ts';
import { newId } from '../../shared/ids.ts';
import type { QuoteRow } from '../tables.ts';
import { replaceLink } from './acceptance-repo.ts';

/** The longest a link lives, even for a quote valid far longer: a leaked link should not last a year. */
export const MAX_LINK_TTL_DAYS = 90;
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** `pagePath` is the web app's acceptance page, the address to give the customer; `path` is the API's. */
export type AcceptanceLink = { token: string; path: string; pagePath: string; documentPath: string; expiresAt: string };

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * A new public acceptance link for a sent quote, revoking the previous one. The token is 256
 * random bits (base64url, 43 characters) shown once; only its SHA-256 is stored. It expires when
 * the quote does (expires_on_date is exclusive: at 00:00 UTC that day), at most MAX_LINK_TTL_DAYS on.
 */
export async function issueAcceptanceLink(tx: TxCtx, quote: QuoteRow): Promise<AcceptanceLink> {
  const token = randomBytes(32).toString('base64url');
  const nowMs = tx.clock.now().epochMilliseconds;
  const quoteEndMs = Date.parse(`${quote.expires_on_date}T00:00:00Z`);
  const expiresAt = new Date(Math.min(quoteEndMs, nowMs + MAX_LINK_TTL_DAYS * 86_400_000));
  await replaceLink(tx, {
    id: newId('qal'), quote_id: quote.id, token_sha256: hashToken(token), expires_at: expiresAt, created_by: tx.actor.id, created_at: new Date(nowMs),
  });
  const path = `/api/v1/public/quotes/${token}`;
  return { token, path, pagePath: `/accept/${token}`, documentPath: `${path}/document.pdf`, expiresAt: expiresAt.toISOString() };
}
