import { describe, expect, it } from 'vitest';
import { normalizeBillingAddress, billingAddressProblem } from '../crm/index.ts';
import { demoBillingAddress } from './addresses.ts';

describe('demoBillingAddress', () => {
  it('writes each demo country in its own postal format, the same for the same customer', () => {
    expect(demoBillingAddress('DE', 7, 'Alpen Logistik GmbH')).toMatch(/^[A-ZÄÖÜa-zäöüß ]+ \d{1,3}\n\d{5} [A-Za-zäöü ]+$/);
    expect(demoBillingAddress('AT', 7, 'Alpen Logistik GmbH')).toMatch(/^.+ \d{1,3}\n\d{4} [A-Za-z]+$/);
    expect(demoBillingAddress('CH', 7, 'Alpen Logistik AG')).toMatch(/^.+ \d{1,3}\n\d{4} .+$/);
    expect(demoBillingAddress('IT', 7, 'Tiber Foods S.r.l.')).toMatch(/^(Via|Corso|Viale) .+ \d{1,3}\n\d{5} [A-Za-z]+ [A-Z]{2}$/);
    expect(demoBillingAddress('US', 7, 'Summit Energy Inc.')).toMatch(/^\d{3,4} .+\n(Suite \d+\n)?[A-Za-z]+, [A-Z]{2} \d{5}$/);
    expect(demoBillingAddress('GB', 7, 'Harbor Media Ltd')).toMatch(/^\d{1,3} .+\n[A-Za-z]+\n[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/);
    expect(demoBillingAddress('DE', 7, 'Alpen Logistik GmbH')).toBe(demoBillingAddress('DE', 7, 'Alpen Logistik GmbH'));
    expect(demoBillingAddress('FR', 7, 'X')).toBeNull();
  });

  it('gives addresses an account stores as they are (normalized, within the limits)', () => {
    for (const country of ['DE', 'AT', 'CH', 'IT', 'US', 'GB']) {
      for (let serial = 0; serial < 50; serial += 1) {
        const address = demoBillingAddress(country, serial, `Company ${serial}`) ?? '';
        expect(normalizeBillingAddress(address)).toBe(address);
        expect(billingAddressProblem(address)).toBeNull();
      }
    }
  });
});
