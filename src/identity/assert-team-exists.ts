import type { Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';

/** A user's or API key's team must exist: a 400 naming body.teamId, not a foreign-key 500. */
export async function assertTeamExists(ctx: Ctx, teamId: string | null | undefined): Promise<void> {
  if (!teamId) return;
  const team = await ctx.db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) {
    throw new AppError('validation_failed', `Team ${teamId} does not exist`, { fieldErrors: [{ field: 'body.teamId', message: 'unknown team' }] });
  }
}
