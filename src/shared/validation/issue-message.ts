import { z } from 'zod';
import { formatNoun, joinOr, showValue, sizeUnit, typeNameOf, typeNoun } from './issue-words.ts';

/**
 * What a zod issue carries: as zod raises it (with `input` and the schema as `inst`, when this is
 * zod's error map), as a parse returns it, or from fastify-type-provider-zod (its `params` spread in).
 */
export type IssueLike = {
  code?: string;
  message?: string;
  path?: readonly PropertyKey[];
  input?: unknown;
  inst?: unknown;
  expected?: unknown;
  received?: unknown;
  values?: unknown;
  options?: unknown;
  origin?: unknown;
  maximum?: unknown;
  minimum?: unknown;
  inclusive?: unknown;
  exact?: unknown;
  format?: unknown;
  pattern?: unknown;
  prefix?: unknown;
  suffix?: unknown;
  includes?: unknown;
  divisor?: unknown;
  keys?: unknown;
  allowed?: unknown;
  errors?: unknown;
  issues?: unknown;
};

const zodEnglish = z.locales.en().localeError;

/**
 * Whether a message is zod's own English for the issue (node_modules/zod/v4/locales/en.js) rather
 * than one a schema gave. A parse drops the input, so a type mismatch is told by its shape.
 */
function isZodWording(issue: IssueLike): boolean {
  const message = issue.message;
  if (message === undefined || message === '' || message === 'Invalid input') return true;
  if (issue.code === 'invalid_type') return /^Invalid input: expected \S+, received \S+$/.test(message);
  if (issue.code === 'invalid_union') return message.startsWith('Invalid discriminator value. Expected ') || message === 'Invalid input: more than one option matched';
  // zod's openings, which no schema of ours uses, for an issue whose params came through thinned.
  if (/^(Invalid input: |Invalid option: |Too big: |Too small: |Invalid string: |Invalid number: |Unrecognized keys?: )/.test(message)) return true;
  try {
    return message === zodEnglish(issue as z.core.$ZodRawIssue);
  } catch {
    // Params too thin for zod's own wording (a hand-made issue): it cannot be zod's.
    return false;
  }
}

/**
 * A zod issue in plain words that name what is expected, with its numbers and units: "expected
 * text, got a number", "must be at most 100 characters", "must be at least 1", "expected a date as
 * YYYY-MM-DD", "expected one of: asc, desc", `unknown field "foo" (allowed: name, email)` — never
 * zod's "Invalid input: expected string, received number" nor a regular expression. A schema's own
 * message always wins: this only replaces zod's wording.
 */
export function plainIssueMessage(issue: IssueLike): string {
  if (!isZodWording(issue)) return issue.message as string;
  switch (issue.code) {
    case 'invalid_type': return typeMessage(issue);
    case 'invalid_value': return valuesMessage(issue.values) ?? issue.message ?? 'is not one of the allowed values';
    case 'too_big':
    case 'too_small': return sizeMessage(issue);
    case 'invalid_format': return formatMessage(issue);
    case 'not_multiple_of': return Number(issue.divisor) === 1 ? 'must be a whole number' : `must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys': return unknownFieldsMessage(issue);
    case 'invalid_union': return unionMessage(issue);
    case 'invalid_key': return `not allowed as a key (${innerMessage(issue.issues)})`;
    case 'invalid_element': return `has an item that is not valid (${innerMessage(issue.issues)})`;
    default: return 'is not valid';
  }
}

const REQUIRED = 'is required';

/**
 * An issue about a value that is not there at all ("is required"), not one of the wrong type: from
 * the input while zod holds it, or from the message the process-wide error map gave it (zod keeps
 * no input on a finished issue).
 */
export function isMissingValue(issue: IssueLike): boolean {
  return receivedOf(issue) === 'undefined' || issue.message === REQUIRED;
}

/** The type zod received, from the input when zod still holds it, else from the end of its message. */
function receivedOf(issue: IssueLike): string | undefined {
  if ('input' in issue) return typeNameOf(issue.input);
  const named = /received (\S+)$/.exec(issue.message ?? '')?.[1];
  if (named === undefined) return undefined;
  return /^-?Infinity$/.test(named) ? 'infinity' : named.toLowerCase();
}

function typeMessage(issue: IssueLike): string {
  const expected = String(issue.expected);
  const received = receivedOf(issue);
  if (received === 'undefined') return REQUIRED;
  if (expected === 'never') return 'is not allowed here';
  if (expected === 'undefined') return 'must be left out';
  if ((expected === 'number' || expected === 'int') && received === 'infinity') return 'expected a finite number';
  return expectedGot([typeNoun(expected)], received);
}

/** "expected X or Y, got Z", leaving out a "got" that would say nothing new. */
function expectedGot(nouns: string[], received: string | undefined): string {
  const expected = `expected ${joinOr(nouns)}`;
  // Text that was meant as a number (a query parameter, a coerced field) reaches zod as NaN.
  if (received === undefined || received === 'nan') return expected;
  // A number where only a whole one fits has decimals: zod says "too big" for a whole one beyond 2^53.
  const got = received === 'number' && nouns.includes(typeNoun('int')) && !nouns.includes(typeNoun('number')) ? 'a number with decimals' : received === 'boolean' ? 'a true/false value' : typeNoun(received);
  return nouns.includes(got) ? expected : `${expected}, got ${got}`;
}

function valuesMessage(values: unknown): string | null {
  if (!Array.isArray(values) || values.length === 0) return null;
  if (values.length === 1) return `expected ${typeof values[0] === 'string' ? JSON.stringify(values[0]) : showValue(values[0])}`;
  return `expected one of: ${values.map(showValue).join(', ')}`;
}

function sizeMessage(issue: IssueLike): string {
  const big = issue.code === 'too_big';
  const limit = (big ? issue.maximum : issue.minimum) as number | bigint | undefined;
  if (limit === undefined) return big ? 'is too large' : 'is too small';
  const origin = String(issue.origin);
  const exact = issue.exact === true;
  const inclusive = issue.inclusive !== false;
  if (origin === 'date') {
    const day = new Date(Number(limit)).toISOString();
    return `must be ${big ? (inclusive ? 'on or before' : 'before') : inclusive ? 'on or after' : 'after'} ${day}`;
  }
  const sized = sizeUnit(origin, limit);
  if (sized === null) {
    if (exact) return `must be exactly ${String(limit)}`;
    return `must be ${big ? (inclusive ? 'at most' : 'less than') : inclusive ? 'at least' : 'greater than'} ${String(limit)}`;
  }
  const verb = origin === 'string' ? 'be' : 'have';
  if (exact) return `must ${verb} exactly ${sized}`;
  if (!big && inclusive && origin === 'string' && String(limit) === '1') return 'must not be empty';
  return `must ${verb} ${big ? (inclusive ? 'at most' : 'fewer than') : inclusive ? 'at least' : 'more than'} ${sized}`;
}

function formatMessage(issue: IssueLike): string {
  const format = String(issue.format);
  if (format === 'starts_with') return `must start with ${JSON.stringify(issue.prefix)}`;
  if (format === 'ends_with') return `must end with ${JSON.stringify(issue.suffix)}`;
  if (format === 'includes') return `must contain ${JSON.stringify(issue.includes)}`;
  if (format === 'lowercase' || format === 'uppercase') return `must be in ${format === 'lowercase' ? 'lower' : 'upper'} case`;
  const noun = formatNoun(format);
  // A regular expression means nothing to the person reading: its schema must say the rule itself.
  return noun === null ? 'is not in the expected format' : `expected ${noun}`;
}

/** The keys an object schema knows, from the schema zod hands its error map (`inst`). */
function knownKeysOf(inst: unknown): string[] | undefined {
  const def = (inst as { _zod?: { def?: { shape?: unknown } } } | undefined)?._zod?.def;
  return def?.shape !== null && typeof def?.shape === 'object' ? Object.keys(def.shape) : undefined;
}

function unknownFieldsMessage(issue: IssueLike): string {
  const keys = Array.isArray(issue.keys) ? issue.keys.map(String) : [];
  const allowed = Array.isArray(issue.allowed) ? issue.allowed.map(String) : knownKeysOf(issue.inst);
  return unknownFieldMessage(keys, allowed);
}

// `unknown field "foo" (allowed: name, email)`: the allowed keys in brackets, because a problem's
// detail joins its fields' messages with "; ".
function unknownFieldMessage(keys: string[], allowed?: readonly string[]): string {
  const quoted = keys.map((key) => JSON.stringify(key));
  const named = quoted.length === 1 ? `unknown field ${quoted[0]}` : `unknown fields ${quoted.join(', ')}`;
  if (allowed === undefined) return named;
  return `${named} (allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none'})`;
}

/**
 * The message for one key of an unknown-keys issue, for a problem that names each unknown field
 * apart: the object schema's own message if it has one, else `unknown field "key" (allowed: …)`.
 */
export function unknownKeyMessage(issue: IssueLike, key: string): string {
  const own = !isZodWording(issue) && issue.message !== unknownFieldsMessage(issue);
  if (own) return issue.message as string;
  return unknownFieldMessage([key], Array.isArray(issue.allowed) ? issue.allowed.map(String) : undefined);
}

function innerMessage(issues: unknown): string {
  const [first] = Array.isArray(issues) ? (issues as IssueLike[]) : [];
  return first ? plainIssueMessage(first) : 'is not valid';
}

/** A type mismatch at the top of one union branch: the value is not that branch's kind at all. */
function typeOnly(branch: IssueLike[]): boolean {
  return branch.length === 1 && branch[0]?.code === 'invalid_type' && (branch[0].path ?? []).length === 0;
}

/**
 * zod says a bare "Invalid input" for a value no branch of a union took. A value of a branch's
 * kind (an object for the object form, text for the text form) was meant as that form, so what is
 * wrong inside it is what to say ("percentBps: must be at most 10000"); a value of no branch's kind
 * gets the forms there are ("expected a number or text, got a true/false value").
 */
function unionMessage(issue: IssueLike): string {
  const values = valuesMessage(issue.options);
  if (values !== null) return values;
  if (issue.inclusive === false) return 'matches more than one of the allowed forms';
  const branches = Array.isArray(issue.errors) ? (issue.errors as IssueLike[][]) : [];
  const fitting = branches.filter((branch) => branch.length > 0 && !typeOnly(branch));
  if (fitting.length > 0) {
    const messages = fitting.map((branch) => branch[0] as IssueLike).filter((inner) => (inner.path ?? []).length === 0).map(plainIssueMessage);
    // Several forms the value's kind fits, each saying what it expects: name them all.
    const unique = [...new Set(messages)];
    if (messages.length === fitting.length && unique.length > 1 && unique.every((m) => m.startsWith('expected '))) {
      return `expected ${joinOr(unique.map((m) => m.slice('expected '.length)))}`;
    }
    const best = [...fitting].sort((a, b) => a.length - b.length)[0]?.[0] as IssueLike;
    const where = (best.path ?? []).map(String).join('.');
    return where === '' ? plainIssueMessage(best) : `${where}: ${plainIssueMessage(best)}`;
  }
  const types = branches.map((branch) => String(branch[0]?.expected));
  // A bigint form is for callers in code: JSON and query strings never hold one.
  const fromOutside = types.filter((type) => type !== 'bigint');
  const nouns = [...new Set((fromOutside.length > 0 ? fromOutside : types).map(typeNoun))];
  const received = receivedOf(issue) ?? receivedOf(branches[0]?.[0] ?? {});
  return received === 'undefined' ? REQUIRED : expectedGot(nouns, received);
}

const NUMERIC_ORIGINS = new Set(['number', 'int', 'bigint']);

/** Whether `a` is a limit of the same kind as `b` and a tighter one. */
function tighterBound(a: IssueLike, b: IssueLike): boolean {
  if (a.code !== b.code || (a.code !== 'too_big' && a.code !== 'too_small')) return false;
  const sameKind = a.origin === b.origin || (NUMERIC_ORIGINS.has(String(a.origin)) && NUMERIC_ORIGINS.has(String(b.origin)));
  if (!sameKind) return false;
  const [limitA, limitB] = a.code === 'too_big' ? [Number(a.maximum), Number(b.maximum)] : [Number(a.minimum), Number(b.minimum)];
  return a.code === 'too_big' ? limitA < limitB : limitA > limitB;
}

/**
 * A whole number is checked against 2^53 − 1 besides its schema's own limit, so 2^70 for a
 * `limit` of at most 500 gets two "too big" issues; only the tighter one is worth reading.
 */
export function withoutLooserBounds<T extends { field: string; issue: IssueLike }>(entries: T[]): T[] {
  return entries.filter((entry) => !entries.some((other) => other !== entry && other.field === entry.field && tighterBound(other.issue, entry.issue)));
}

/**
 * zod's error map for the whole process: every message zod makes without a schema's own is in
 * plain words, wherever the issue goes (route validation, parseInput, the CLI, imports). It runs
 * while zod still holds the input and the schema, so it can say what an object allows; those keys
 * are kept on the issue (zod copies its own keys) for whoever names each unknown field apart.
 */
function plainErrorMap(issue: z.core.$ZodRawIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const allowed = knownKeysOf(issue.inst);
    if (allowed) Object.assign(issue, { allowed });
  }
  return plainIssueMessage(issue as IssueLike);
}

z.config({ customError: plainErrorMap });
