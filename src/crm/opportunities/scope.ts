import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { forbidden } from '../../shared/errors.ts';
import { isOwnerInScope, ownerCondition, type OwnerScope } from '../owner-scope.ts';

/**
 * Records hanging off an account (tickets, usage) are visible when the account is: its owner is
 * in the scope and it is not deleted. A read-only subquery on accounts, the one place outside the
 * accounts repo that names that table. Belongs in src/crm/owner-scope.ts.
 */
export function accountScopeCondition(scope: OwnerScope, accountIdColumn: string): RawBuilder<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`true`;
  return sql<SqlBool>`exists (select 1 from accounts where accounts.id = ${sql.ref(accountIdColumn)} and accounts.deleted_at is null and ${ownerCondition(scope, 'accounts.owner_user_id')})`;
}

/**
 * Reps and managers see the opportunities their team owns and every opportunity of an account
 * their team owns (the account team must see what is being sold to its customer).
 */
export function opportunityScopeCondition(scope: OwnerScope): RawBuilder<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`true`;
  return sql<SqlBool>`(${ownerCondition(scope, 'opportunities.owner_user_id')} or ${accountScopeCondition(scope, 'opportunities.account_id')})`;
}

/**
 * Editing is narrower than seeing: only opportunities the team owns. Visible through the account
 * alone is read-only, hence 403 (the record is visible, so nothing leaks).
 */
export function assertOpportunityWritable(scope: OwnerScope, row: { id: string; owner_user_id: string | null }): void {
  if (isOwnerInScope(scope, row.owner_user_id)) return;
  throw forbidden(`Opportunity ${row.id} is owned outside your team; you may view it through its account but not change it`);
}
