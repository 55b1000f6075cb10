import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { AppError } from '../../shared/errors.ts';
import { makeAccountInput } from '../fixtures.ts';
import { createAccount } from '../index.ts';
import { makeOpportunityInput } from '../opportunities/fixtures.ts';
import { createOpportunity, updateOpportunity } from '../opportunities/index.ts';
import { createDefinition, mergeCustomFields, updateDefinition, validateCustomFields } from './index.ts';

async function fieldErrors(promise: Promise<unknown>): Promise<Array<[string, string]>> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('validation_failed');
  return (error as AppError).fieldErrors.map((f) => [f.field, f.message]);
}

describe('validateCustomFields', () => {
  let t: TestContext;
  const full = { partial: false };
  beforeAll(async () => {
    t = await createTestContext();
    await createDefinition(t.ctx, { entityType: 'opportunity', key: 'notes', label: 'Notes', type: 'text' });
    await createDefinition(t.ctx, { entityType: 'opportunity', key: 'seats', label: 'Seats', type: 'number' });
    await createDefinition(t.ctx, { entityType: 'opportunity', key: 'budget', label: 'Budget', type: 'money' });
    await createDefinition(t.ctx, { entityType: 'opportunity', key: 'go_live_date', label: 'Go-live', type: 'date' });
    await createDefinition(t.ctx, { entityType: 'opportunity', key: 'tier', label: 'Tier', type: 'picklist', picklistOptions: ['Gold', 'Silver'], required: true });
  });
  afterAll(() => t.close());

  it('normalizes each type', async () => {
    const values = await validateCustomFields(t.ctx, 'opportunity', {
      notes: '  call back  ', seats: '0040.500', budget: { amountMinor: '125000', currency: 'eur' }, go_live_date: '2026-05-01', tier: ' gold ',
    }, full);
    expect(values).toEqual({ notes: 'call back', seats: '40.5', budget: { amountMinor: 125000, currency: 'EUR' }, go_live_date: '2026-05-01', tier: 'Gold' });
    const numbers = [[12, '12'], [-0.25, '-0.25'], ['-0', '0'], ['+7.000', '7'], [0.1, '0.1'], ['12345678901234567890.5', '12345678901234567890.5']] as const;
    for (const [input, stored] of numbers) {
      expect((await validateCustomFields(t.ctx, 'opportunity', { seats: input, tier: 'Gold' }, full))['seats'], String(input)).toBe(stored);
    }
    expect((await validateCustomFields(t.ctx, 'opportunity', { budget: '1234.50 EUR', tier: 'Gold' }, full))['budget'])
      .toEqual({ amountMinor: 123450, currency: 'EUR' });
    expect((await validateCustomFields(t.ctx, 'opportunity', { budget: 'JPY 5000', tier: 'Gold' }, full))['budget']).toEqual({ amountMinor: 5000, currency: 'JPY' });
  });

  it('names every bad value, an unknown key and a missing required field together', async () => {
    expect(await fieldErrors(validateCustomFields(t.ctx, 'opportunity', {
      notes: 'x'.repeat(2001), seats: '1e5', budget: { amountMinor: 1.5, currency: 'EUR' }, go_live_date: '2026-02-30', colour: 'red',
    }, full))).toEqual([
      ['body.customFields.notes', 'at most 2000 characters'],
      ['body.customFields.seats', 'expected a decimal number such as "12.50" (no exponent, no thousands separators)'],
      ['body.customFields.budget', expect.stringContaining('amountMinor must be an integer') as unknown as string],
      ['body.customFields.go_live_date', 'expected a calendar date as YYYY-MM-DD'],
      ['body.customFields.colour', 'unknown custom field'],
      ['body.customFields.tier', 'required'],
    ]);
    const one = async (key: string, value: unknown) => (await fieldErrors(validateCustomFields(t.ctx, 'opportunity', { tier: 'Gold', [key]: value }, full))).map(([f]) => f);
    expect(await one('notes', 42)).toEqual(['body.customFields.notes']);
    expect(await one('notes', '   ')).toEqual(['body.customFields.notes']);
    expect(await one('seats', true)).toEqual(['body.customFields.seats']);
    expect(await one('seats', 'twelve')).toEqual(['body.customFields.seats']);
    expect(await one('seats', Number.POSITIVE_INFINITY)).toEqual(['body.customFields.seats']);
    expect(await one('budget', { amountMinor: 1, currency: 'XXX' })).toEqual(['body.customFields.budget']);
    expect(await one('budget', '12.345 EUR')).toEqual(['body.customFields.budget']);
    expect(await one('budget', 12)).toEqual(['body.customFields.budget']);
    expect(await one('go_live_date', '2026-5-1')).toEqual(['body.customFields.go_live_date']);
    expect(await one('tier', 'Bronze')).toEqual(['body.customFields.tier']);
    expect(await one('tier', null)).toEqual(['body.customFields.tier']);
  });

  it('checks only the given keys when partial, keeping nulls for the merge', async () => {
    const patch = await validateCustomFields(t.ctx, 'opportunity', { notes: null, seats: 3 }, { partial: true });
    expect(patch).toEqual({ notes: null, seats: '3' });
    expect(mergeCustomFields({ notes: 'old', tier: 'Gold' }, patch)).toEqual({ tier: 'Gold', seats: '3' });
    expect(await validateCustomFields(t.ctx, 'opportunity', { notes: null, tier: 'Silver' }, full)).toEqual({ tier: 'Silver' });
    expect((await fieldErrors(validateCustomFields(t.ctx, 'opportunity', { tier: null }, { partial: true }))).map(([f]) => f)).toEqual(['body.customFields.tier']);
  });

  it('passes values through for a type without definitions, and still accepts an inactive field', async () => {
    expect(await validateCustomFields(t.ctx, 'lead', { anything: 'goes', n: 1, flag: true, gone: null }, full)).toEqual({ anything: 'goes', n: 1, flag: true, gone: null });
    expect((await fieldErrors(validateCustomFields(t.ctx, 'lead', { budget: { amountMinor: 1, currency: 'EUR' } }, full))).map(([f]) => f)).toEqual(['body.customFields.budget']);
    await createDefinition(t.ctx, { entityType: 'contact', key: 'legacy', label: 'Legacy', type: 'text', required: true });
    await updateDefinition(t.ctx, { entityType: 'contact', key: 'legacy', expectedVersion: 1, changes: { active: false } });
    expect(await validateCustomFields(t.ctx, 'contact', {}, full)).toEqual({});
    expect(await validateCustomFields(t.ctx, 'contact', { legacy: 'kept' }, full)).toEqual({ legacy: 'kept' });
    expect((await fieldErrors(validateCustomFields(t.ctx, 'contact', { other: 'x' }, full))).map(([f]) => f)).toEqual(['body.customFields.other']);
  });

  it('is applied by the opportunity services: stored normalized, rejected with 400 field names', async () => {
    const accountId = (await createAccount(t.ctx, makeAccountInput())).id;
    const opportunity = await createOpportunity(t.ctx, makeOpportunityInput(accountId, { customFields: { tier: 'silver', seats: 12.5 } }));
    expect(opportunity.customFields).toEqual({ tier: 'Silver', seats: '12.5' });
    expect((await fieldErrors(createOpportunity(t.ctx, makeOpportunityInput(accountId)))).map(([f]) => f)).toEqual(['body.customFields.tier']);
    const replaced = await updateOpportunity(t.ctx, { id: opportunity.id, expectedVersion: 1, changes: { customFields: { tier: 'Gold', budget: '99.99 USD' } } });
    expect(replaced.customFields).toEqual({ tier: 'Gold', budget: { amountMinor: 9999, currency: 'USD' } });
    const same = await updateOpportunity(t.ctx, { id: opportunity.id, expectedVersion: 2, changes: { customFields: { budget: { amountMinor: 9999, currency: 'USD' }, tier: 'gold' } } });
    expect(same.version).toBe(2);
    expect((await fieldErrors(updateOpportunity(t.ctx, { id: opportunity.id, expectedVersion: 2, changes: { customFields: { tier: 'Gold', seats: 'many' } } }))).map(([f]) => f))
      .toEqual(['body.customFields.seats']);
  });
});
