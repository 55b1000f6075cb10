import type { Ctx } from '../../shared/context.ts';
import { ownerScope } from '../owner-scope.ts';
import { findTicketRow, getTicketRow, toTicket } from './repo.ts';
import type { Ticket } from './schema.ts';

/** A live ticket on an account the actor may see; 404 otherwise. */
export async function getTicket(ctx: Ctx, id: string): Promise<Ticket> {
  return toTicket(await getTicketRow(ctx, await ownerScope(ctx), id));
}

export async function findTicket(ctx: Ctx, id: string): Promise<Ticket | null> {
  const row = await findTicketRow(ctx, await ownerScope(ctx), id);
  return row ? toTicket(row) : null;
}
