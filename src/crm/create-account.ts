import type { Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/context.ts';
import { newId } from '../shared/ids.ts';
import { assertParentUsable, assertSourcePair, defaultOwnerId } from './account-rules.ts';
import { validateCustomFields } from './custom-fields/index.ts';
import { assertOwnerAssignable, ownerScope } from './owner-scope.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { insertAccount, toAccount, toColumns } from './repo.ts';
import { createAccountSchema, type Account, type CreateAccountInput } from './schema.ts';

export async function createAccount(ctx: Ctx, input: CreateAccountInput): Promise<Account> {
  const { ownerUserId, ...parsed } = parseInput(createAccountSchema, input);
  const rest = { ...parsed, customFields: await validateCustomFields(ctx, 'account', parsed.customFields, { partial: false }) };
  const fields = { ...rest, ownerUserId: ownerUserId === undefined ? defaultOwnerId(ctx.actor) : ownerUserId };
  assertSourcePair(fields);
  const scope = await ownerScope(ctx);
  assertOwnerAssignable(scope, fields.ownerUserId);
  const now = new Date(ctx.clock.now().epochMilliseconds);
  return inTransaction(ctx, async (tx) => {
    if (fields.parentAccountId !== null) await assertParentUsable(tx, scope, fields.parentAccountId);
    const row = await insertAccount(tx, { id: newId('acct'), ...toColumns(fields), created_at: now, updated_at: now });
    return toAccount(row);
  });
}
