import type { Ctx } from '../shared/context.ts';

/**
 * Look-ups that a transaction repeats (the pipeline stages, lead statuses and custom field
 * definitions every write consults, the actor's team for the owner scope) are read once per
 * transaction: the memo is keyed by the transaction object, so it dies with it, and nothing is
 * kept outside a transaction — several servers share one database, so a process-wide cache could
 * serve another server's stale rows. Writes to a memoised table forget its entries (forgetInTransaction)
 * in the same repo function, so a transaction always sees its own writes.
 *
 * What a memo gives up: within one transaction, a row another transaction commits after the
 * first read is not seen (as under REPEATABLE READ). Locking reads never go through it.
 */
const memos = new WeakMap<object, Map<string, Promise<unknown>>>();

export function memoInTransaction<T>(ctx: Ctx, key: string, load: () => Promise<T>): Promise<T> {
  if (!ctx.db.isTransaction) return load();
  let memo = memos.get(ctx.db);
  if (!memo) {
    memo = new Map();
    memos.set(ctx.db, memo);
  }
  const known = memo.get(key);
  if (known) return known as Promise<T>;
  const loading = load();
  memo.set(key, loading);
  // A failed read is not remembered (the transaction is usually aborted anyway).
  const entries = memo;
  loading.catch(() => {
    if (entries.get(key) === loading) entries.delete(key);
  });
  return loading;
}

/** Forgets every entry whose key starts with `keyPrefix` (call it beside each write to the table). */
export function forgetInTransaction(ctx: Ctx, keyPrefix: string): void {
  const memo = memos.get(ctx.db);
  if (!memo) return;
  for (const key of [...memo.keys()]) if (key.startsWith(keyPrefix)) memo.delete(key);
}
