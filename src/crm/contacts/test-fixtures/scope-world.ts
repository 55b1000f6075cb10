import { createTeam, createUser, type User } from '../../../identity/index.ts';
import type { Actor, Role } from '../../../shared/access.ts';
import { withActor, type Ctx } from '../../../shared/context.ts';

export type ScopeWorld = {
  /** rep and teammate (sales_rep) and manager (sales_manager) share a team; outsider is on another. */
  users: Record<'rep' | 'teammate' | 'manager' | 'outsider', User>;
  as(user: User): Ctx;
};

export const PASSWORD = 'correct horse battery staple';

export function userActor(user: User): Actor {
  return { kind: 'user', id: user.id, role: user.role, teamId: user.teamId, displayName: user.displayName };
}

/** Two teams of users for the record-level scope tests (owner-scope.ts). */
export async function createScopeWorld(ctx: Ctx, prefix: string): Promise<ScopeWorld> {
  const team = await createTeam(ctx, { name: `${prefix} EMEA` });
  const other = await createTeam(ctx, { name: `${prefix} APAC` });
  const user = (name: string, role: Role, teamId: string) =>
    createUser(ctx, { email: `${prefix}-${name}@example.com`, displayName: name, role, teamId, locale: 'en', password: PASSWORD });
  const users = {
    rep: await user('rep', 'sales_rep', team.id),
    teammate: await user('teammate', 'sales_rep', team.id),
    manager: await user('manager', 'sales_manager', team.id),
    outsider: await user('outsider', 'sales_rep', other.id),
  };
  return { users, as: (u) => withActor(ctx, userActor(u)) };
}

/** Awaits a promise that must reject, and returns what it rejected with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<{ code?: string; fieldErrors?: Array<{ field: string }>; extra?: Record<string, unknown> }> {
  const outcome = await promise.then(
    () => ({ resolved: true as const }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) throw new Error('expected the call to fail, but it succeeded');
  return outcome.error as { code?: string };
}
