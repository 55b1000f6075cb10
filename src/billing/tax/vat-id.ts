import { vatCheckDigitsValid } from './vat-id-checksums.ts';

/**
 * EU VAT identification numbers: the country prefix, the national format (VIES formats) and, where
 * the country publishes one, the check digits (vat-id-checksums.ts) — a typo in a customer's id must
 * not silently zero the VAT on an invoice. No online lookup: verifying the id with VIES is left to
 * finance. Greece uses the prefix EL.
 */
const VAT_FORMATS: Readonly<Record<string, RegExp>> = {
  AT: /^U\d{8}$/, BE: /^[01]\d{9}$/, BG: /^\d{9,10}$/, CY: /^\d{8}[A-Z]$/, CZ: /^\d{8,10}$/, DE: /^\d{9}$/, DK: /^\d{8}$/,
  EE: /^\d{9}$/, EL: /^\d{9}$/, ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/, FI: /^\d{8}$/, FR: /^[A-Z0-9]{2}\d{9}$/, HR: /^\d{11}$/,
  HU: /^\d{8}$/, IE: /^\d{7}[A-Z]{1,2}$|^\d[A-Z+*]\d{5}[A-Z]$/, IT: /^\d{11}$/, LT: /^(\d{9}|\d{12})$/, LU: /^\d{8}$/, LV: /^\d{11}$/,
  MT: /^\d{8}$/, NL: /^\d{9}B\d{2}$/, PL: /^\d{10}$/, PT: /^\d{9}$/, RO: /^\d{2,10}$/, SE: /^\d{12}$/, SI: /^\d{8}$/, SK: /^\d{10}$/,
};

export const EU_COUNTRIES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'GR', 'ES', 'FI', 'FR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
]);

/** The normalised id ("DE136695976") when it is a valid EU VAT id of `country` (format and check digits), else null. */
export function validEuVatId(vatId: string | null, country: string | null): string | null {
  if (vatId === null || country === null) return null;
  const normalised = vatId.toUpperCase().replace(/[\s.-]/g, '');
  const prefix = country === 'GR' ? 'EL' : country;
  const format = VAT_FORMATS[prefix];
  if (!format || !normalised.startsWith(prefix)) return null;
  const national = normalised.slice(2);
  return format.test(national) && vatCheckDigitsValid(prefix, national) ? normalised : null;
}
