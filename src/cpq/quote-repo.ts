import type { Insertable } from 'kysely';
import { ownerCondition, type OwnerScope } from '../crm/index.ts';
import { recordAudit, type AuditAction } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { assert, notFound } from '../shared/errors.ts';
import { cpqDb, withConstraintErrors } from './cpq-db.ts';
import type { QuoteRow, QuotesTable, QuoteStatus } from './tables.ts';

/** The only module that touches `quotes`; every write here also writes its audit row. */

/** Every settable column, none optional: a column added to the table but not written fails to compile. */
export type QuoteColumns = Required<Omit<Insertable<QuotesTable>, 'version' | 'deleted_at'>>;
export type QuoteFilter = { opportunityId?: string | undefined; accountId?: string | undefined; status?: QuoteStatus | undefined };

/** A live quote inside the owner scope; null scope = every quote (approvers and finance, see callers). */
export async function findQuoteRow(ctx: Ctx, scope: OwnerScope | null, id: string, lock?: 'update'): Promise<QuoteRow | undefined> {
  let query = cpqDb(ctx).selectFrom('quotes').selectAll().where('id', '=', id).where('deleted_at', 'is', null);
  if (scope !== null) query = query.where(ownerCondition(scope, 'quotes.owner_user_id'));
  return lock === 'update' ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

/** 404 whether the quote is missing, deleted or outside the scope: existence must not leak. */
export async function getQuoteRow(ctx: Ctx, scope: OwnerScope | null, id: string, lock?: 'update'): Promise<QuoteRow> {
  const row = await findQuoteRow(ctx, scope, id, lock);
  if (!row) throw notFound('quote', id);
  return row;
}

export async function findQuoteRows(
  ctx: Ctx,
  scope: OwnerScope,
  filter: QuoteFilter,
  page: { limit: number; afterId: string | null; order: 'asc' | 'desc' },
): Promise<QuoteRow[]> {
  let query = cpqDb(ctx).selectFrom('quotes').selectAll().where('deleted_at', 'is', null).where(ownerCondition(scope, 'quotes.owner_user_id'));
  if (filter.opportunityId !== undefined) query = query.where('opportunity_id', '=', filter.opportunityId);
  if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (page.afterId !== null) query = query.where('id', page.order === 'asc' ? '>' : '<', page.afterId);
  // Ids are ULIDs, so id order is creation order and the id alone is a keyset.
  return query.orderBy('id', page.order).limit(page.limit).execute();
}

/** The next revision number of an opportunity's quotes; the caller holds lockCpqKey(`quotes.<opp>`). */
export async function nextVersionNumber(tx: TxCtx, opportunityId: string): Promise<number> {
  const row = await cpqDb(tx)
    .selectFrom('quotes')
    .select((eb) => eb.fn.max('version_number').as('highest'))
    .where('opportunity_id', '=', opportunityId)
    .executeTakeFirst();
  return Number(row?.highest ?? 0) + 1;
}

export async function insertQuote(tx: TxCtx, row: QuoteColumns, action: AuditAction = 'create'): Promise<QuoteRow> {
  const inserted = await withConstraintErrors(
    cpqDb(tx).insertInto('quotes').values({ ...row, deleted_at: null, version: 1 }).returningAll().executeTakeFirstOrThrow(),
  );
  await recordAudit(tx, { action, entityType: 'quote', entityId: row.id, before: null, after: inserted });
  return inserted;
}

/**
 * Compare-and-set on version. The caller holds the row lock (getQuoteRow 'update'), so a miss
 * means that contract was broken: an assertion, not a 409. `action` names the verb in the audit
 * log (update, submit, approve, send, supersede, delete …).
 */
export async function updateQuoteRow(tx: TxCtx, before: QuoteRow, changes: Partial<QuoteColumns> & { deleted_at?: Date }, action: AuditAction): Promise<QuoteRow> {
  const after = await withConstraintErrors(
    cpqDb(tx)
      .updateTable('quotes')
      .set({ ...changes, updated_at: changes.updated_at ?? new Date(tx.clock.now().epochMilliseconds), version: before.version + 1 })
      .where('id', '=', before.id)
      .where('version', '=', before.version)
      .returningAll()
      .executeTakeFirst(),
  );
  assert(after, `quote ${before.id} changed under a row lock; was it read with lock 'update'?`);
  await recordAudit(tx, { action, entityType: 'quote', entityId: before.id, before, after });
  return after;
}
