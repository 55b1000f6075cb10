import type { Ctx } from '../../shared/context.ts';
import { ownerScope } from '../owner-scope.ts';
import { findLeadRow, findStatusHistoryRows, getLeadRow, toLead } from './repo.ts';
import type { Lead } from './schema.ts';

/** A live lead the actor may see; 404 otherwise. */
export async function getLead(ctx: Ctx, id: string): Promise<Lead> {
  return toLead(await getLeadRow(ctx, await ownerScope(ctx), id));
}

export async function findLead(ctx: Ctx, id: string): Promise<Lead | null> {
  const row = await findLeadRow(ctx, await ownerScope(ctx), id);
  return row ? toLead(row) : null;
}

export type LeadStatusChange = { fromStatus: string | null; toStatus: string; changedAt: string; actorType: string; actorId: string };

/** Every status the lead has entered, oldest first (the first row is its creation). */
export async function listLeadStatusHistory(ctx: Ctx, id: string): Promise<{ data: LeadStatusChange[] }> {
  await getLeadRow(ctx, await ownerScope(ctx), id);
  const rows = await findStatusHistoryRows(ctx, id);
  return {
    data: rows.map((row) => ({
      fromStatus: row.from_status,
      toStatus: row.to_status,
      changedAt: row.changed_at.toISOString(),
      actorType: row.actor_type,
      actorId: row.actor_id,
    })),
  };
}
