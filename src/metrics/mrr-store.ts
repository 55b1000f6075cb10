import { assert } from '../shared/errors.ts';

/**
 * The columnar store the MRR metrics run on: every MRR span of every subscription item as typed
 * arrays (struct of arrays), loaded once and cached until the data version changes
 * (load-mrr-store.ts). A report is then one pass over these arrays (snapshot-matrix.ts).
 *
 * Amounts are minor units held in a Float64Array: exact, because the builder refuses a store whose
 * spans add up to more than 2^53 minor units (every partial sum a report forms is at most that).
 */
export const ACCOUNT_DIMENSIONS = ['segment', 'country', 'industry'] as const;
export type AccountDimension = (typeof ACCOUNT_DIMENSIONS)[number];
export type AccountAttributes = Record<AccountDimension, string | null>;

export type MrrStore = {
  /** What the store was loaded from (see load-mrr-store.ts); 'memory' for generated stores. */
  dataVersion: string;
  currencies: string[];
  plans: Array<string | null>;
  accounts: { ids: string[]; attributes: Record<AccountDimension, Int32Array>; values: Record<AccountDimension, Array<string | null>> };
  subscriptions: { ids: string[]; account: Int32Array; currency: Int32Array; plan: Int32Array };
  spans: { count: number; subscription: Int32Array; fromMonth: Int32Array; toMonth: Int32Array; mrrMinor: Float64Array };
  /**
   * 'snapshot' when read back from a saved snapshot (mrr-snapshot-repo.ts) instead of built from the
   * rows; 'refreshed' when made from an earlier store by reloading only what changed (refresh-mrr-store.ts).
   */
  origin?: 'snapshot' | 'refreshed';
  /** What the store was built from, row by row, so that it can be refreshed incrementally; absent on generated stores. */
  sources?: MrrStoreSources;
  /** Row models and other per-grouping arrays, built on first use and dropped with the store. */
  derived: Map<string, unknown>;
};

/**
 * Per subscription and per account (by index) the row version it was read at; per span the item
 * version id that made it; and the history high-water marks read in the same snapshot (history-marks.ts),
 * absent on a store restored from a saved snapshot (those are refreshed by listing versions).
 */
export type MrrStoreSources = { subscriptionVersions: Int32Array; accountVersions: Int32Array; spanItemIds: Float64Array; historyMarks?: HistoryMarks };
export type HistoryMarks = { subscriptions: bigint; accounts: bigint };

export type StoreBuilder = {
  /** Idempotent by id: the first attributes seen win (they are the account's, whichever row carries them). */
  addAccount(id: string, attributes: AccountAttributes): number;
  addSubscription(id: string, accountIndex: number, currency: string, plan: string | null): number;
  /** A span covering the month ends of months [fromMonth, toMonth) with mrrMinor per month end. */
  addSpan(subscriptionIndex: number, fromMonth: number, toMonth: number, mrrMinor: number): void;
  finish(dataVersion: string): MrrStore;
};

type Dictionary = { index: Map<string | null, number>; values: Array<string | null> };

function intern(dictionary: Dictionary, value: string | null): number {
  let index = dictionary.index.get(value);
  if (index === undefined) {
    index = dictionary.values.length;
    dictionary.index.set(value, index);
    dictionary.values.push(value);
  }
  return index;
}

const newDictionary = (): Dictionary => ({ index: new Map(), values: [] });

/** A growable typed column: doubles its buffer, trimmed by finish(). */
function column<T extends Int32Array | Float64Array>(make: (length: number) => T) {
  let data = make(1024);
  let length = 0;
  return {
    push(value: number): void {
      if (length === data.length) {
        const bigger = make(data.length * 2);
        bigger.set(data);
        data = bigger;
      }
      data[length++] = value;
    },
    finish: (): T => data.slice(0, length) as T,
    get length() {
      return length;
    },
  };
}

export function createStoreBuilder(): StoreBuilder {
  const accountIndex = new Map<string, number>();
  const accountIds: string[] = [];
  const dictionaries = { segment: newDictionary(), country: newDictionary(), industry: newDictionary() };
  const attributes = { segment: column((n) => new Int32Array(n)), country: column((n) => new Int32Array(n)), industry: column((n) => new Int32Array(n)) };
  const currencies = newDictionary();
  const plans = newDictionary();
  const subscriptionIds: string[] = [];
  const subscriptions = { account: column((n) => new Int32Array(n)), currency: column((n) => new Int32Array(n)), plan: column((n) => new Int32Array(n)) };
  const spans = {
    subscription: column((n) => new Int32Array(n)), fromMonth: column((n) => new Int32Array(n)),
    toMonth: column((n) => new Int32Array(n)), mrrMinor: column((n) => new Float64Array(n)),
  };
  let totalMinor = 0;
  return {
    addAccount(id, values) {
      const known = accountIndex.get(id);
      if (known !== undefined) return known;
      accountIndex.set(id, accountIds.length);
      accountIds.push(id);
      for (const dimension of ['segment', 'country', 'industry'] as const) attributes[dimension].push(intern(dictionaries[dimension], values[dimension]));
      return accountIds.length - 1;
    },
    addSubscription(id, account, currency, plan) {
      subscriptionIds.push(id);
      subscriptions.account.push(account);
      subscriptions.currency.push(intern(currencies, currency));
      subscriptions.plan.push(intern(plans, plan));
      return subscriptionIds.length - 1;
    },
    addSpan(subscription, fromMonth, toMonth, mrrMinor) {
      assert(Number.isSafeInteger(mrrMinor) && mrrMinor >= 0, `span MRR must be a safe non-negative integer, got ${mrrMinor}`);
      totalMinor += mrrMinor;
      spans.subscription.push(subscription);
      spans.fromMonth.push(fromMonth);
      spans.toMonth.push(toMonth);
      spans.mrrMinor.push(mrrMinor);
    },
    finish(dataVersion) {
      // Guard: beyond 2^53 the Float64 sums would round; no real book of business comes near it.
      assert(totalMinor <= Number.MAX_SAFE_INTEGER, `MRR spans add up to ${totalMinor} minor units, beyond exact float arithmetic (2^53)`);
      return {
        dataVersion,
        currencies: currencies.values.map(String),
        plans: plans.values,
        accounts: {
          ids: accountIds,
          attributes: { segment: attributes.segment.finish(), country: attributes.country.finish(), industry: attributes.industry.finish() },
          values: { segment: dictionaries.segment.values, country: dictionaries.country.values, industry: dictionaries.industry.values },
        },
        subscriptions: { ids: subscriptionIds, account: subscriptions.account.finish(), currency: subscriptions.currency.finish(), plan: subscriptions.plan.finish() },
        spans: {
          count: spans.subscription.length, subscription: spans.subscription.finish(), fromMonth: spans.fromMonth.finish(),
          toMonth: spans.toMonth.finish(), mrrMinor: spans.mrrMinor.finish(),
        },
        derived: new Map(),
      };
    },
  };
}
