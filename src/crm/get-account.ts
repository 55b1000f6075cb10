import type { Ctx } from '../shared/context.ts';
import { ownerScope } from './owner-scope.ts';
import { findAccountRow, getAccountRow, toAccount } from './repo.ts';
import type { Account } from './schema.ts';

/** A live account the actor may see; 404 otherwise (missing, deleted and out of scope look alike). */
export async function getAccount(ctx: Ctx, id: string): Promise<Account> {
  return toAccount(await getAccountRow(ctx, await ownerScope(ctx), id));
}

export async function findAccount(ctx: Ctx, id: string): Promise<Account | null> {
  const row = await findAccountRow(ctx, await ownerScope(ctx), id);
  return row ? toAccount(row) : null;
}
