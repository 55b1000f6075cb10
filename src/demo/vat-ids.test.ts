import { describe, expect, it } from 'vitest';
import { validEuVatId } from '../billing/index.ts';
import { demoVatId } from './vat-ids.ts';

describe('demoVatId', () => {
  it('gives EU companies an id that passes billing’s check, different per company', () => {
    for (const country of ['DE', 'AT', 'IT']) {
      const ids = Array.from({ length: 200 }, (_, serial) => demoVatId(country, 'Enterprise', serial));
      for (const id of ids) expect(validEuVatId(id, country), `${id}`).toBe(id);
      expect(new Set(ids).size, country).toBe(ids.length);
    }
    expect(demoVatId('DE', 'Mid-Market', 7)).toMatch(/^DE[1-3]\d{8}$/);
    expect(demoVatId('AT', 'Mid-Market', 7)).toMatch(/^ATU\d{8}$/);
    expect(demoVatId('IT', 'Mid-Market', 7)).toMatch(/^IT\d{11}$/);
  });

  it('gives none outside the EU and to every tenth small firm, the same for the same company', () => {
    for (const country of ['CH', 'US', 'GB']) expect(demoVatId(country, 'Enterprise', 1)).toBeNull();
    expect(demoVatId('DE', 'SMB', 13)).toBeNull();
    expect(demoVatId('DE', 'Enterprise', 13)).not.toBeNull();
    expect(demoVatId('IT', 'SMB', 14)).toBe(demoVatId('IT', 'SMB', 14));
  });
});
