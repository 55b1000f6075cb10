import type { Insertable, Kysely } from 'kysely';
import { recordAudit } from '../../shared/audit.ts';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import type { SharedTables } from '../../shared/db/tables.ts';
import type { CpqTables } from '../tables.ts';
import type { AcceptanceLinkRow, AcceptanceRow, AcceptanceTables, QuoteAcceptancesTable } from './tables.ts';

/** The only module that touches the acceptance tables; every write also writes its audit row. */

function acceptanceDb(ctx: Ctx): Kysely<SharedTables & CpqTables & AcceptanceTables> {
  return ctx.db.withTables<CpqTables & AcceptanceTables>();
}

/** The open (unrevoked) link with this token hash, whatever its expiry; the caller judges it. */
export async function findLinkByTokenHash(ctx: Ctx, tokenSha256: string): Promise<AcceptanceLinkRow | undefined> {
  return acceptanceDb(ctx).selectFrom('quote_acceptance_links').selectAll().where('token_sha256', '=', tokenSha256).where('revoked_at', 'is', null).executeTakeFirst();
}

/** Revokes the quote's open link, if any, then inserts the new one (at most one open per quote). */
export async function replaceLink(tx: TxCtx, row: Omit<AcceptanceLinkRow, 'revoked_at'>): Promise<AcceptanceLinkRow> {
  const now = new Date(tx.clock.now().epochMilliseconds);
  const revoked = await acceptanceDb(tx).updateTable('quote_acceptance_links').set({ revoked_at: now })
    .where('quote_id', '=', row.quote_id).where('revoked_at', 'is', null).returningAll().execute();
  for (const link of revoked) {
    await recordAudit(tx, { action: 'revoke', entityType: 'quote_acceptance_link', entityId: link.id, before: redact(link), after: redact({ ...link, revoked_at: now }) });
  }
  const inserted = await acceptanceDb(tx).insertInto('quote_acceptance_links').values({ ...row, revoked_at: null }).returningAll().executeTakeFirstOrThrow();
  await recordAudit(tx, { action: 'create', entityType: 'quote_acceptance_link', entityId: row.id, before: null, after: redact(inserted) });
  return inserted;
}

export async function revokeLinks(tx: TxCtx, quoteId: string): Promise<void> {
  const now = new Date(tx.clock.now().epochMilliseconds);
  const revoked = await acceptanceDb(tx).updateTable('quote_acceptance_links').set({ revoked_at: now })
    .where('quote_id', '=', quoteId).where('revoked_at', 'is', null).returningAll().execute();
  for (const link of revoked) {
    await recordAudit(tx, { action: 'revoke', entityType: 'quote_acceptance_link', entityId: link.id, before: redact({ ...link, revoked_at: null }), after: redact(link) });
  }
}

export async function findAcceptanceRow(ctx: Ctx, quoteId: string): Promise<AcceptanceRow | undefined> {
  return acceptanceDb(ctx).selectFrom('quote_acceptances').selectAll().where('quote_id', '=', quoteId).executeTakeFirst();
}

/** Every column but the PDF, in table order: what the audit entry and the caller's answer carry. */
const EVIDENCE_COLUMNS = [
  'id', 'quote_id', 'quote_version_number', 'channel', 'link_id', 'signer_name', 'signer_email', 'signature_kind', 'signature_text',
  'signature_image', 'provider', 'provider_reference', 'ip_address', 'user_agent', 'document_sha256', 'accepted_by', 'accepted_at',
] as const satisfies ReadonlyArray<Exclude<keyof QuoteAcceptancesTable, 'document_pdf'>>;

export async function insertAcceptance(tx: TxCtx, row: Insertable<QuoteAcceptancesTable>): Promise<AcceptanceRow> {
  // The PDF is not read back (parsing a bytea answer costs ≈ 5 ms of CPU for a 26 KB quote PDF on
  // PGlite): the caller has it.
  const evidence = await acceptanceDb(tx).insertInto('quote_acceptances').values(row).returning(EVIDENCE_COLUMNS).executeTakeFirstOrThrow();
  // The PDF itself stays out of the audit log; its hash identifies it.
  await recordAudit(tx, { action: 'accept', entityType: 'quote_acceptance', entityId: evidence.id, before: null, after: evidence });
  return { ...evidence, document_pdf: row.document_pdf };
}

// Even the token's hash stays out of the (widely readable) audit log.
function redact(link: AcceptanceLinkRow): Omit<AcceptanceLinkRow, 'token_sha256'> {
  const { token_sha256: _hash, ...rest } = link;
  return rest;
}
