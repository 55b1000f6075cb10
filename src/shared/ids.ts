/**
 * Record ids: a readable prefix and a ULID (STYLE.md "Naming"), e.g. "inv_01J9Z3K8Q4T6W0B2C5D7E9F1GH".
 * The ULID is 10 Crockford base32 characters of milliseconds since the epoch followed by 16 of
 * crypto randomness, so ids sort by creation time as plain strings. Within one millisecond the
 * random part is incremented instead of redrawn, keeping ids from one process strictly ordered.
 */
import { systemClock } from './clock.ts';

export const ID_PREFIXES = {
  account: 'acct',
  contact: 'cont',
  lead: 'lead',
  opportunity: 'opp',
  quote: 'quo',
  order: 'ord',
  orderLine: 'oli',
  quoteAcceptanceLink: 'qal',
  quoteAcceptance: 'qac',
  subscription: 'sub',
  invoice: 'inv',
  payment: 'pay',
  journalEntry: 'je',
  user: 'usr',
  apiKey: 'key',
  event: 'evt',
  webhook: 'whk',
  delivery: 'dlv',
  audit: 'aud',
  campaign: 'cmp',
  product: 'prod',
  session: 'ses',
  team: 'team',
  activity: 'act',
  ticket: 'tkt',
  import: 'imp',
  priceBook: 'pbk',
  price: 'price',
  bundleItem: 'bnd',
  booking: 'bkg',
  commission: 'cms',
  commissionPlan: 'cpl',
  creditNote: 'cn',
  billingRun: 'brun',
  accountMerge: 'mrg',
  matchCandidate: 'mtc',
  invoiceLine: 'inl',
  subscriptionItem: 'si',
  provisioning: 'prv',
  approval: 'apr',
  rule: 'rul',
  lineItem: 'li',
  stage: 'stg',
  customField: 'cfd',
  statusChange: 'sth',
  member: 'mem',
  fxRate: 'fx',
  dunning: 'dun',
  paymentReversal: 'rfd',
  accountHold: 'hold',
  collectionNote: 'note',
  paymentPromise: 'ptp',
  savedView: 'view',
} as const;

export type IdPrefix = (typeof ID_PREFIXES)[keyof typeof ID_PREFIXES];
export type Id<P extends IdPrefix = IdPrefix> = `${P}_${string}`;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;
const MAX_TIME_MS = 2 ** 48 - 1;
const KNOWN_PREFIXES: ReadonlySet<string> = new Set(Object.values(ID_PREFIXES));
// First character at most 7: 48 bits of time fill 10 base32 characters (50 bits) only so far.
const ANY_ID = /^([a-z]+)_([0-7][0-9A-HJKMNP-TV-Z]{25})$/;

// The 80 random bits as two 40-bit halves in plain numbers (exact below 2^53): BigInt arithmetic
// made an id cost several times more, and bulk writes take two ids per record (the row and its audit entry).
const HALF = 2 ** 40;

// Monotonic state for this process: the last millisecond used and the random part issued in it.
let lastTimeMs = -1;
let randomHigh = 0;
let randomLow = 0;

const CROCKFORD_CODES = Array.from(CROCKFORD, (char) => char.charCodeAt(0));
// The ULID's character codes, filled in place and turned into one string (no string per character).
const ULID_CODES = new Uint16Array(TIME_CHARS + RANDOM_CHARS);

/** `length` base32 characters of a non-negative integer below 2^53 into ULID_CODES at `end - length`, most significant first. */
function encodeBase32(value: number, length: number, end: number): void {
  let rest = value;
  for (let i = end - 1; i >= end - length; i -= 1) {
    ULID_CODES[i] = CROCKFORD_CODES[rest % 32] as number;
    rest = Math.floor(rest / 32);
  }
}

// Crypto randomness drawn 4 KiB at a time and used 10 bytes per millisecond: one getRandomValues
// call per id was most of an id's cost (a new millisecond, and so a new draw, for almost every id).
const RANDOM_POOL = new Uint8Array(4_096);
let poolOffset = RANDOM_POOL.length;

function drawRandom(): void {
  if (poolOffset + 10 > RANDOM_POOL.length) {
    globalThis.crypto.getRandomValues(RANDOM_POOL);
    poolOffset = 0;
  }
  let high = 0;
  let low = 0;
  for (let i = 0; i < 5; i += 1) high = high * 256 + (RANDOM_POOL[poolOffset + i] as number);
  for (let i = 5; i < 10; i += 1) low = low * 256 + (RANDOM_POOL[poolOffset + i] as number);
  // Guard: each byte is used once, so no two draws share randomness.
  poolOffset += 10;
  randomHigh = high;
  randomLow = low;
}

function nextRandom(nowMs: number): void {
  if (nowMs !== lastTimeMs) {
    lastTimeMs = nowMs;
    drawRandom();
    return;
  }
  // Same millisecond: increment so ids stay ordered. Overflow needs ~2^79 ids in one ms on average.
  if (randomHigh === HALF - 1 && randomLow === HALF - 1) throw new Error('newId: random part overflowed within one millisecond');
  randomLow += 1;
  if (randomLow === HALF) {
    randomLow = 0;
    randomHigh += 1;
  }
}

/**
 * A new id such as "acct_01J9Z3K8Q4T6W0B2C5D7E9F1GH". `nowMs` defaults to the system clock;
 * tests pass it to get predictable time parts.
 */
export function newId<P extends IdPrefix>(prefix: P, nowMs: number = systemClock.now().epochMilliseconds): Id<P> {
  // Checked at runtime too: prefixes reach here from casts and JavaScript callers.
  if (!KNOWN_PREFIXES.has(prefix)) throw new RangeError(`Unknown id prefix ${JSON.stringify(prefix)}`);
  if (!Number.isSafeInteger(nowMs) || nowMs < 0 || nowMs > MAX_TIME_MS) {
    throw new RangeError(`nowMs must be an integer millisecond in [0, 2^48), got ${nowMs}`);
  }
  nextRandom(nowMs);
  encodeBase32(nowMs, TIME_CHARS, TIME_CHARS);
  encodeBase32(randomHigh, RANDOM_CHARS / 2, TIME_CHARS + RANDOM_CHARS / 2);
  encodeBase32(randomLow, RANDOM_CHARS / 2, TIME_CHARS + RANDOM_CHARS);
  const ulid = String.fromCharCode.apply(null, ULID_CODES as unknown as number[]);
  return `${prefix}_${ulid}`;
}

export function isId<P extends IdPrefix>(value: unknown, prefix: P): value is Id<P> {
  const match = typeof value === 'string' ? ANY_ID.exec(value) : null;
  return match !== null && match[1] === prefix;
}

/** The creation millisecond encoded in an id of any known prefix. */
export function decodeIdTimeMs(id: string): number {
  const match = ANY_ID.exec(id);
  const ulid = match?.[2];
  if (!match || !ulid || !KNOWN_PREFIXES.has(match[1] ?? '')) throw new RangeError(`Not an id: ${JSON.stringify(id)}`);
  let timeMs = 0;
  for (const char of ulid.slice(0, TIME_CHARS)) timeMs = timeMs * 32 + CROCKFORD.indexOf(char);
  return timeMs;
}
