import { sql, type Insertable, type Kysely } from 'kysely';
import { recordAudit } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import type { SharedTables } from '../shared/db/tables.ts';
import { AppError, assert, notFound } from '../shared/errors.ts';
import { canonicalJson } from '../shared/json.ts';
import { ownerCondition, type OwnerScope } from './owner-scope.ts';
import type { Account, AccountFields, AccountRow, AccountsTable, CrmTables, CustomFields } from './schema.ts';

/** The only module that touches `accounts`; every write here also writes its audit row. */
export function crmDb(ctx: Ctx): Kysely<SharedTables & CrmTables> {
  return ctx.db.withTables<CrmTables>();
}

/** snake_case row → API shape; the one place the names are mapped (toColumns is the way back). */
export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    name: row.name,
    domain: row.domain,
    parentAccountId: row.parent_account_id,
    segment: row.segment,
    industry: row.industry,
    country: row.country,
    employeeBand: row.employee_band,
    ownerUserId: row.owner_user_id,
    currency: row.currency,
    customerSinceDate: row.customer_since_date,
    taxId: row.tax_id,
    billingAddress: row.billing_address,
    customFields: row.custom_fields as CustomFields,
    sourceSystem: row.source_system,
    externalId: row.external_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

/** Every settable column, none optional: a column added to the table but not mapped here fails to compile. */
export type AccountColumns = Required<Omit<Insertable<AccountsTable>, 'id' | 'created_at' | 'updated_at' | 'deleted_at' | 'version'>>;

export function toColumns(fields: AccountFields): AccountColumns {
  return {
    name: fields.name,
    domain: fields.domain,
    parent_account_id: fields.parentAccountId,
    segment: fields.segment,
    industry: fields.industry,
    country: fields.country,
    employee_band: fields.employeeBand,
    owner_user_id: fields.ownerUserId,
    currency: fields.currency,
    customer_since_date: fields.customerSinceDate,
    tax_id: fields.taxId,
    billing_address: fields.billingAddress,
    // Canonical text so that equal objects compare equal when diffing an update.
    custom_fields: canonicalJson(fields.customFields),
    source_system: fields.sourceSystem,
    external_id: fields.externalId,
  };
}

/**
 * Row locks for writers: 'update' on the account being changed; 'share' on a parent while a child
 * is attached, so a concurrent delete of that parent waits and then sees the new child.
 */
export type RowLock = 'update' | 'share';

/** A live (not deleted) account inside the scope. */
export async function findAccountRow(ctx: Ctx, scope: OwnerScope, id: string, lock?: RowLock) {
  const query = crmDb(ctx)
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .where(ownerCondition(scope, 'accounts.owner_user_id'));
  if (lock === 'update') return query.forUpdate().executeTakeFirst();
  if (lock === 'share') return query.forShare().executeTakeFirst();
  return query.executeTakeFirst();
}

/** 404 whether the account is missing, deleted or outside the scope: existence must not leak. */
export async function getAccountRow(ctx: Ctx, scope: OwnerScope, id: string, lock?: RowLock) {
  const row = await findAccountRow(ctx, scope, id, lock);
  if (!row) throw notFound('account', id);
  return row;
}

export async function insertAccount(tx: TxCtx, row: AccountColumns & { id: string; created_at: Date; updated_at: Date }) {
  const inserted = await withConstraintErrors(
    crmDb(tx).insertInto('accounts').values({ ...row, deleted_at: null, version: 1 }).returningAll().executeTakeFirstOrThrow(),
  );
  await recordAudit(tx, { action: 'create', entityType: 'account', entityId: row.id, before: null, after: inserted });
  return inserted;
}

/**
 * Compare-and-set on version. The caller holds the row lock (getAccountRow 'update') and has
 * checked the version, so a miss means that contract was broken: an assertion, not a 409.
 */
export async function updateAccountRow(
  tx: TxCtx,
  before: AccountRow,
  changes: Partial<AccountColumns> & { updated_at: Date; deleted_at?: Date },
  action: 'update' | 'delete',
) {
  const after = await withConstraintErrors(
    crmDb(tx)
      .updateTable('accounts')
      .set({ ...changes, version: before.version + 1 })
      .where('id', '=', before.id)
      .where('version', '=', before.version)
      .returningAll()
      .executeTakeFirst(),
  );
  assert(after, `account ${before.id} changed under a row lock; was it read with lock 'update'?`);
  await recordAudit(tx, { action, entityType: 'account', entityId: before.id, before, after });
  return after;
}

export function versionConflict(id: string, currentVersion: number, expectedVersion: number): AppError {
  return new AppError('version_conflict', `Account ${id} is at version ${currentVersion}, not ${expectedVersion}`, {
    extra: { currentVersion },
  });
}

/**
 * True when `accountId` is `parentId` or one of its ancestors, i.e. the new link closes a loop.
 * UNION (not UNION ALL) drops repeated rows, so the walk ends even on data that already loops.
 */
export async function wouldCreateCycle(ctx: Ctx, accountId: string, parentId: string): Promise<boolean> {
  const result = await sql<{ cycle: boolean }>`
    with recursive ancestors (id, parent_account_id) as (
      select id, parent_account_id from accounts where id = ${parentId}
      union
      select a.id, a.parent_account_id from accounts a join ancestors on a.id = ancestors.parent_account_id
    )
    select exists (select 1 from ancestors where id = ${accountId}) as cycle`.execute(crmDb(ctx));
  return result.rows[0]?.cycle === true;
}

/**
 * Serialises re-parenting: two transactions moving A under B and B under A would each pass the
 * cycle check on data without the other's change. Held until commit; plain edits never take it.
 * Take it before any row lock, or two re-parentings can deadlock on each other's rows.
 */
export async function lockAccountHierarchy(tx: TxCtx): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('revline.accounts.hierarchy'))`.execute(tx.db);
}

/** Turns the constraint violations a caller can cause into field errors; the rest stay 500s (bulk writes too). */
export async function withConstraintErrors<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (error) {
    const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
    if (code === '23505' && constraint === 'accounts_source_external') {
      throw new AppError('conflict', 'Another account already has this sourceSystem and externalId', {
        fieldErrors: [{ field: 'body.externalId', message: 'already used by another account from this source' }],
        cause: error,
      });
    }
    if (code === '23503' && constraint === 'accounts_owner_user_id_fkey') {
      throw new AppError('validation_failed', 'The owner is not a known user', {
        fieldErrors: [{ field: 'body.ownerUserId', message: 'unknown user' }],
        cause: error,
      });
    }
    throw error;
  }
}
