import { z } from 'zod';

/** Limits of an account's billing address, as the CHECK of migration 202612140300 (length) and the invoice layout (lines). */
export const BILLING_ADDRESS_MAX_LENGTH = 500;
export const BILLING_ADDRESS_MAX_LINES = 6;

/**
 * The stored form of a postal address: "\n" between lines (CR LF and CR from a textarea or a
 * Windows CSV become "\n"), each line trimmed, blank lines dropped; nothing left → null. Idempotent,
 * so a stored address parses to itself (a re-import of the same address is no change).
 */
export function normalizeBillingAddress(text: string): string | null {
  const lines = text.split(/\r\n|\r|\n/).map((line) => line.trim()).filter((line) => line !== '');
  return lines.length === 0 ? null : lines.join('\n');
}

/** Why a normalized address cannot be stored, or null when it can. */
export function billingAddressProblem(address: string): string | null {
  if (address.length > BILLING_ADDRESS_MAX_LENGTH) return `must be at most ${BILLING_ADDRESS_MAX_LENGTH} characters`;
  if (address.split('\n').length > BILLING_ADDRESS_MAX_LINES) return `must be at most ${BILLING_ADDRESS_MAX_LINES} lines`;
  return null;
}

/**
 * The account's billing address on input: text, normalized (normalizeBillingAddress); empty text
 * gives null (PATCH: clears it). Its output is what is stored.
 */
export const billingAddressSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'expected text') })
  .transform((value, ctx) => {
    const address = normalizeBillingAddress(value);
    if (address === null) return null;
    const problem = billingAddressProblem(address);
    if (problem === null) return address;
    // too_big, as zod's own max(), with the limit broken: clients word it in their language
    // ("Höchstens 6 Zeilen."); `lines` is Revline's origin for text counted in lines.
    const limit = address.length > BILLING_ADDRESS_MAX_LENGTH ? { origin: 'string', maximum: BILLING_ADDRESS_MAX_LENGTH } : { origin: 'lines', maximum: BILLING_ADDRESS_MAX_LINES };
    ctx.addIssue({ code: 'too_big', ...limit, inclusive: true, input: value, message: problem });
    return z.NEVER;
  })
  .describe(`Postal address, one line per line ("\\n" between them; street, postal code and city, …; the country is its own field): lines trimmed, blank lines dropped, empty → null; at most ${BILLING_ADDRESS_MAX_LINES} lines and ${BILLING_ADDRESS_MAX_LENGTH} characters`);
