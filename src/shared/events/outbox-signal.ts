import { randomInt } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { TxCtx } from '../context.ts';
import type { SharedTables } from '../db/tables.ts';

/**
 * Wakes in-process dispatchers right after a transaction that queued
 * deliveries commits (or rolls back). Kysely has no after-commit hook and
 * inTransaction() belongs to callers, so the signal carries a key to an
 * advisory lock the writing transaction holds until it ends: a dispatcher
 * that takes the same lock is released exactly at commit. The dispatcher's
 * timed poll stays the safety net (other processes, missed signals).
 */

// Two-int4 advisory keys live apart from single-bigint keys (e.g. Kysely's migration lock).
const OUTBOX_LOCK_CLASS = 0x0b0c;

type SignalListener = (key: number) => void;
const listeners = new Set<SignalListener>();
// One signal per transaction is enough: the barrier is the transaction's end, not the event.
const signalledTransactions = new WeakSet<object>();

export async function signalAfterCommit(tx: TxCtx): Promise<void> {
  if (signalledTransactions.has(tx.db)) return;
  signalledTransactions.add(tx.db);
  const key = randomInt(-(2 ** 31), 2 ** 31);
  await sql`select pg_advisory_xact_lock_shared(${OUTBOX_LOCK_CLASS}::int4, ${key}::int4)`.execute(tx.db);
  for (const listener of listeners) listener(key);
}

export function onOutboxSignal(listener: SignalListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Resolves once every transaction that sent one of `keys` has ended, or throws after `timeoutMs`. */
async function waitForSignalledTransactions(db: Kysely<SharedTables>, keys: number[], timeoutMs: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select set_config('lock_timeout', ${`${Math.max(1, Math.round(timeoutMs))}ms`}, true)`.execute(trx);
    for (const key of keys) {
      await sql`select pg_advisory_xact_lock(${OUTBOX_LOCK_CLASS}::int4, ${key}::int4)`.execute(trx);
    }
  });
}

export type CommitWaiter = { add(key: number): void; idle(): Promise<void> };

/**
 * Batches signals and calls `onEnded` after their transactions end. One wait
 * at a time, so a burst of signals holds at most one pooled connection.
 */
export function createCommitWaiter(
  db: Kysely<SharedTables>,
  options: { timeoutMs: number; onEnded(): void; onError(error: unknown): void },
): CommitWaiter {
  let pending: number[] = [];
  let running: Promise<void> | null = null;
  const drain = async (): Promise<void> => {
    while (pending.length > 0) {
      const keys = pending;
      pending = [];
      try {
        await waitForSignalledTransactions(db, keys, options.timeoutMs);
      } catch (error) {
        options.onError(error);
      }
      options.onEnded();
    }
    running = null;
  };
  return {
    add(key) {
      pending.push(key);
      running ??= drain();
    },
    idle: () => running ?? Promise.resolve(),
  };
}
