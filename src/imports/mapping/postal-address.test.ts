import { describe, expect, it } from 'vitest';
import { ADDRESS_PART_SEPARATOR as S, formatPostalAddress } from './postal-address.ts';

const address = (street: string, postalCode: string, city: string, region: string, country: string) => formatPostalAddress([street, postalCode, city, region, country].join(S));

describe('postalAddress', () => {
  it('writes the last lines as the country does', () => {
    expect(address('354 Oyster Point Blvd\nSuite 100', '94080', 'South San Francisco', 'CA', 'United States')).toBe('354 Oyster Point Blvd\nSuite 100\nSouth San Francisco, CA 94080');
    expect(address('1 Yonge St', 'M5E 1W7', 'Toronto', 'ON', 'CA')).toBe('1 Yonge St\nToronto, ON M5E 1W7');
    expect(address('1 Macquarie St', '2000', 'Sydney', 'NSW', 'Australia')).toBe('1 Macquarie St\nSydney NSW 2000');
    expect(address('10 Downing Street', 'SW1A 2AA', 'London', '', 'United Kingdom')).toBe('10 Downing Street\nLondon\nSW1A 2AA');
    expect(address('Unter den Linden 1\n3. OG', '10117', 'Berlin', '', 'Germany')).toBe('Unter den Linden 1\n3. OG\n10117 Berlin');
    expect(address('Via del Corso 1', '00186', 'Roma', 'RM', 'IT')).toBe('Via del Corso 1\n00186 Roma\nRM');
  });

  it('leaves out what a row lacks: no blank line, no stray comma; nothing at all is no address', () => {
    expect(address('1 Main St', '', 'Springfield', '', 'US')).toBe('1 Main St\nSpringfield');
    expect(address('', '62701', '', 'IL', 'USA')).toBe('IL 62701');
    expect(address('Hauptstr. 5', '', '', '', '')).toBe('Hauptstr. 5');
    expect(address('Rue de Rivoli 1', '75001', 'Paris', '', 'no such land')).toBe('Rue de Rivoli 1\n75001 Paris');
    expect(address('', '', '', '', 'US')).toBe('');
    expect(formatPostalAddress('only a street')).toBe('only a street');
  });
});
