import type { ColumnType, Selectable } from 'kysely';
import type { Timestamp } from '../../shared/db/tables.ts';

// Mirrors migrations/202611230151_create_quote_acceptances.ts.
export const ACCEPTANCE_CHANNELS = ['link', 'api'] as const;
export type AcceptanceChannel = (typeof ACCEPTANCE_CHANNELS)[number];
export type SignatureKind = 'typed' | 'drawn';

export type QuoteAcceptanceLinksTable = {
  id: string;
  quote_id: string;
  token_sha256: string;
  expires_at: Timestamp;
  created_by: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
};

export type QuoteAcceptancesTable = {
  id: string;
  quote_id: string;
  quote_version_number: number;
  channel: AcceptanceChannel;
  link_id: string | null;
  signer_name: string;
  signer_email: string;
  signature_kind: SignatureKind;
  signature_text: string | null;
  signature_image: string | null;
  provider: string | null;
  provider_reference: string | null;
  ip_address: string | null;
  user_agent: string | null;
  document_sha256: string;
  // PGlite reads bytea as Uint8Array, node-postgres as Buffer (a Uint8Array too).
  document_pdf: ColumnType<Uint8Array, Uint8Array, never>;
  accepted_by: string;
  accepted_at: Timestamp;
};

export type AcceptanceLinkRow = Selectable<QuoteAcceptanceLinksTable>;
export type AcceptanceRow = Selectable<QuoteAcceptancesTable>;
export type AcceptanceTables = { quote_acceptance_links: QuoteAcceptanceLinksTable; quote_acceptances: QuoteAcceptancesTable };
