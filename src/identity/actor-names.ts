import type { Ctx } from '../shared/context.ts';

export type ActorName = { id: string; kind: 'user' | 'api_key'; name: string };

/** The most ids one request may name (GET /actors). */
export const MAX_ACTOR_IDS = 100;

/**
 * Who is behind the ids that records carry (`posted_by`, `closed_by`, audit actors): a user's display
 * name, an API key's name. Unknown ids are left out. Any signed-in user may read these names, as
 * every "created by" line shows them; e-mail addresses and roles stay with the admin's GET /users.
 */
export async function actorNames(ctx: Ctx, ids: readonly string[]): Promise<ActorName[]> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return [];
  const users = await ctx.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  const keys = await ctx.db.selectFrom('api_keys').select(['id', 'name']).where('id', 'in', wanted).execute();
  return [
    ...users.map((row): ActorName => ({ id: row.id, kind: 'user', name: row.display_name })),
    ...keys.map((row): ActorName => ({ id: row.id, kind: 'api_key', name: row.name })),
  ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
