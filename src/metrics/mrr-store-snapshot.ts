import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { versionSpans } from './mrr-spans.ts';
import { ACCOUNT_DIMENSIONS, type MrrStore, type MrrStoreSources } from './mrr-store.ts';

/**
 * The MRR store as bytes, so that a restart need not rebuild it from a million rows
 * (docs/metrics.md "How it is computed"). Layout (before gzip): u32 length of a JSON header
 * (format, stamp, dictionaries, ids, column lengths), the header, zero padding to 8 bytes, then
 * the typed columns in a fixed order, the store's sources (versions, span item ids) included so
 * that a snapshot older than the data can be refreshed incrementally (refresh-mrr-store.ts). The stamp says what the store was built from: the data
 * version and the span rules; a snapshot is used only when both equal the current ones.
 */
const FORMAT = 2;
const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

/**
 * A fingerprint of the span rules this code runs (mrr-spans.ts and billing's itemMrrMinor): the
 * spans of a few fixed item versions (discount, intervals, exact amount, trial, pause). A release
 * that computes any of them differently stamps its snapshots differently, so a snapshot built by
 * older rules is rebuilt instead of being trusted. The format number covers layout changes.
 */
export const SPAN_RULES_STAMP: string = (() => {
  const version = (overrides: object) => ({
    description: null, kind: 'recurring' as const, quantity: 3n, unitPriceMinor: 1_999n, unitPriceDecimal: null, discountBps: 1_250, amountMinor: null,
    billingIntervalMonths: 1 as const, timing: 'in_advance' as const, effectiveFromDate: '2024-01-31', effectiveToDate: '2024-07-15', ...overrides,
  });
  const window = { fromDate: '2024-02-10', toDate: '2025-01-01', pauses: [{ startDate: '2024-03-01', endDate: '2024-04-15' }] };
  const cases = [
    versionSpans(window, version({})), versionSpans(window, version({ billingIntervalMonths: 12, unitPriceMinor: 100_001n })),
    versionSpans(window, version({ amountMinor: 29_999n, billingIntervalMonths: 3 })), versionSpans(null, version({})),
    versionSpans({ ...window, pauses: [] }, version({ effectiveToDate: null, discountBps: 10_000 })),
  ];
  const text = JSON.stringify(cases, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  return `format ${FORMAT}, rules ${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
})();

type Header = {
  format: number; rulesStamp: string; dataVersion: string; currencies: string[]; plans: Array<string | null>;
  accountIds: string[]; accountValues: MrrStore['accounts']['values']; subscriptionIds: string[]; spanCount: number;
  /** False for a generated store (no sources): its zero-filled source columns are dropped on decode. */
  hasSources: boolean;
};

const int32Columns = (store: MrrStore, sources: MrrStoreSources): Int32Array[] => [
  ...ACCOUNT_DIMENSIONS.map((d) => store.accounts.attributes[d]),
  store.subscriptions.account, store.subscriptions.currency, store.subscriptions.plan,
  store.spans.subscription, store.spans.fromMonth, store.spans.toMonth,
  sources.subscriptionVersions, sources.accountVersions,
];

/** Generated stores carry no sources; saved as zeros (the header says so) to keep one layout. */
const sourcesOf = (store: MrrStore): MrrStoreSources => store.sources ?? {
  subscriptionVersions: new Int32Array(store.subscriptions.ids.length), accountVersions: new Int32Array(store.accounts.ids.length), spanItemIds: new Float64Array(store.spans.count),
};

/** The snapshot bytes (gzip) and the SHA-256 of what they hold. */
export async function encodeMrrStore(store: MrrStore): Promise<{ payload: Uint8Array; sha256: string }> {
  const header: Header = {
    format: FORMAT, rulesStamp: SPAN_RULES_STAMP, dataVersion: store.dataVersion, currencies: store.currencies, plans: store.plans,
    accountIds: store.accounts.ids, accountValues: store.accounts.values, subscriptionIds: store.subscriptions.ids, spanCount: store.spans.count,
    hasSources: store.sources !== undefined,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const start = align8(4 + headerBytes.length);
  const sources = sourcesOf(store);
  const columns: Array<Int32Array | Float64Array> = [store.spans.mrrMinor, sources.spanItemIds, ...int32Columns(store, sources)];
  const size = columns.reduce((total, column) => total + column.byteLength, start);
  const raw = Buffer.alloc(size);
  raw.writeUInt32LE(headerBytes.length, 0);
  headerBytes.copy(raw, 4);
  let offset = start;
  for (const column of columns) {
    raw.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), offset);
    offset += column.byteLength;
  }
  return { payload: await gzip(raw, { level: 1 }), sha256: createHash('sha256').update(raw).digest('hex') };
}

/**
 * The store held by a snapshot, or null when the snapshot cannot be trusted: a checksum, format,
 * rules or data-version mismatch, or any column out of shape. Never throws on bad bytes.
 */
export async function decodeMrrStore(payload: Uint8Array, sha256: string, expectedDataVersion: string): Promise<MrrStore | null> {
  let raw: Buffer;
  try {
    raw = await gunzip(payload);
  } catch {
    return null;
  }
  if (createHash('sha256').update(raw).digest('hex') !== sha256 || raw.length < 4) return null;
  const headerLength = raw.readUInt32LE(0);
  let header: Header;
  try {
    header = JSON.parse(raw.subarray(4, 4 + headerLength).toString('utf8')) as Header;
  } catch {
    return null;
  }
  if (header.format !== FORMAT || header.rulesStamp !== SPAN_RULES_STAMP || header.dataVersion !== expectedDataVersion) return null;
  const accounts = header.accountIds.length;
  const subscriptions = header.subscriptionIds.length;
  const spans = header.spanCount;
  const lengths = [...ACCOUNT_DIMENSIONS.map(() => accounts), subscriptions, subscriptions, subscriptions, spans, spans, spans, subscriptions, accounts];
  const start = align8(4 + headerLength);
  if (raw.length !== start + spans * 16 + lengths.reduce((a, b) => a + b, 0) * 4) return null;
  // Copy into fresh buffers: aligned, and independent of the decompressed bytes.
  const copy = (offset: number, length: number, bytes: number) => new Uint8Array(raw.buffer, raw.byteOffset + offset, length * bytes).slice().buffer;
  let offset = start;
  const mrrMinor = new Float64Array(copy(offset, spans, 8));
  offset += spans * 8;
  const spanItemIds = new Float64Array(copy(offset, spans, 8));
  offset += spans * 8;
  const ints = lengths.map((length) => {
    const column = new Int32Array(copy(offset, length, 4));
    offset += length * 4;
    return column;
  });
  const [segment, country, industry, subAccount, subCurrency, subPlan, spanSubscription, fromMonth, toMonth, subscriptionVersions, accountVersions] = ints as [
    Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  const store: MrrStore = {
    dataVersion: header.dataVersion, currencies: header.currencies, plans: header.plans,
    accounts: { ids: header.accountIds, attributes: { segment, country, industry }, values: header.accountValues },
    subscriptions: { ids: header.subscriptionIds, account: subAccount, currency: subCurrency, plan: subPlan },
    spans: { count: spans, subscription: spanSubscription, fromMonth, toMonth, mrrMinor },
    derived: new Map(),
  };
  if (header.hasSources === true) store.sources = { subscriptionVersions, accountVersions, spanItemIds };
  return isWellFormed(store) ? store : null;
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;
const within = (column: Int32Array, size: number) => column.every((value) => value >= 0 && value < size);

/** Every index in range and every amount a safe non-negative integer, totalling at most 2^53 (mrr-store.ts's invariants). */
function isWellFormed(store: MrrStore): boolean {
  const { accounts, subscriptions, spans } = store;
  if (!ACCOUNT_DIMENSIONS.every((d) => Array.isArray(accounts.values[d]) && within(accounts.attributes[d], accounts.values[d].length))) return false;
  if (!within(subscriptions.account, accounts.ids.length) || !within(subscriptions.currency, store.currencies.length) || !within(subscriptions.plan, store.plans.length)) return false;
  if (!within(spans.subscription, subscriptions.ids.length)) return false;
  if (!(store.sources?.spanItemIds.every((id) => Number.isSafeInteger(id) && id >= 0) ?? true)) return false;
  let total = 0;
  for (let i = 0; i < spans.count; i += 1) {
    const amount = spans.mrrMinor[i] ?? -1;
    if (!Number.isSafeInteger(amount) || amount < 0 || (spans.fromMonth[i] ?? 0) > (spans.toMonth[i] ?? 0)) return false;
    total += amount;
  }
  return total <= Number.MAX_SAFE_INTEGER;
}
