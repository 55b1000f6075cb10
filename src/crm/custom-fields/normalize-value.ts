import { parsePlainDate, toIsoDate } from '../../shared/dates.ts';
import { moneyFromJson, moneyToJson, parseMoney } from '../../shared/money.ts';
import { TEXT_MAX_LENGTH, type CustomFieldType, type CustomFieldValue } from './schema.ts';

/** A normalized value, or the reason the value does not fit its field. */
export type Normalized = { ok: true; value: CustomFieldValue } | { ok: false; message: string };

const ok = (value: CustomFieldValue): Normalized => ({ ok: true, value });
const fail = (message: string): Normalized => ({ ok: false, message });

// Plain decimal notation only: exponents ("1e21") are how floats lose digits, so they are refused.
const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;
const MAX_DECIMAL_DIGITS = 38;
// The text form of money, as CSV imports carry it: "1234.50 EUR" or "EUR 1234.50".
const MONEY_TEXT = /^(?:([A-Za-z]{3})\s+(\S+)|(\S+)\s+([A-Za-z]{3}))$/;

export function normalizeValue(type: CustomFieldType, value: unknown, options: readonly string[] | null): Normalized {
  switch (type) {
    case 'text': return normalizeText(value);
    case 'number': return normalizeNumber(value);
    case 'money': return normalizeMoney(value);
    case 'date': return normalizeDate(value);
    case 'picklist': return normalizePicklist(value, options ?? []);
  }
}

function normalizeText(value: unknown): Normalized {
  if (typeof value !== 'string') return fail('expected text');
  const text = value.trim();
  if (text === '') return fail('empty text; send null to clear the field');
  return text.length > TEXT_MAX_LENGTH ? fail(`at most ${TEXT_MAX_LENGTH} characters`) : ok(text);
}

/** Stored as a canonical decimal string ("-12.5", "0", "1000"), never as a float. */
export function normalizeNumber(value: unknown): Normalized {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : typeof value === 'string' ? value.trim() : null;
  if (text === null) return fail('expected a number or a decimal string such as "12.50"');
  const match = DECIMAL.exec(text);
  if (!match) return fail('expected a decimal number such as "12.50" (no exponent, no thousands separators)');
  const integer = (match[2] ?? '0').replace(/^0+(?=\d)/, '');
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  if (integer.length + fraction.length > MAX_DECIMAL_DIGITS) return fail(`at most ${MAX_DECIMAL_DIGITS} digits`);
  const magnitude = fraction === '' ? integer : `${integer}.${fraction}`;
  return ok(match[1] === '-' && magnitude !== '0' ? `-${magnitude}` : magnitude);
}

/** {amountMinor, currency} (the API form) or "1234.50 EUR" (the CSV form, parsed exactly by exponent). */
function normalizeMoney(value: unknown): Normalized {
  try {
    if (typeof value === 'string') {
      const match = MONEY_TEXT.exec(value.trim());
      if (!match) return fail('expected {"amountMinor": 12345, "currency": "EUR"} or "123.45 EUR"');
      const currency = (match[1] ?? match[4] ?? '').toUpperCase();
      return ok(moneyToJson(parseMoney(match[2] ?? match[3] ?? '', currency)));
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const { amountMinor, currency } = value as Record<string, unknown>;
      return ok(moneyToJson(moneyFromJson({ amountMinor, currency: typeof currency === 'string' ? currency.trim().toUpperCase() : currency })));
    }
  } catch (error) {
    return fail(error instanceof Error ? error.message : 'not an amount');
  }
  return fail('expected {"amountMinor": 12345, "currency": "EUR"} or "123.45 EUR"');
}

function normalizeDate(value: unknown): Normalized {
  if (typeof value !== 'string') return fail('expected a calendar date as YYYY-MM-DD');
  try {
    return ok(toIsoDate(parsePlainDate(value.trim())));
  } catch {
    return fail('expected a calendar date as YYYY-MM-DD');
  }
}

/** Matched ignoring case and surrounding space, stored as the option is spelt in the definition. */
function normalizePicklist(value: unknown, options: readonly string[]): Normalized {
  if (typeof value !== 'string') return fail('expected one of the options');
  const wanted = value.trim().toLowerCase();
  const option = options.find((o) => o.toLowerCase() === wanted);
  return option === undefined ? fail(`expected one of: ${options.join(', ')}`) : ok(option);
}
