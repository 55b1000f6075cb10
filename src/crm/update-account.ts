import type { Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/context.ts';
import { assertParentUsable, assertSourcePair } from './account-rules.ts';
import { validateCustomFields } from './custom-fields/index.ts';
import { assertOwnerAssignable, ownerScope } from './owner-scope.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { getAccountRow, lockAccountHierarchy, toAccount, toColumns, updateAccountRow, versionConflict } from './repo.ts';
import { updateAccountSchema, type Account, type AccountFields, type AccountRow, type UpdateAccountInput } from './schema.ts';

export type UpdateAccountRequest = { id: string; expectedVersion: number; changes: UpdateAccountInput };

/**
 * Applies a partial update based on `expectedVersion` (409 with currentVersion otherwise).
 * A request that changes nothing writes nothing: no audit row, no new version.
 */
export async function updateAccount(ctx: Ctx, request: UpdateAccountRequest): Promise<Account> {
  const parsed = parseInput(updateAccountSchema, request.changes);
  const changes = parsed.customFields === undefined
    ? parsed
    : { ...parsed, customFields: await validateCustomFields(ctx, 'account', parsed.customFields, { partial: false }) };
  const scope = await ownerScope(ctx);
  return inTransaction(ctx, async (tx) => {
    if (changes.parentAccountId !== undefined) await lockAccountHierarchy(tx);
    const before = await getAccountRow(tx, scope, request.id, 'update');
    if (before.version !== request.expectedVersion) throw versionConflict(before.id, before.version, request.expectedVersion);
    const fields: AccountFields = { ...fieldsOf(before), ...definedOnly(changes) };
    const changed = changedValues(toColumns(fieldsOf(before)), toColumns(fields));
    if (Object.keys(changed).length === 0) return toAccount(before);
    if ('owner_user_id' in changed) assertOwnerAssignable(scope, fields.ownerUserId);
    if (changed.parent_account_id) await assertParentUsable(tx, scope, changed.parent_account_id, before.id);
    assertSourcePair(fields);
    const after = await updateAccountRow(tx, before, { ...changed, updated_at: new Date(tx.clock.now().epochMilliseconds) }, 'update');
    return toAccount(after);
  });
}

export function fieldsOf(row: AccountRow): AccountFields {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, version: _version, ...fields } = toAccount(row);
  return fields;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function changedValues<T extends Record<string, unknown>>(previous: T, next: T): Partial<T> {
  const changed: Partial<T> = {};
  for (const key of Object.keys(next) as Array<keyof T>) {
    if (next[key] !== previous[key]) changed[key] = next[key];
  }
  return changed;
}
