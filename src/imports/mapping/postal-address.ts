import { countryCodeOf } from './country-names.ts';

/** Between the parts of a postalAddress template: a character no export puts in an address. */
export const ADDRESS_PART_SEPARATOR = '\u001f';

/**
 * The `postalAddress` transform: "street␟postal code␟city␟region␟country" (a template of the export's
 * columns, ␟ = U+001F) → the address lines as that country writes them. The street may hold lines of
 * its own; the country decides the last lines and is not one of them (the account keeps it apart):
 * - US, CA: "City, ST 94080"; AU: "Suburb NSW 2000";
 * - GB: the post town, the county, the postcode, each on a line of its own;
 * - anywhere else, or no country: "10117 Berlin", then the region.
 * Empty parts leave no blank line or stray comma; all parts empty give "" (no address).
 */
export function formatPostalAddress(text: string): string {
  const [street = '', postalCode = '', city = '', region = '', country = ''] = text.split(ADDRESS_PART_SEPARATOR).map((part) => part.trim());
  const words = (...parts: string[]) => parts.filter((part) => part !== '').join(' ');
  const lines = street.split(/\r\n|\r|\n/);
  switch (country === '' ? null : countryCodeOf(country)) {
    case 'US':
    case 'CA':
      lines.push(city !== '' && words(region, postalCode) !== '' ? `${city}, ${words(region, postalCode)}` : words(city, region, postalCode));
      break;
    case 'AU':
      lines.push(words(city, region, postalCode));
      break;
    case 'GB':
      lines.push(city, region, postalCode);
      break;
    default:
      lines.push(words(postalCode, city), region);
  }
  return lines.map((line) => line.trim()).filter((line) => line !== '').join('\n');
}
