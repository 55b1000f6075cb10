import { EU_COUNTRIES, validEuVatId } from '../billing/index.ts';

/**
 * A made-up VAT id that passes billing's check (prefix, national format, check digits) for a prospect
 * in an EU country, so cross-border EU customers are invoiced with reverse charge as in real life. Small
 * firms sometimes have none (every tenth SMB): they are invoiced with VAT. Outside the EU: none. Derived
 * from the prospect's serial, so it draws nothing from the demo's random stream.
 */
export function demoVatId(country: string, segment: string, serial: number): string | null {
  if (!EU_COUNTRIES.has(country) || (segment === 'SMB' && serial % 10 === 3)) return null;
  const body = NATIONAL_BODIES[country]?.(serial);
  if (body === undefined) return null;
  for (let digit = 0; digit <= 9; digit += 1) {
    const valid = validEuVatId(`${country}${body}${digit}`, country);
    if (valid) return valid;
  }
  return null;
}

const digits = (serial: number, length: number) => String((serial * 7_654_321 + 1_234_567) % 10 ** length).padStart(length, '0');

/** Everything but the last (check) digit of each demo country's national number. */
const NATIONAL_BODIES: Readonly<Record<string, (serial: number) => string>> = {
  DE: (serial) => `${1 + (serial % 3)}${digits(serial, 7)}`,
  AT: (serial) => `U${digits(serial, 7)}`,
  // Seven digits of the company, three of the provincial office (Milano, Torino, Bologna, Roma), the check digit.
  IT: (serial) => `${digits(serial, 7)}${['015', '001', '037', '058'][serial % 4] as string}`,
};
