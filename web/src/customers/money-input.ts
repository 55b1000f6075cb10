// The server's ISO 4217 table, so the minor units typed here are the ones the API counts in.
import { CURRENCY_EXPONENTS } from '../../../src/shared/money.ts';

export type ParsedAmount = { ok: true; amountMinor: string } | { ok: false; reason: 'empty' | 'format' | 'decimals' };

/** Splits "1.234,56" / "1,234.56" / "1234" into whole and fraction digits; null when it is not a number. */
function splitDecimal(body: string, exponent: number): { whole: string; fraction: string } | null {
  if (!/^\d[\d.,]*$|^[.,]\d+$/.test(body)) return null;
  const last = Math.max(body.lastIndexOf('.'), body.lastIndexOf(','));
  if (last === -1) return { whole: body, fraction: '' };
  const separator = body[last] ?? '.';
  const after = body.slice(last + 1);
  const before = body.slice(0, last);
  const sameKindBefore = before.includes(separator);
  const otherKindBefore = before.includes(separator === '.' ? ',' : '.');
  // Used twice ("1.234.567"), or once before exactly three digits where no currency of this
  // exponent has three decimals ("1,500" = 1500): it groups thousands.
  const groups = sameKindBefore || (!otherKindBefore && after.length === 3 && exponent !== 3);
  if (groups) return /^\d{1,3}([.,]\d{3})*$/.test(body) ? { whole: body.replace(/[.,]/g, ''), fraction: '' } : null;
  if (!/^\d{1,3}([.,]\d{3})*$|^\d*$/.test(before)) return null;
  return { whole: before.replace(/[.,]/g, ''), fraction: after };
}

/**
 * Decimal text typed by a person ("1.234,56", "1234.56", "-5") → minor units as an integer
 * string, exactly (no float). The sign is kept: the server decides whether a negative amount is
 * allowed and says so next to the field.
 */
export function parseAmountToMinor(text: string, currency: string): ParsedAmount {
  const exponent = Object.hasOwn(CURRENCY_EXPONENTS, currency) ? (CURRENCY_EXPONENTS[currency] ?? 2) : 2;
  const trimmed = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (trimmed === '') return { ok: false, reason: 'empty' };
  const sign = trimmed.startsWith('-') ? '-' : '';
  const parts = splitDecimal(trimmed.replace(/^[-+]/, ''), exponent);
  if (parts === null || !/^\d*$/.test(parts.fraction) || (parts.whole === '' && parts.fraction === '')) return { ok: false, reason: 'format' };
  if (parts.fraction.length > exponent) return { ok: false, reason: 'decimals' };
  const minor = `${parts.whole}${parts.fraction.padEnd(exponent, '0')}`.replace(/^0+(?=\d)/, '');
  return { ok: true, amountMinor: minor === '0' ? '0' : `${sign}${minor}` };
}
