import type { Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { ownerScope } from './owner-scope.ts';
import { getAccountRow, updateAccountRow, versionConflict } from './repo.ts';
import { findAccountReferences, type AccountReference } from './repo-references.ts';

/**
 * Soft delete: the row stays for history, audit and the import key, and disappears from every
 * read. Refused (409) while live records point at it — child accounts, contacts, opportunities,
 * tickets, subscriptions, invoices, … whoever owns them — so nothing hangs off a deleted account;
 * the answer names each kind with its count (numbers only: the records may be outside the scope).
 * The account's row lock makes writers that attach a record to it (share lock) wait for this.
 */
export async function deleteAccount(ctx: Ctx, request: { id: string; expectedVersion: number }): Promise<void> {
  const scope = await ownerScope(ctx);
  await inTransaction(ctx, async (tx) => {
    const before = await getAccountRow(tx, scope, request.id, 'update');
    if (before.version !== request.expectedVersion) throw versionConflict(before.id, before.version, request.expectedVersion);
    const references = await findAccountReferences(tx, before.id);
    if (references.length > 0) throw stillReferenced(before.id, references);
    const now = new Date(tx.clock.now().epochMilliseconds);
    await updateAccountRow(tx, before, { deleted_at: now, updated_at: now }, 'delete');
  });
}

function stillReferenced(id: string, references: AccountReference[]): AppError {
  const blockedBy: Record<string, number> = {};
  for (const reference of references) {
    const name = reference.table === 'accounts' ? 'childAccounts' : reference.table;
    blockedBy[name] = (blockedBy[name] ?? 0) + reference.count;
  }
  const listed = Object.entries(blockedBy).map(([name, count]) => `${name} (${count})`);
  return new AppError('conflict', `Account ${id} is still referenced by live records: ${listed.join(', ')}; delete or move them first`, { extra: { blockedBy } });
}
