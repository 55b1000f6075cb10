import type { Ctx } from '../../shared/context.ts';
import { ownerScope } from '../owner-scope.ts';
import { findOpportunityRow, getOpportunityRow, toOpportunity } from './repo.ts';
import type { Opportunity } from './schema.ts';

/** A live opportunity the actor may see; 404 otherwise (missing, deleted and out of scope look alike). */
export async function getOpportunity(ctx: Ctx, id: string): Promise<Opportunity> {
  return toOpportunity(await getOpportunityRow(ctx, await ownerScope(ctx), id));
}

export async function findOpportunity(ctx: Ctx, id: string): Promise<Opportunity | null> {
  const row = await findOpportunityRow(ctx, await ownerScope(ctx), id);
  return row ? toOpportunity(row) : null;
}
