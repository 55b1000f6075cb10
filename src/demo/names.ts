import { FIRST_NAMES, INDUSTRIES, LAST_NAMES, NAME_STEMS, NAME_TRADES, SEGMENTS, type Region } from './company.ts';
import type { Random } from './random.ts';
import { demoBillingAddress } from './addresses.ts';
import { demoVatId } from './vat-ids.ts';

export type Prospect = {
  company: string; domain: string; country: string; industry: string; segment: string;
  employeeBand: '11-50' | '51-200' | '201-1000' | '1001-5000';
  firstName: string; lastName: string; email: string; seats: number;
  /** A valid EU VAT id for most EU companies (vat-ids.ts), else null. */
  vatId: string | null;
  /** A postal address in the country's format (addresses.ts). */
  billingAddress: string | null;
};

/** A made-up prospect company in the region; `serial` keeps names and e-mails unique. */
export function makeProspect(random: Random, region: Region, serial: number): Prospect {
  const stem = random.pick(NAME_STEMS);
  const trade = random.pick(NAME_TRADES);
  const company = `${stem} ${trade} ${random.pick(region.suffixes)}${serial > NAME_STEMS.length * NAME_TRADES.length ? ` ${serial}` : ''}`;
  const slug = `${stem}-${trade}-${serial}`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9-]/g, '');
  const tld = { dach: 'de', italy: 'it', us: 'com', uk: 'co.uk' }[region.key];
  const segment = random.weighted(SEGMENTS);
  const seats = segment === 'SMB' ? random.int(5, 25) : segment === 'Mid-Market' ? random.int(20, 80) : random.int(60, 250);
  const employeeBand = segment === 'SMB' ? '11-50' : segment === 'Mid-Market' ? random.pick(['51-200', '201-1000'] as const) : '1001-5000';
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const local = `${firstName}.${lastName}`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z.]/g, '');
  const country = random.weighted(region.countries);
  return {
    company, domain: `${slug}.${tld}`, country, industry: random.pick(INDUSTRIES), segment, employeeBand,
    firstName, lastName, email: `${local}@${slug}.${tld}`, seats, vatId: demoVatId(country, segment, serial),
    billingAddress: demoBillingAddress(country, serial, company),
  };
}
