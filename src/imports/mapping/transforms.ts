import { Temporal } from 'temporal-polyfill';
import { parsePlainDate, toIsoDate } from '../../shared/dates.ts';
import { countryCodeOf } from './country-names.ts';
import { formatPostalAddress } from './postal-address.ts';
import type { TransformName } from './schema.ts';

export type TransformResult = { ok: true; value: string } | { ok: false; reason: string };

// The CRM's employee bands (crm EMPLOYEE_BANDS): lower bound of each band.
const BANDS: Array<[number, string]> = [[5001, '5001+'], [1001, '1001-5000'], [201, '201-1000'], [51, '51-200'], [11, '11-50'], [1, '1-10']];

/** Named conversions a mapping may apply to a text value before it is typed. */
export function applyTransform(name: TransformName, text: string, referenceDate: string | undefined): TransformResult {
  switch (name) {
    case 'lowercase':
      return { ok: true, value: text.toLowerCase() };
    case 'uppercase':
      return { ok: true, value: text.toUpperCase() };
    case 'country': {
      const code = countryCodeOf(text);
      return code ? { ok: true, value: code } : { ok: false, reason: 'not a country name or ISO 3166-1 code' };
    }
    case 'employeeBand':
      return employeeBand(text);
    case 'monthsBefore':
      return monthsBefore(text, referenceDate);
    case 'postalAddress':
      return { ok: true, value: formatPostalAddress(text) };
    case 'firstListItem':
      // "123;456" (HubSpot's associated ids): the first id is the primary association.
      return { ok: true, value: (text.split(/[;,]/)[0] ?? '').trim() };
  }
}

function employeeBand(text: string): TransformResult {
  const count = /^\d+$/.test(text.replace(/[,. ']/g, '')) ? Number(text.replace(/[,. ']/g, '')) : NaN;
  const band = BANDS.find(([lower]) => count >= lower);
  return band ? { ok: true, value: band[1] } : { ok: false, reason: 'not a positive number of employees' };
}

/**
 * "tenure 12" → the date 12 months before the reference date: a snapshot's "months as a customer"
 * becomes a start date that re-imports to the same value (the reference date is fixed in the
 * mapping, never "today").
 */
function monthsBefore(text: string, referenceDate: string | undefined): TransformResult {
  if (!referenceDate) return { ok: false, reason: 'monthsBefore needs a referenceDate in the mapping' };
  if (!/^\d{1,4}$/.test(text)) return { ok: false, reason: 'not a whole number of months' };
  const date: Temporal.PlainDate = parsePlainDate(referenceDate).subtract({ months: Number(text) });
  return { ok: true, value: toIsoDate(date) };
}
