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

export async function insertAcceptance(tx: TxCtx, row: Insertable<QuoteAcceptancesTable>): Promise<AcceptanceRow> {
  const inserted = await acceptanceDb(tx).insertInto('quote_acceptances').values(row).returningAll().executeTakeFirstOrThrow();
  // The PDF itself stays out of the audit log; its hash identifies it.
  const { document_pdf: _pdf, ...evidence } = inserted;
  await recordAudit(tx, { action: 'accept', entityType: 'quote_acceptance', entityId: inserted.id, before: null, after: evidence });
  return inserted;
}

// Even the token's hash stays out of the (widely readable) audit log.
function redact(link: AcceptanceLinkRow): Omit<AcceptanceLinkRow, 'token_sha256'> {
  const { token_sha256: _hash, ...rest } = link;
  return rest;
}
