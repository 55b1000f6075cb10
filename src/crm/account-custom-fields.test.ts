import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { AppError } from '../shared/errors.ts';
import { createDefinition } from './custom-fields/index.ts';
import { auditTrail, makeAccountInput } from './fixtures.ts';
import { createAccount, updateAccount } from './index.ts';

async function fieldErrors(promise: Promise<unknown>): Promise<Array<[string, string]>> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('validation_failed');
  return (error as AppError).fieldErrors.map((f) => [f.field, f.message]);
}

describe('account custom fields are checked against their definitions', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await createDefinition(t.ctx, { entityType: 'account', key: 'arr', label: 'ARR', type: 'money' });
    await createDefinition(t.ctx, { entityType: 'account', key: 'seats', label: 'Seats', type: 'number' });
    await createDefinition(t.ctx, { entityType: 'account', key: 'tier', label: 'Tier', type: 'picklist', picklistOptions: ['Gold', 'Silver'], required: true });
  });
  afterAll(() => t.close());

  it('stores normalized values on create', async () => {
    const account = await createAccount(t.ctx, makeAccountInput({ customFields: { arr: '1234.50 EUR', seats: '040.0', tier: ' gold ' } }));
    expect(account.customFields).toEqual({ arr: { amountMinor: 123450, currency: 'EUR' }, seats: '40', tier: 'Gold' });
  });

  it('refuses a bad, unknown or missing required value on create, naming each field, and writes nothing', async () => {
    const errors = await fieldErrors(createAccount(t.ctx, makeAccountInput({ name: 'Refused Inc', customFields: { seats: 'many', colour: 'red' } })));
    expect(errors).toEqual([
      ['body.customFields.seats', 'expected a decimal number such as "12.50" (no exponent, no thousands separators)'],
      ['body.customFields.colour', 'unknown custom field'],
      ['body.customFields.tier', 'required'],
    ]);
    const rows = await t.ctx.db.withTables<{ accounts: { name: string } }>().selectFrom('accounts').select('name').where('name', '=', 'Refused Inc').execute();
    expect(rows).toEqual([]);
  });

  it('checks the whole set on update and writes nothing for a refused change', async () => {
    const account = await createAccount(t.ctx, makeAccountInput({ customFields: { tier: 'Silver' } }));
    const errors = await fieldErrors(updateAccount(t.ctx, { id: account.id, expectedVersion: 1, changes: { customFields: { tier: 'Bronze' } } }));
    expect(errors).toEqual([['body.customFields.tier', 'expected one of: Gold, Silver']]);
    const updated = await updateAccount(t.ctx, { id: account.id, expectedVersion: 1, changes: { customFields: { tier: 'gold', seats: 12 } } });
    expect(updated).toMatchObject({ version: 2, customFields: { tier: 'Gold', seats: '12' } });
    expect((await auditTrail(t.ctx, account.id)).map((entry) => entry.action)).toEqual(['create', 'update']);
  });
});
