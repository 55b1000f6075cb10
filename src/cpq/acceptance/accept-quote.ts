import type { Actor } from '../../shared/access.ts';
import { withActor, type TxCtx } from '../../shared/context.ts';
import { toIsoDate } from '../../shared/dates.ts';
import { AppError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { publishEvent } from '../../shared/events/index.ts';
import { nowOf } from '../cpq-db.ts';
import { renderQuoteDocument } from '../document/quote-document.ts';
import { updateQuoteRow } from '../quote-repo.ts';
import type { QuoteRow } from '../tables.ts';
import { findAcceptanceRow, insertAcceptance } from './acceptance-repo.ts';
import { toAcceptance } from './acceptance-json.ts';
import type { Acceptance, SignatureInput } from './schema.ts';
import type { AcceptanceChannel } from './tables.ts';

export type AcceptanceEvidence = {
  channel: AcceptanceChannel;
  linkId: string | null;
  signerName: string;
  signerEmail: string;
  signature: SignatureInput;
  /** When given: the hash of the document the signer saw, which must still be the quote's. */
  documentSha256: string | undefined;
  provider: string | null;
  providerReference: string | null;
  ipAddress: string | null;
  userAgent: string | null;
};

/**
 * Accepts a sent quote (the caller holds its row lock): renders the document once more, keeps its
 * exact bytes and SHA-256 with the evidence, marks the quote accepted and publishes
 * `quote.accepted` — all in the caller's transaction, so the chain starts if and only if the
 * acceptance committed. Refused: already accepted (a replay), superseded, not sent, expired, or a
 * document that changed since the signer saw it.
 */
export async function acceptLockedQuote(tx: TxCtx, quote: QuoteRow, evidence: AcceptanceEvidence, actor: Actor): Promise<Acceptance> {
  await assertAcceptable(tx, quote);
  const document = await renderQuoteDocument(tx, quote);
  if (evidence.documentSha256 !== undefined && evidence.documentSha256 !== document.sha256) {
    throw new AppError('conflict', 'The quote document has changed since it was viewed; reload it and accept again', {
      fieldErrors: [{ field: 'body.documentSha256', message: 'is not the current document' }], extra: { currentDocumentSha256: document.sha256 },
    });
  }
  const acting = withActor(tx, actor) as TxCtx;
  const acceptedAt = nowOf(tx);
  const row = await insertAcceptance(acting, {
    id: newId('qac'), quote_id: quote.id, quote_version_number: quote.version_number, channel: evidence.channel, link_id: evidence.linkId,
    signer_name: evidence.signerName, signer_email: evidence.signerEmail, signature_kind: evidence.signature.kind,
    signature_text: evidence.signature.kind === 'typed' ? evidence.signature.text : null,
    signature_image: evidence.signature.kind === 'drawn' ? evidence.signature.imageDataUrl : null,
    provider: evidence.provider, provider_reference: evidence.providerReference, ip_address: evidence.ipAddress,
    user_agent: evidence.userAgent?.slice(0, 1000) ?? null, document_sha256: document.sha256, document_pdf: document.pdf,
    accepted_by: actor.id, accepted_at: acceptedAt,
  });
  await updateQuoteRow(acting, quote, { status: 'accepted' }, 'accept');
  await publishEvent(acting, {
    type: 'quote.accepted',
    aggregateType: 'quote',
    aggregateId: quote.id,
    payload: {
      quoteId: quote.id, quoteVersion: quote.version_number, opportunityId: quote.opportunity_id, accountId: quote.account_id,
      acceptedAt: acceptedAt.toISOString(), documentSha256: document.sha256, acceptanceId: row.id, channel: evidence.channel,
    },
  });
  return toAcceptance(row);
}

async function assertAcceptable(tx: TxCtx, quote: QuoteRow): Promise<void> {
  if (quote.status === 'accepted') {
    const previous = await findAcceptanceRow(tx, quote.id);
    throw new AppError('conflict', `This quote was already accepted${previous ? ` on ${previous.accepted_at.toISOString()}` : ''}`, { extra: { quoteStatus: quote.status } });
  }
  if (quote.status === 'superseded') {
    throw new AppError('conflict', 'This quote was replaced by a newer version and can no longer be accepted; ask your contact for the current one', { extra: { quoteStatus: quote.status } });
  }
  if (quote.status !== 'sent') throw new AppError('conflict', `Quote ${quote.id} is ${quote.status}; only a sent quote can be accepted`, { extra: { quoteStatus: quote.status } });
  if (quote.expires_on_date <= toIsoDate(tx.clock.today())) {
    throw new AppError('business_rule_violated', `This quote expired on ${quote.expires_on_date} and can no longer be accepted`, { extra: { quoteStatus: 'expired' } });
  }
}
