import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseSurvivor, toAccountProfile } from './account-profiles.ts';
import { DEFAULT_THRESHOLDS, MAX_BLOCK_SIZE, findCandidatePairs, scorePair, type AccountProfile } from './match-accounts.ts';

let counter = 0;
function profile(fields: { name: string; domain?: string | null; taxId?: string | null; country?: string | null; customFields?: Record<string, unknown> }): AccountProfile {
  counter += 1;
  return toAccountProfile({
    id: `acct_${String(counter).padStart(4, '0')}`,
    name: fields.name,
    domain: fields.domain ?? null,
    tax_id: fields.taxId ?? null,
    country: fields.country ?? null,
    custom_fields: fields.customFields ?? {},
    created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, counter)),
  });
}

describe('scorePair', () => {
  it('scores a tax id alone above the auto-merge threshold', () => {
    const result = scorePair(profile({ name: 'Foo', taxId: 'DE 123 456 789' }), profile({ name: 'Bar', taxId: '123456789', country: 'DE' }));
    expect(result).toEqual({ scoreBps: 9900, reasons: [{ rule: 'tax_id', value: 'DE123456789', score: 0.99 }] });
  });

  it('combines domain and legal name as 1 − (1 − 0.9)(1 − 0.8)', () => {
    const result = scorePair(profile({ name: 'ACME GmbH', domain: 'acme.de' }), profile({ name: 'Acme', domain: 'acme.de' }));
    expect(result.scoreBps).toBe(9800);
    expect(result.reasons).toEqual([
      { rule: 'domain', value: 'acme.de', score: 0.9 },
      { rule: 'name', value: 'acme', score: 0.8 },
    ]);
  });

  it('adjusts a name match by country: bonus when equal, malus when different, nothing when unknown', () => {
    expect(scorePair(profile({ name: 'Acme Ltd' }), profile({ name: 'ACME' })).scoreBps).toBe(8000);
    expect(scorePair(profile({ name: 'Acme Ltd', country: 'GB' }), profile({ name: 'ACME', country: 'GB' })).scoreBps).toBe(9000);
    const conflict = scorePair(profile({ name: 'Acme Ltd', country: 'GB' }), profile({ name: 'ACME', country: 'US' }));
    expect(conflict.scoreBps).toBe(5000);
    expect(conflict.reasons.map((r) => r.rule)).toEqual(['name', 'country_conflict']);
  });

  it('matches a billing e-mail domain against a website domain, but never a free-mail one', () => {
    const hubspot = profile({ name: 'ACME GmbH', domain: 'acme.de' });
    const stripe = profile({ name: 'Other name', customFields: { billing_email: 'billing@acme.de' } });
    expect(scorePair(hubspot, stripe)).toEqual({ scoreBps: 8500, reasons: [{ rule: 'email_domain', value: 'acme.de', score: 0.85 }] });
    const gmail = profile({ name: 'Other name', customFields: { billing_email: 'acme.billing@gmail.com' } });
    expect(scorePair(profile({ name: 'X', customFields: { email: 'y@gmail.com' } }), gmail)).toEqual({ scoreBps: 0, reasons: [] });
  });

  it('keeps different tax ids out of automatic merges even with domain and name equal', () => {
    const result = scorePair(profile({ name: 'Acme', domain: 'acme.com', taxId: 'US111' }), profile({ name: 'Acme', domain: 'acme.com', taxId: 'US222' }));
    expect(result.scoreBps).toBe(7350);
    expect(result.scoreBps).toBeLessThan(DEFAULT_THRESHOLDS.autoMergeBps);
    expect(result.reasons.at(-1)).toEqual({ rule: 'tax_id_conflict', value: 'US111≠US222', score: 0.75 });
  });

  it('is symmetric in score and bounded to [0, 1] (property)', () => {
    const field = <T>(values: T[]) => fc.constantFrom(...values);
    const arbProfile = fc.record({
      name: field(['Acme GmbH', 'ACME', 'Globex', 'Initech Inc', 'x']),
      domain: field([null, 'acme.de', 'globex.com']),
      taxId: field([null, 'DE123456789', '999']),
      country: field([null, 'DE', 'US']),
      customFields: field([{}, { billing_email: 'a@acme.de' }, { email: 'b@globex.com' }]),
    });
    fc.assert(fc.property(arbProfile, arbProfile, (x, y) => {
      const [a, b] = [profile(x), profile(y)];
      const forward = scorePair(a, b).scoreBps;
      expect(scorePair(b, a).scoreBps).toBe(forward);
      expect(forward).toBeGreaterThanOrEqual(0);
      expect(forward).toBeLessThanOrEqual(10_000);
    }));
  });
});

describe('findCandidatePairs', () => {
  it('pairs accounts sharing a blocking key, best first, above the minimum only', () => {
    const a = profile({ name: 'ACME GmbH', domain: 'acme.de' });
    const b = profile({ name: 'Acme', domain: 'acme.de' });
    const c = profile({ name: 'ACME GmbH.', taxId: 'DE123456789', customFields: { billing_email: 'billing@acme.de' } });
    const unrelated = profile({ name: 'Globex', domain: 'globex.com' });
    const pairs = findCandidatePairs([a, b, c, unrelated], { minScoreBps: 7000 });
    expect(pairs.map((p) => [p.a.id, p.b.id, p.scoreBps])).toEqual([
      [a.id, b.id, 9800],
      [a.id, c.id, 9700],
      [b.id, c.id, 9700],
    ]);
    expect(findCandidatePairs([a, b, c], { minScoreBps: 9750 }).map((p) => p.b.id)).toEqual([b.id]);
  });

  it('limits pairs to the focus accounts when given', () => {
    const a = profile({ name: 'Foo' });
    const b = profile({ name: 'Foo' });
    const c = profile({ name: 'Foo' });
    const pairs = findCandidatePairs([a, b, c], { minScoreBps: 0, focusIds: new Set([c.id]) });
    expect(pairs.map((p) => [p.a.id, p.b.id])).toEqual([[a.id, c.id], [b.id, c.id]]);
  });

  it('skips blocks too common to be evidence', () => {
    const many = Array.from({ length: MAX_BLOCK_SIZE + 1 }, () => profile({ name: 'Consulting' }));
    expect(findCandidatePairs(many, { minScoreBps: 0 })).toEqual([]);
    expect(findCandidatePairs(many.slice(0, 3), { minScoreBps: 0 })).toHaveLength(3);
  });
});

describe('chooseSurvivor', () => {
  it('keeps the older account', () => {
    const older = profile({ name: 'A' });
    const newer = profile({ name: 'B' });
    expect(chooseSurvivor(newer, older)).toEqual({ survivor: older, merged: newer });
    expect(chooseSurvivor(older, newer)).toEqual({ survivor: older, merged: newer });
  });
});
