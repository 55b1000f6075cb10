import type { Ctx } from '../../shared/context.ts';
import { ownerScope } from '../owner-scope.ts';
import { findContactRow, getContactRow, toContact } from './repo.ts';
import type { Contact } from './schema.ts';

/** A live contact the actor may see; 404 otherwise (missing, deleted and out of scope look alike). */
export async function getContact(ctx: Ctx, id: string): Promise<Contact> {
  return toContact(await getContactRow(ctx, await ownerScope(ctx), id));
}

export async function findContact(ctx: Ctx, id: string): Promise<Contact | null> {
  const row = await findContactRow(ctx, await ownerScope(ctx), id);
  return row ? toContact(row) : null;
}
