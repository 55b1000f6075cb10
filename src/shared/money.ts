/**
 * Money as integer minor units beside an ISO 4217 currency (STYLE.md "Money").
 * Nothing in this file uses floating point: amounts are bigint, text is parsed digit by digit,
 * and every rounding names its mode.
 */

/**
 * ISO 4217 List One (active currencies and funds) with minor-unit exponents, as published by the
 * SIX maintenance agency (reviewed 2026): XCG replaced ANG (2025), ZWG replaced ZWL (2024), SLE
 * replaced SLL, XAD was added (2025), BGN left when Bulgaria adopted the euro (2026).
 * Codes whose minor unit is "N.A." (XAU, XAG, XPD, XPT, XDR, XBA–XBD, XSU, XUA, XTS, XXX) are left
 * out on purpose: they cannot be counted in minor units.
 */
export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = Object.freeze({
  AED: 2, AFN: 2, ALL: 2, AMD: 2, AOA: 2, ARS: 2, AUD: 2, AWG: 2, AZN: 2, BAM: 2, BBD: 2, BDT: 2,
  BHD: 3, BIF: 0, BMD: 2, BND: 2, BOB: 2, BOV: 2, BRL: 2, BSD: 2, BTN: 2, BWP: 2, BYN: 2, BZD: 2,
  CAD: 2, CDF: 2, CHE: 2, CHF: 2, CHW: 2, CLF: 4, CLP: 0, CNY: 2, COP: 2, COU: 2, CRC: 2, CUP: 2,
  CVE: 2, CZK: 2, DJF: 0, DKK: 2, DOP: 2, DZD: 2, EGP: 2, ERN: 2, ETB: 2, EUR: 2, FJD: 2, FKP: 2,
  GBP: 2, GEL: 2, GHS: 2, GIP: 2, GMD: 2, GNF: 0, GTQ: 2, GYD: 2, HKD: 2, HNL: 2, HTG: 2, HUF: 2,
  IDR: 2, ILS: 2, INR: 2, IQD: 3, IRR: 2, ISK: 0, JMD: 2, JOD: 3, JPY: 0, KES: 2, KGS: 2, KHR: 2,
  KMF: 0, KPW: 2, KRW: 0, KWD: 3, KYD: 2, KZT: 2, LAK: 2, LBP: 2, LKR: 2, LRD: 2, LSL: 2, LYD: 3,
  MAD: 2, MDL: 2, MGA: 2, MKD: 2, MMK: 2, MNT: 2, MOP: 2, MRU: 2, MUR: 2, MVR: 2, MWK: 2, MXN: 2,
  MXV: 2, MYR: 2, MZN: 2, NAD: 2, NGN: 2, NIO: 2, NOK: 2, NPR: 2, NZD: 2, OMR: 3, PAB: 2, PEN: 2,
  PGK: 2, PHP: 2, PKR: 2, PLN: 2, PYG: 0, QAR: 2, RON: 2, RSD: 2, RUB: 2, RWF: 0, SAR: 2, SBD: 2,
  SCR: 2, SDG: 2, SEK: 2, SGD: 2, SHP: 2, SLE: 2, SOS: 2, SRD: 2, SSP: 2, STN: 2, SVC: 2, SYP: 2,
  SZL: 2, THB: 2, TJS: 2, TMT: 2, TND: 3, TOP: 2, TRY: 2, TTD: 2, TWD: 2, TZS: 2, UAH: 2, UGX: 0,
  USD: 2, USN: 2, UYI: 0, UYU: 2, UYW: 4, UZS: 2, VED: 2, VES: 2, VND: 0, VUV: 0, WST: 2, XAD: 2,
  XAF: 0, XCD: 2, XCG: 2, XOF: 0, XPF: 0, YER: 2, ZAR: 2, ZMW: 2, ZWG: 2,
});

/** An alphabetic ISO 4217 code present in CURRENCY_EXPONENTS (checked at runtime, not by the type). */
export type CurrencyCode = string;
export type Money = { readonly amountMinor: bigint; readonly currency: CurrencyCode };
export type RoundingMode = 'half_up' | 'half_even' | 'half_down' | 'up' | 'down' | 'ceiling' | 'floor';
export const ROUNDING_MODES: readonly RoundingMode[] = ['half_up', 'half_even', 'half_down', 'up', 'down', 'ceiling', 'floor'];
export type MoneyErrorCode = 'currency_mismatch' | 'unknown_currency' | 'invalid_amount' | 'too_many_decimals' | 'invalid_weights';

export class MoneyError extends Error {
  override readonly name = 'MoneyError';
  readonly code: MoneyErrorCode;
  /** Plain JSON-safe values only (bigints are written as strings). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: MoneyErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

export function isCurrencyCode(value: unknown): value is CurrencyCode {
  // hasOwn, not `in`: "toString" or "__proto__" must not pass as currencies.
  return typeof value === 'string' && Object.hasOwn(CURRENCY_EXPONENTS, value);
}

export function currencyExponent(code: CurrencyCode): number {
  const exponent = isCurrencyCode(code) ? CURRENCY_EXPONENTS[code] : undefined;
  if (exponent === undefined) {
    throw new MoneyError('unknown_currency', `Unknown ISO 4217 currency ${JSON.stringify(code)}`, { currency: code });
  }
  return exponent;
}

/** Integer from bigint, safe-integer number, or integer string; unsafe numbers have already lost precision. */
function toBigInt(value: bigint | number | string, field: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value)) return BigInt(value);
  throw new MoneyError('invalid_amount', `${field} must be an integer, got ${String(value)}`, { [field]: String(value) });
}

export function money(amountMinor: bigint | number | string, currency: CurrencyCode): Money {
  currencyExponent(currency);
  return Object.freeze({ amountMinor: toBigInt(amountMinor, 'amountMinor'), currency });
}

export function zero(currency: CurrencyCode): Money {
  return money(0n, currency);
}

function assertSameCurrency(a: Money, b: Money, operation: string): void {
  if (a.currency !== b.currency) {
    throw new MoneyError('currency_mismatch', `Cannot ${operation} ${a.currency} and ${b.currency}`, {
      operation, left: a.currency, right: b.currency,
    });
  }
}

export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b, 'add');
  return money(a.amountMinor + b.amountMinor, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  assertSameCurrency(a, b, 'subtract');
  return money(a.amountMinor - b.amountMinor, a.currency);
}

export function negate(m: Money): Money {
  return money(-m.amountMinor, m.currency);
}

/** The currency is explicit so that an empty list still has one. */
export function sum(list: readonly Money[], currency: CurrencyCode): Money {
  return list.reduce((total, item) => add(total, item), zero(currency));
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b, 'compare');
  return a.amountMinor < b.amountMinor ? -1 : a.amountMinor > b.amountMinor ? 1 : 0;
}

export function isZero(m: Money): boolean {
  return m.amountMinor === 0n;
}

export function isNegative(m: Money): boolean {
  return m.amountMinor < 0n;
}

/** A value test, not arithmetic: 5 USD simply is not 5 EUR, so this returns false instead of throwing. */
export function equals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amountMinor === b.amountMinor;
}

/** numerator / denominator rounded to an integer by `mode`; 'half_up' means half away from zero. */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator === 0n) throw new RangeError('divideRounded: division by zero');
  const n = denominator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d; // bigint division truncates toward zero
  const remainder = n % d;
  if (remainder === 0n) return quotient;
  const sign = n < 0n ? -1n : 1n;
  return roundsAwayFromZero(mode, quotient, remainder * sign, d, sign) ? quotient + sign : quotient;
}

function roundsAwayFromZero(mode: RoundingMode, quotient: bigint, remainderAbs: bigint, d: bigint, sign: bigint): boolean {
  switch (mode) {
    case 'down': return false;
    case 'up': return true;
    case 'ceiling': return sign > 0n;
    case 'floor': return sign < 0n;
    case 'half_up':
    case 'half_down':
    case 'half_even': {
      const twice = 2n * remainderAbs;
      if (twice !== d) return twice > d;
      return mode === 'half_up' || (mode === 'half_even' && quotient % 2n !== 0n);
    }
  }
}

export function multiplyByRatio(m: Money, numerator: bigint, denominator: bigint, mode: RoundingMode): Money {
  return money(divideRounded(m.amountMinor * numerator, denominator, mode), m.currency);
}

/** m × bps / 10 000 (1% = 100 bps), rounded once. */
export function applyBps(m: Money, bps: bigint | number, mode: RoundingMode): Money {
  return multiplyByRatio(m, toBigInt(bps, 'bps'), 10_000n, mode);
}

/**
 * Splits `total` into parts proportional to `weights` by the largest remainder method:
 * 1. each part gets floor(|total| × w / Σw);
 * 2. the units still missing (always fewer than the number of parts) go one each to the parts with
 *    the largest remainders (|total| × w mod Σw); ties go to the lower index;
 * 3. a negative total is split as its absolute value, then every part is negated.
 * Parts sum exactly to `total`, each is within one minor unit of its exact share, zero weights get
 * zero. Empty, negative or all-zero weights throw `invalid_weights`.
 */
export function allocate(total: Money, weights: readonly bigint[]): Money[] {
  const weightSum = checkedWeightSum(weights);
  const magnitude = total.amountMinor < 0n ? -total.amountMinor : total.amountMinor;
  const parts = weights.map((weight) => (magnitude * weight) / weightSum);
  const remainders = weights.map((weight) => (magnitude * weight) % weightSum);
  let missing = magnitude - parts.reduce((acc, part) => acc + part, 0n);
  const byRemainder = weights.map((_, index) => index).sort((i, j) => {
    const difference = (remainders[j] ?? 0n) - (remainders[i] ?? 0n);
    return difference === 0n ? i - j : difference > 0n ? 1 : -1;
  });
  for (const index of byRemainder) {
    if (missing === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    missing -= 1n;
  }
  const sign = total.amountMinor < 0n ? -1n : 1n;
  return parts.map((part) => money(part * sign, total.currency));
}

function checkedWeightSum(weights: readonly bigint[]): bigint {
  const fail = (why: string): never => {
    throw new MoneyError('invalid_weights', `Cannot allocate: ${why}`, { weights: weights.map(String) });
  };
  if (weights.length === 0) fail('no weights');
  if (weights.some((weight) => weight < 0n)) fail('negative weight');
  const weightSum = weights.reduce((acc, weight) => acc + weight, 0n);
  if (weightSum === 0n) fail('all weights are zero');
  return weightSum;
}

export type DecimalSeparator = '.' | ',';
export type ThousandsSeparator = ',' | '.' | ' ' | "'" | '';
export type DecimalParseOptions = { decimalSeparator?: DecimalSeparator; thousandsSeparator?: ThousandsSeparator };
type DecimalParts = { negative: boolean; integerDigits: string; fractionDigits: string };

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function buildDecimalPattern(decimalSeparator: string, thousandsSeparator: string): RegExp {
  const group = escapeRegExp(thousandsSeparator);
  // Either correctly grouped digits (1,234,567) or plain digits (1234567): never loose separators.
  const integer = group === '' ? '\\d+' : `\\d{1,3}(?:${group}\\d{3})+|\\d+`;
  return new RegExp(`^([+-]?)(${integer})(?:${escapeRegExp(decimalSeparator)}(\\d+))?$`);
}

/**
 * Compiled once per separator pair: building the RegExp on every call was a third of the time of
 * a tiered price line. The key space is the two separator unions (at most 2 × 5 entries); the
 * patterns have no `g` flag, so exec keeps no state between calls.
 */
const DECIMAL_PATTERNS = new Map<string, RegExp>();

function decimalPattern(decimalSeparator: string, thousandsSeparator: string): RegExp {
  const key = `${decimalSeparator}|${thousandsSeparator}`;
  let pattern = DECIMAL_PATTERNS.get(key);
  if (!pattern) {
    pattern = buildDecimalPattern(decimalSeparator, thousandsSeparator);
    DECIMAL_PATTERNS.set(key, pattern);
  }
  return pattern;
}

/** Splits "-1,234.5" into sign and digit strings; undefined when the text is not a number in this notation. */
function splitDecimalText(text: string, options: DecimalParseOptions = {}): DecimalParts | undefined {
  const decimalSeparator = options.decimalSeparator ?? '.';
  const thousandsSeparator = options.thousandsSeparator ?? '';
  if (decimalSeparator === thousandsSeparator) {
    throw new RangeError(`Decimal and thousands separators must differ, both are ${JSON.stringify(decimalSeparator)}`);
  }
  const match = decimalPattern(decimalSeparator, thousandsSeparator).exec(text.trim());
  if (!match) return undefined;
  return {
    negative: match[1] === '-',
    integerDigits: thousandsSeparator === '' ? (match[2] ?? '') : (match[2] ?? '').replaceAll(thousandsSeparator, ''),
    fractionDigits: match[3] ?? '',
  };
}

/**
 * Parses a decimal amount ("1234.5", "-0.05", or "1.234,56" when told the separators) into minor
 * units of `currency`, exactly. More fraction digits than the currency's exponent throw
 * `too_many_decimals` (even "1.000" for USD) rather than round; anything else malformed throws
 * `invalid_amount`. Surrounding whitespace is ignored.
 */
export function parseDecimalToMinor(text: string, currency: CurrencyCode, options?: DecimalParseOptions): bigint {
  const exponent = currencyExponent(currency);
  const parts = splitDecimalText(text, options);
  if (!parts) throw new MoneyError('invalid_amount', `Not an amount: ${JSON.stringify(text)}`, { text, currency });
  if (parts.fractionDigits.length > exponent) {
    throw new MoneyError('too_many_decimals', `${JSON.stringify(text)} has more than ${exponent} decimals for ${currency}`, {
      text, currency, exponent, fractionDigits: parts.fractionDigits.length,
    });
  }
  const magnitude = BigInt(parts.integerDigits + parts.fractionDigits.padEnd(exponent, '0'));
  return parts.negative ? -magnitude : magnitude;
}

export function parseMoney(text: string, currency: CurrencyCode, options?: DecimalParseOptions): Money {
  return money(parseDecimalToMinor(text, currency, options), currency);
}

/** Writes coefficient × 10^-scale with exactly `scale` fraction digits. */
function formatScaled(coefficient: bigint, scale: number): string {
  const digits = (coefficient < 0n ? -coefficient : coefficient).toString().padStart(scale + 1, '0');
  const sign = coefficient < 0n ? '-' : '';
  if (scale === 0) return sign + digits;
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Canonical text: "1234.50", "-0.05", "1000" for JPY. No grouping: display goes through Intl.NumberFormat. */
export function formatMinor(amountMinor: bigint, currency: CurrencyCode): string {
  return formatScaled(amountMinor, currencyExponent(currency));
}

export function formatMoney(m: Money): string {
  return formatMinor(m.amountMinor, m.currency);
}

/** An exact decimal, coefficient × 10^-scale, for sub-minor-unit values (unit prices, FX rates). */
export type Decimal = { readonly coefficient: bigint; readonly scale: number };

function assertScale(d: Decimal): void {
  if (!Number.isSafeInteger(d.scale) || d.scale < 0) throw new RangeError(`Decimal scale must be a non-negative integer, got ${d.scale}`);
}

/** Canonical "-12.0015" notation only; the scale is the number of fraction digits written. */
export function parseDecimal(text: string): Decimal {
  const parts = splitDecimalText(text);
  if (!parts) throw new MoneyError('invalid_amount', `Not a decimal: ${JSON.stringify(text)}`, { text });
  const magnitude = BigInt(parts.integerDigits + parts.fractionDigits);
  return Object.freeze({ coefficient: parts.negative ? -magnitude : magnitude, scale: parts.fractionDigits.length });
}

export function formatDecimal(d: Decimal): string {
  assertScale(d);
  return formatScaled(d.coefficient, d.scale);
}

export function multiplyDecimals(a: Decimal, b: Decimal): Decimal {
  assertScale(a);
  assertScale(b);
  return Object.freeze({ coefficient: a.coefficient * b.coefficient, scale: a.scale + b.scale });
}

export const ZERO_DECIMAL: Decimal = Object.freeze({ coefficient: 0n, scale: 0 });

export function integerDecimal(value: bigint): Decimal {
  return Object.freeze({ coefficient: value, scale: 0 });
}

/** d's coefficient at a larger or equal `scale`: exact, never rounds. */
function rescale(d: Decimal, scale: number): bigint {
  return d.coefficient * 10n ** BigInt(scale - d.scale);
}

export function addDecimals(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return Object.freeze({ coefficient: rescale(a, scale) + rescale(b, scale), scale });
}

export function multiplyDecimalByInteger(d: Decimal, factor: bigint): Decimal {
  return Object.freeze({ coefficient: d.coefficient * factor, scale: d.scale });
}

export function compareDecimals(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const difference = rescale(a, scale) - rescale(b, scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** d ÷ divisor at `scale` fraction digits, rounded once by `mode` (display values only). */
export function divideDecimal(d: Decimal, divisor: bigint, scale: number, mode: RoundingMode): Decimal {
  const numerator = scale >= d.scale ? d.coefficient * 10n ** BigInt(scale - d.scale) : d.coefficient;
  const denominator = scale >= d.scale ? divisor : divisor * 10n ** BigInt(d.scale - scale);
  return Object.freeze({ coefficient: divideRounded(numerator, denominator, mode), scale });
}

/** m × d, computed exactly and rounded once. */
export function multiplyMoneyByDecimal(m: Money, d: Decimal, mode: RoundingMode): Money {
  assertScale(d);
  return multiplyByRatio(m, d.coefficient, 10n ** BigInt(d.scale), mode);
}

/** A decimal amount in major units (e.g. quantity × unit price) rounded once to minor units. */
export function roundDecimalToMoney(d: Decimal, currency: CurrencyCode, mode: RoundingMode): Money {
  assertScale(d);
  const exponent = BigInt(currencyExponent(currency));
  return money(divideRounded(d.coefficient * 10n ** exponent, 10n ** BigInt(d.scale), mode), currency);
}

/** FX: `rate` is units of `toCurrency` per one unit of m's currency; minor-unit exponents may differ. */
export function convertMoney(m: Money, rate: Decimal, toCurrency: CurrencyCode, mode: RoundingMode): Money {
  assertScale(rate);
  const fromExponent = BigInt(currencyExponent(m.currency));
  const toExponent = BigInt(currencyExponent(toCurrency));
  const numerator = m.amountMinor * rate.coefficient * 10n ** toExponent;
  return money(divideRounded(numerator, 10n ** (BigInt(rate.scale) + fromExponent), mode), toCurrency);
}

/** JSON shape: amountMinor is a number while exactly representable, otherwise a decimal string. */
export type MoneyJson = { amountMinor: number | string; currency: CurrencyCode };

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function moneyToJson(m: Money): MoneyJson {
  const safe = m.amountMinor <= MAX_SAFE && m.amountMinor >= -MAX_SAFE;
  return { amountMinor: safe ? Number(m.amountMinor) : m.amountMinor.toString(), currency: m.currency };
}

export function moneyFromJson(json: unknown): Money {
  if (typeof json !== 'object' || json === null) {
    throw new MoneyError('invalid_amount', 'Money JSON must be an object', { json: String(json) });
  }
  const { amountMinor, currency } = json as Record<string, unknown>;
  if (typeof amountMinor !== 'number' && typeof amountMinor !== 'string') {
    throw new MoneyError('invalid_amount', 'Money JSON needs amountMinor as an integer number or string', { amountMinor: String(amountMinor) });
  }
  if (typeof currency !== 'string') {
    throw new MoneyError('unknown_currency', 'Money JSON needs a currency string', { currency: String(currency) });
  }
  return money(amountMinor, currency);
}
