import type { Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/context.ts';
import { recordAudit } from '../shared/audit.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { toTeam } from './repo.ts';
import type { Team } from './schema.ts';

export async function createTeam(ctx: Ctx, input: { name: string; managerUserId?: string | null | undefined }): Promise<Team> {
  return inTransaction(ctx, async (tx) => {
    const clash = await tx.db.selectFrom('teams').select('id').where('name', '=', input.name).executeTakeFirst();
    if (clash) throw new AppError('conflict', `A team named ${input.name} exists`, { fieldErrors: [{ field: 'body.name', message: 'already in use' }] });
    const row = { id: newId('team'), name: input.name, manager_user_id: input.managerUserId ?? null, created_at: new Date(tx.clock.now().epochMilliseconds) };
    await tx.db.insertInto('teams').values(row).execute();
    await recordAudit(tx, { action: 'create', entityType: 'team', entityId: row.id, before: null, after: row });
    return toTeam(row);
  });
}

export async function listTeams(ctx: Ctx): Promise<Team[]> {
  return (await ctx.db.selectFrom('teams').selectAll().orderBy('name').execute()).map(toTeam);
}

/** Ids of users on the actor's team: the record-level scope of sales managers. */
export async function findTeamMemberIds(ctx: Ctx, teamId: string): Promise<string[]> {
  return (await ctx.db.selectFrom('users').select('id').where('team_id', '=', teamId).execute()).map((r) => r.id);
}

/** Members of every team whose manager is this user: a manager's scope beyond their own team. */
export async function findManagedTeamMemberIds(ctx: Ctx, managerUserId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('users')
    .innerJoin('teams', 'teams.id', 'users.team_id')
    .select('users.id')
    .where('teams.manager_user_id', '=', managerUserId)
    .execute();
  return rows.map((r) => r.id);
}
