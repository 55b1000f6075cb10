import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { findManagedTeamMemberIds, findTeamMemberIds } from '../identity/index.ts';
import type { Role } from '../shared/access.ts';
import type { Ctx } from '../shared/context.ts';
import { forbidden } from '../shared/errors.ts';
import { memoInTransaction } from './tx-memo.ts';

/**
 * Record-level access for owned CRM records (accounts now, opportunities next), from the
 * foundation issue: "a sales rep sees and edits only the accounts/opportunities they own or that
 * belong to their team (managers see their team)". Both roles therefore get the same set: the
 * actor plus every user whose users.team_id is the actor's team. Every other role sees everything
 * its route allows. A Record over Role, so a new role does not compile until someone decides.
 *
 * API keys: the actor id is the key id ("key_…"), which owns nothing, so a sales_rep key sees its
 * team's records (api_keys.team_id) and, without a team, nothing at all.
 * A sales manager also sees the members of every team they manage (teams.manager_user_id), so a
 * manager of several teams, or one who is not a member of the team they lead, sees all of them.
 */
const ROLE_SCOPE: Record<Role, 'all' | 'team'> = {
  admin: 'all',
  revops: 'all',
  finance: 'all',
  success: 'all',
  viewer: 'all',
  sales_rep: 'team',
  sales_manager: 'team',
};

export type OwnerScope = { kind: 'all' } | { kind: 'owners'; ownerUserIds: ReadonlySet<string> };

/**
 * Resolved once per service call (one query for scoped roles, none otherwise), and once per
 * transaction for the same actor (see tx-memo.ts): a conversion creates account, contact and
 * opportunity in one transaction, each asking. Team membership is identity's; nothing in a CRM
 * transaction changes it.
 */
export async function ownerScope(ctx: Ctx): Promise<OwnerScope> {
  const { actor } = ctx;
  if (ROLE_SCOPE[actor.role] === 'all') return { kind: 'all' };
  return memoInTransaction(ctx, `crm.owner_scope:${actor.kind}:${actor.id}:${actor.role}:${actor.teamId ?? ''}`, () => loadOwnerScope(ctx));
}

async function loadOwnerScope(ctx: Ctx): Promise<OwnerScope> {
  const { actor } = ctx;
  const teamMemberIds = actor.teamId ? await findTeamMemberIds(ctx, actor.teamId) : [];
  const managedIds = actor.role === 'sales_manager' && actor.kind === 'user' ? await findManagedTeamMemberIds(ctx, actor.id) : [];
  return { kind: 'owners', ownerUserIds: new Set([actor.id, ...teamMemberIds, ...managedIds]) };
}

/**
 * The WHERE condition on an owner column, e.g. `.where(ownerCondition(scope, 'accounts.owner_user_id'))`.
 * Unowned records (owner null) are outside every team scope.
 */
export function ownerCondition(scope: OwnerScope, ownerColumn: string): RawBuilder<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`true`;
  return sql<SqlBool>`${sql.ref(ownerColumn)} in (${sql.join([...scope.ownerUserIds])})`;
}

export function isOwnerInScope(scope: OwnerScope, ownerUserId: string | null): boolean {
  return scope.kind === 'all' || (ownerUserId !== null && scope.ownerUserIds.has(ownerUserId));
}

/**
 * 403, not 404: the caller named the owner, so nothing leaks. Handing a record to someone outside
 * the scope would make it vanish from the caller's own view, which is what the rule forbids.
 */
export function assertOwnerAssignable(scope: OwnerScope, ownerUserId: string | null): void {
  if (isOwnerInScope(scope, ownerUserId)) return;
  throw forbidden(
    ownerUserId === null
      ? 'Records you own or your team owns cannot be left without an owner'
      : `User ${ownerUserId} is not you or on your team; you may only assign records within your team`,
  );
}
