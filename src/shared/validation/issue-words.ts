// The words plainIssueMessage puts in place of zod's type, size and format names: what a person
// filling in a form calls them ("text", "a whole number", "a date as YYYY-MM-DD"), never a
// TypeScript type or a regular expression.

/** What a value of zod's type name (an issue's `expected`, or its `received`) is called. */
const TYPE_NOUNS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  map: 'an object',
  array: 'a list',
  tuple: 'a list',
  set: 'a list',
  date: 'a date',
  file: 'a file',
  null: 'null',
  nan: 'not a number',
  infinity: 'an infinite number',
};

export function typeNoun(type: string): string {
  return TYPE_NOUNS[type] ?? `a value of type ${type}`;
}

/** zod's type name for a value, as its own messages say it after "received" (util.parsedType). */
export function typeNameOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'nan' : Number.isFinite(value) ? 'number' : 'infinity';
  if (value instanceof Date) return 'date';
  return typeof value;
}

const FORMAT_NOUNS: Record<string, string> = {
  email: 'an e-mail address such as ada@example.com',
  url: 'a URL such as https://example.com',
  datetime: 'a date and time in ISO 8601, e.g. 2026-01-15T09:00:00Z',
  date: 'a date as YYYY-MM-DD',
  time: 'a time as HH:MM or HH:MM:SS',
  duration: 'a duration in ISO 8601, e.g. P1M',
  uuid: 'a UUID',
  uuidv4: 'a UUID',
  uuidv6: 'a UUID',
  uuidv7: 'a UUID',
  guid: 'a UUID',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  cidrv4: 'an IPv4 range such as 10.0.0.0/8',
  cidrv6: 'an IPv6 range',
  mac: 'a MAC address',
  hostname: 'a host name',
  base64: 'base64 text',
  base64url: 'base64url text',
  hex: 'hexadecimal digits',
  json_string: 'JSON text',
  e164: 'a phone number such as +4930123456',
  currency_code: 'an ISO 4217 currency code such as EUR',
  credit_card: 'a card number',
  iban: 'an IBAN',
  jwt: 'a JSON web token',
  emoji: 'an emoji',
  nanoid: 'a nanoid',
  cuid: 'a cuid',
  cuid2: 'a cuid2',
  ulid: 'a ULID',
  xid: 'an XID',
  ksuid: 'a KSUID',
};

/** What a string format expects, or null for a pattern that only its schema can put in words. */
export function formatNoun(format: string): string | null {
  return FORMAT_NOUNS[format] ?? null;
}

/** The unit a length or count is in, by zod's `origin`; null for a plain number or a date. */
const SIZE_UNITS: Record<string, [one: string, many: string]> = {
  string: ['character', 'characters'],
  array: ['item', 'items'],
  set: ['item', 'items'],
  map: ['entry', 'entries'],
  file: ['byte', 'bytes'],
  lines: ['line', 'lines'], // Revline's own: text counted in lines (a postal address)
};

export function sizeUnit(origin: string, count: number | bigint): string | null {
  const unit = SIZE_UNITS[origin];
  if (!unit) return null;
  return `${count} ${String(count) === '1' ? unit[0] : unit[1]}`;
}

/** "a", "a or b", "a, b or c". */
export function joinOr(words: string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** A value as the allowed-values lists show it: bare when it reads unambiguously, quoted otherwise. */
export function showValue(value: unknown): string {
  if (typeof value !== 'string') return typeof value === 'bigint' ? value.toString() : String(value);
  return value !== '' && !/[\s,"'()]/.test(value) ? value : JSON.stringify(value);
}
