import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { ownerCondition, type CrmTables, type OwnerScope } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import type { SharedTables } from '../shared/db/tables.ts';
import { AppError } from '../shared/errors.ts';
import type { BillingTables } from './tables.ts';

export type BillingDb = Kysely<SharedTables & CrmTables & BillingTables>;

/** Billing's view of the database; the accounts table is read only for owner scope and existence. */
export function billingDb(ctx: Ctx): BillingDb {
  return ctx.db.withTables<CrmTables & BillingTables>();
}

export function nowOf(ctx: Ctx): Date {
  return new Date(ctx.clock.now().epochMilliseconds);
}

/**
 * Record-level access for billing records follows their account's owner (crm owner-scope.ts):
 * a sales rep sees the subscriptions of accounts their team owns. Other roles see everything.
 */
export function accountInScope(scope: OwnerScope, accountIdColumn: string): RawBuilder<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`true`;
  return sql<SqlBool>`${sql.ref(accountIdColumn)} in (select accounts.id from accounts where ${ownerCondition(scope, 'accounts.owner_user_id')})`;
}

/** Unique-key races and source-key clashes become 409s naming the field; everything else stays a 500. */
export async function withConstraintErrors<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (error) {
    const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
    if (code === '23505' && typeof constraint === 'string' && constraint.endsWith('_source_external')) {
      throw new AppError('conflict', 'Another record already has this sourceSystem and externalId', {
        fieldErrors: [{ field: 'body.externalId', message: 'already used by another record from this source' }],
        cause: error,
      });
    }
    if (code === '23505' && constraint === 'invoices_number_series') {
      throw new AppError('conflict', 'Another invoice in this numbering series has this number', {
        fieldErrors: [{ field: 'body.number', message: 'already used' }],
        cause: error,
      });
    }
    throw error;
  }
}
