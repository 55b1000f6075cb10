import type { TFunction } from 'i18next';
import type { FieldError, FieldErrorParams } from './api.ts';
import { formatNumber } from './format.ts';
import { dateTimeFormat } from './intl-formats.ts';

type Bound = 'atMost' | 'atLeast' | 'exactly';
type Counted = { count: number; limit: string };

// Literal keys inside t(): test/architecture/web-i18n-keys.test.ts checks each exists, in every
// language with the plural forms the language has (Russian: 1 символ, 2 символа, 5 символов).
type CountMessages = Record<Bound, (t: TFunction, options: Counted) => string>;
const ITEM_MESSAGES: CountMessages = {
  atMost: (t, o) => t('validation.size.atMostItems', o),
  atLeast: (t, o) => t('validation.size.atLeastItems', o),
  exactly: (t, o) => t('validation.size.exactlyItems', o),
};
/** By the params' origin: what a length or size is counted in. */
const COUNT_MESSAGES: Record<string, CountMessages> = {
  string: {
    atMost: (t, o) => t('validation.size.atMostCharacters', o),
    atLeast: (t, o) => t('validation.size.atLeastCharacters', o),
    exactly: (t, o) => t('validation.size.exactlyCharacters', o),
  },
  array: ITEM_MESSAGES,
  set: ITEM_MESSAGES,
  // Revline's own origin: text counted in lines (a billing address).
  lines: {
    atMost: (t, o) => t('validation.size.atMostLines', o),
    atLeast: (t, o) => t('validation.size.atLeastLines', o),
    exactly: (t, o) => t('validation.size.exactlyLines', o),
  },
};

/** By the params' expected type (zod's names): what a value of the wrong type should have been. */
const TYPE_MESSAGES: Record<string, (t: TFunction) => string> = {
  string: (t) => t('validation.type.text'),
  number: (t) => t('validation.type.number'),
  int: (t) => t('validation.type.wholeNumber'),
  bigint: (t) => t('validation.type.wholeNumber'),
  boolean: (t) => t('validation.type.boolean'),
  array: (t) => t('validation.type.list'),
  tuple: (t) => t('validation.type.list'),
  set: (t) => t('validation.type.list'),
  never: (t) => t('validation.type.notAllowed'),
  undefined: (t) => t('validation.type.notAllowed'),
};

const NUMERIC_ORIGINS = new Set(['number', 'int', 'bigint']);
const UUID_FORMATS = new Set(['uuid', 'uuidv4', 'uuidv6', 'uuidv7', 'guid']);
/** More allowed values than this read as a wall of codes: the generic text says it better. */
const MAX_VALUES_LISTED = 6;

/**
 * A server field error in the reader's language, with the limit, format or allowed values its
 * params carry ("Höchstens 100 Zeichen.", "Mindestens 1.", "Datum im Format JJJJ-MM-TT erwartet.", "Zahl erwartet.").
 * Without params (an older server) or with ones it cannot word (an origin it does not know, a
 * pattern), a code it knows gets the generic text of its kind; a code it does not know keeps the
 * server's own plain-English message, which names the rule (src/shared/validation/issue-message.ts).
 */
export function localizeFieldError(error: FieldError, t: TFunction, locale: string): string {
  const params = error.params ?? {};
  switch (error.code) {
    case 'too_small': return sizeMessage(params, 'small', t, locale) ?? t('validation.tooShort');
    case 'too_big': return sizeMessage(params, 'big', t, locale) ?? t('validation.tooLong');
    case 'invalid_format': return formatMessage(params, t) ?? t('validation.invalidFormat');
    case 'invalid_value': return valuesMessage(params, t, locale) ?? t('validation.invalidValue');
    case 'not_multiple_of': return multipleMessage(params, t, locale) ?? error.message;
    // Without the expected type there is nothing to say it with but the server's words ("expected text, got a number").
    case 'invalid_type':
      if (params.missing === true) return t('validation.required');
      return params.expected === undefined ? error.message : typeMessage(params.expected, t);
    case 'unknown_currency': return t('validation.unknownCurrency');
    default: return error.message;
  }
}

/** A limit as the locale writes numbers; a bigint's digits stay exact. */
function numberText(value: number | string, locale: string): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? formatNumber(value, locale) : null;
  return /^-?\d+$/.test(value) ? formatNumber(BigInt(value), locale) : null;
}

function sizeMessage(params: FieldErrorParams, side: 'small' | 'big', t: TFunction, locale: string): string | null {
  const limit = side === 'big' ? params.maximum : params.minimum;
  if (limit === undefined || params.origin === undefined) return null;
  const inclusive = params.inclusive !== false;
  const origin = params.origin;
  const counted = Object.hasOwn(COUNT_MESSAGES, origin) ? COUNT_MESSAGES[origin] : undefined;
  if (counted !== undefined) {
    // Counts are whole: "fewer than 7" is "at most 6".
    const count = Number(limit) + (inclusive ? 0 : side === 'big' ? -1 : 1);
    if (!Number.isSafeInteger(count) || count < 0) return null;
    if (params.exact === true) return counted.exactly(t, { count, limit: formatNumber(count, locale) });
    if (side === 'small' && origin === 'string' && count === 1) return t('validation.size.notEmpty');
    return counted[side === 'big' ? 'atMost' : 'atLeast'](t, { count, limit: formatNumber(count, locale) });
  }
  if (NUMERIC_ORIGINS.has(origin)) {
    const text = numberText(limit, locale);
    if (text === null) return null;
    if (params.exact === true) return t('validation.number.exactly', { limit: text });
    if (side === 'big') return inclusive ? t('validation.number.atMost', { limit: text }) : t('validation.number.lessThan', { limit: text });
    return inclusive ? t('validation.number.atLeast', { limit: text }) : t('validation.number.greaterThan', { limit: text });
  }
  if (origin === 'date') {
    const date = dateText(limit, locale);
    if (date === null) return null;
    if (side === 'big') return inclusive ? t('validation.date.onOrBefore', { date }) : t('validation.date.before', { date });
    return inclusive ? t('validation.date.onOrAfter', { date }) : t('validation.date.after', { date });
  }
  return null;
}

/** An instant limit as a date, with its time only when it is not the start of a day (UTC). */
function dateText(limit: number | string, locale: string): string | null {
  const instant = new Date(limit);
  if (Number.isNaN(instant.getTime())) return null;
  const midnight = instant.getUTCHours() === 0 && instant.getUTCMinutes() === 0 && instant.getUTCSeconds() === 0 && instant.getUTCMilliseconds() === 0;
  return midnight
    ? dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(instant)
    : dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(instant);
}

/** Only what was expected: the server never says what came, and a form's reader knows what they typed. */
function typeMessage(expected: string, t: TFunction): string {
  const message = Object.hasOwn(TYPE_MESSAGES, expected) ? TYPE_MESSAGES[expected] : undefined;
  return message === undefined ? t('validation.type.other') : message(t);
}

function formatMessage(params: FieldErrorParams, t: TFunction): string | null {
  const format = params.format;
  if (format !== undefined && UUID_FORMATS.has(format)) return t('validation.format.uuid');
  switch (format) {
    case 'date': return t('validation.format.date');
    case 'datetime': return t('validation.format.datetime');
    // Revline's own formats (src/shared/validation/field-schemas.ts).
    case 'month': return t('validation.format.month');
    case 'currency_code': return t('validation.unknownCurrency');
    case 'time': return t('validation.format.time');
    case 'email': return t('validation.email');
    case 'url': return t('validation.format.url');
    case 'starts_with': return params.prefix === undefined ? null : t('validation.format.startsWith', { text: params.prefix });
    case 'ends_with': return params.suffix === undefined ? null : t('validation.format.endsWith', { text: params.suffix });
    case 'includes': return params.includes === undefined ? null : t('validation.format.includes', { text: params.includes });
    case 'lowercase': return t('validation.format.lowercase');
    case 'uppercase': return t('validation.format.uppercase');
    // A pattern (regex) or a format without wording here: only the generic text is honest.
    default: return null;
  }
}

function valuesMessage(params: FieldErrorParams, t: TFunction, locale: string): string | null {
  const values = params.values;
  if (values === undefined || values.length === 0 || values.length > MAX_VALUES_LISTED) return null;
  // Shown as the server shows them: bare when they read unambiguously, quoted otherwise.
  const shown = values.map((value) => (typeof value === 'string' && (value === '' || /[\s,"'()]/.test(value)) ? JSON.stringify(value) : String(value)));
  return t('validation.oneOf', { values: new Intl.ListFormat(locale, { type: 'disjunction' }).format(shown) });
}

function multipleMessage(params: FieldErrorParams, t: TFunction, locale: string): string | null {
  if (params.divisor === undefined) return null;
  if (String(params.divisor) === '1') return t('validation.number.whole');
  const divisor = numberText(params.divisor, locale);
  return divisor === null ? null : t('validation.number.multipleOf', { divisor });
}
