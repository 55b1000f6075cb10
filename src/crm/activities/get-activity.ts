import type { Ctx } from '../../shared/context.ts';
import { ownerScope } from '../owner-scope.ts';
import { findActivityRow, getActivityRow, toActivity } from './repo.ts';
import type { Activity } from './schema.ts';

/** A live activity the actor may see; 404 otherwise. */
export async function getActivity(ctx: Ctx, id: string): Promise<Activity> {
  return toActivity(await getActivityRow(ctx, await ownerScope(ctx), id));
}

export async function findActivity(ctx: Ctx, id: string): Promise<Activity | null> {
  const row = await findActivityRow(ctx, await ownerScope(ctx), id);
  return row ? toActivity(row) : null;
}
