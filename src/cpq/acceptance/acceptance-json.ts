import type { Acceptance } from './schema.ts';
import type { AcceptanceRow } from './tables.ts';

export function toAcceptance(row: AcceptanceRow): Acceptance {
  return {
    id: row.id,
    quoteId: row.quote_id,
    quoteVersionNumber: row.quote_version_number,
    channel: row.channel,
    signerName: row.signer_name,
    signerEmail: row.signer_email,
    signatureKind: row.signature_kind,
    provider: row.provider,
    providerReference: row.provider_reference,
    ipAddress: row.ip_address,
    userAgent: row.user_agent,
    documentSha256: row.document_sha256,
    acceptedAt: row.accepted_at.toISOString(),
  };
}
