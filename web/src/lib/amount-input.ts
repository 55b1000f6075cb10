// The server's ISO 4217 table, so the minor units typed here are the ones the API counts in.
import { CURRENCY_EXPONENTS } from '../../../src/shared/money.ts';

/**
 * Decimal text a person types (amounts, percentages) → an exact integer of 10^-digits units, by
 * string work only (STYLE.md "Money": never Number(x) * 100). The one parser of typed amounts in
 * the web app: payments, refunds, cash application, promises to pay, opportunity amounts and
 * quote discounts all read their fields here.
 */
export type ParseFailure = 'empty' | 'format' | 'decimals' | 'negative' | 'currency';
export type ParsedDecimal = { ok: true; scaled: bigint } | { ok: false; reason: ParseFailure };
export type ParsedAmount = { ok: true; amountMinor: bigint } | { ok: false; reason: ParseFailure };
export type DecimalOptions = {
  /** A leading '-' is kept (the server judges whether a negative amount is allowed, next to the field); else it is refused. */
  signed?: boolean;
  /** Thousands separators ("1.234,56", "1,500" = 1500) are read; off, a third decimal is refused instead of read as a group. */
  grouping?: boolean;
};

// Spaces (also no-break and narrow no-break, as Intl writes them) and apostrophes (Swiss) group digits.
const GROUP_SPACES = /[\s\u00a0\u202f']/g;
const GROUPED_WHOLE = /^\d{1,3}([.,]\d{3})*$/;

/** The exponent of a known ISO 4217 currency, or null. */
export function currencyExponent(currency: string): number | null {
  const code = currency.toUpperCase();
  return Object.hasOwn(CURRENCY_EXPONENTS, code) ? (CURRENCY_EXPONENTS[code] ?? null) : null;
}

export function isKnownCurrency(currency: string): boolean {
  return currencyExponent(currency) !== null;
}

/**
 * Whole and fraction digits of "1.234,56" / "1,234.56" / "1234": the last '.' or ',' separates
 * decimals unless it groups thousands — used twice ("1.234.567"), or once before exactly three
 * digits when the unit has not three decimals ("1,500" = 1500; KWD "1.500" = 1.5). Null: not a number.
 */
function splitDecimal(body: string, digits: number, grouping: boolean): { whole: string; fraction: string } | null {
  if (!grouping) {
    const match = /^(\d*)(?:[.,](\d*))?$/.exec(body);
    return match && body !== '.' && body !== ',' ? { whole: match[1] ?? '', fraction: match[2] ?? '' } : null;
  }
  if (!/^\d[\d.,]*$|^[.,]\d+$/.test(body)) return null;
  const last = Math.max(body.lastIndexOf('.'), body.lastIndexOf(','));
  if (last === -1) return { whole: body, fraction: '' };
  const separator = body[last] ?? '.';
  const after = body.slice(last + 1);
  const before = body.slice(0, last);
  const sameKindBefore = before.includes(separator);
  const otherKindBefore = before.includes(separator === '.' ? ',' : '.');
  const groups = sameKindBefore || (!otherKindBefore && after.length === 3 && digits !== 3);
  if (groups) return GROUPED_WHOLE.test(body) ? { whole: body.replace(/[.,]/g, ''), fraction: '' } : null;
  if (!GROUPED_WHOLE.test(before) && !/^\d*$/.test(before)) return null;
  return { whole: before.replace(/[.,]/g, ''), fraction: after };
}

/** Typed decimal text as an integer of 10^-digits units ("12,5" at 2 digits = 1250n). */
export function parseDecimalText(text: string, digits: number, { signed = false, grouping = true }: DecimalOptions = {}): ParsedDecimal {
  const compact = text.replace(GROUP_SPACES, '');
  if (compact === '') return { ok: false, reason: 'empty' };
  const negative = compact.startsWith('-');
  const parts = splitDecimal(compact.replace(/^[-+]/, ''), digits, grouping);
  if (parts === null || !/^\d*$/.test(parts.fraction) || (parts.whole === '' && parts.fraction === '')) return { ok: false, reason: 'format' };
  if (parts.fraction.length > digits) return { ok: false, reason: 'decimals' };
  const magnitude = BigInt(`${parts.whole || '0'}${parts.fraction.padEnd(digits, '0')}`);
  if (negative && magnitude !== 0n && !signed) return { ok: false, reason: 'negative' };
  return { ok: true, scaled: negative ? -magnitude : magnitude };
}

/** A typed amount in `currency` → minor units, exactly by its ISO 4217 exponent (JPY 0, EUR 2, KWD 3). */
export function parseTypedAmount(text: string, currency: string, options: DecimalOptions = {}): ParsedAmount {
  const exponent = currencyExponent(currency);
  if (exponent === null) return { ok: false, reason: 'currency' };
  const parsed = parseDecimalText(text, exponent, options);
  return parsed.ok ? { ok: true, amountMinor: parsed.scaled } : parsed;
}

/** parseTypedAmount for forms with one message for any unreadable amount: the minor units, or null. */
export function typedAmountMinor(text: string, currency: string, options: DecimalOptions = {}): bigint | null {
  const parsed = parseTypedAmount(text, currency, options);
  return parsed.ok ? parsed.amountMinor : null;
}

/** "30" or "12.5" (percent) → basis points; null when not a percentage of at most 2 decimals, or above `maxBps`. */
export function percentToBps(text: string, maxBps = 10_000): number | null {
  const parsed = parseDecimalText(text, 2, { grouping: false });
  return !parsed.ok || parsed.scaled > BigInt(maxBps) ? null : Number(parsed.scaled);
}
