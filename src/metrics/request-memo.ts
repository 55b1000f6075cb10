import type { Ctx } from '../shared/context.ts';

/**
 * Loads shared between the metrics of one batch request (metrics-batch.ts): AR balance and DSO
 * read the same receivables, win rate, bookings and deal size the same closed deals, the MRR
 * metrics the same data version (load-mrr-store.ts). The memo
 * lives on the batch's own context object and goes with it, so it never outlives the request and
 * never serves another one; a context that is not a batch's (GET /metrics/:name, the CLI) loads
 * every time, as before. Memoised loads answer shared arrays: callers filter and map, never mutate.
 * A key names everything the load reads by, asOf included (an as-of report computes the figure
 * twice in one batch, as reported and now: the two must not share a load).
 */
const memos = new WeakMap<object, Map<string, Promise<unknown>>>();

/** A context for one batch: the request's, as a new object that carries the memo. */
export function withRequestMemo(ctx: Ctx): Ctx {
  const batchCtx = { ...ctx };
  memos.set(batchCtx, new Map());
  return batchCtx;
}

/** The load's answer, once per batch context and key; without a batch context, simply the load. */
export function memoInRequest<T>(ctx: Ctx, key: readonly unknown[], load: () => Promise<T>): Promise<T> {
  const memo = memos.get(ctx);
  if (!memo) return load();
  const text = JSON.stringify(key);
  const hit = memo.get(text) as Promise<T> | undefined;
  if (hit) return hit;
  const request = load();
  memo.set(text, request);
  request.catch(() => memo.delete(text));
  return request;
}
