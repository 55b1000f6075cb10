import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { AppError } from '../../shared/errors.ts';
import { auditTrailOf } from '../opportunities/fixtures.ts';
import { createDefinition, getDefinition, listDefinitions, updateDefinition } from './index.ts';

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('custom field definitions', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('creates, updates with a version and audits; entity type, key and type stay fixed', async () => {
    const created = await createDefinition(t.ctx, { entityType: 'account', key: 'region', label: 'Region', type: 'picklist', picklistOptions: ['EMEA', 'APAC'] });
    expect(created).toEqual({
      entityType: 'account', key: 'region', label: 'Region', type: 'picklist', picklistOptions: ['EMEA', 'APAC'], required: false, active: true,
      createdAt: '2026-01-15T09:00:00.000Z', updatedAt: '2026-01-15T09:00:00.000Z', version: 1,
    });
    t.clock.advance({ minutes: 1 });
    const updated = await updateDefinition(t.ctx, { entityType: 'account', key: 'region', expectedVersion: 1, changes: { picklistOptions: ['EMEA', 'APAC', 'AMER'], required: true } });
    expect(updated).toMatchObject({ picklistOptions: ['EMEA', 'APAC', 'AMER'], required: true, version: 2, updatedAt: '2026-01-15T09:01:00.000Z' });
    expect((await updateDefinition(t.ctx, { entityType: 'account', key: 'region', expectedVersion: 2, changes: { label: 'Region' } })).version).toBe(2);
    expect((await appError(updateDefinition(t.ctx, { entityType: 'account', key: 'region', expectedVersion: 1, changes: { label: 'R' } }))).code).toBe('version_conflict');
    expect((await appError(updateDefinition(t.ctx, { entityType: 'account', key: 'region', expectedVersion: 2, changes: { type: 'text' } as never }))).fieldErrors.map((f) => f.field)).toEqual(['body']);
    expect(await getDefinition(t.ctx, 'account', 'region')).toEqual(updated);
    expect((await auditTrailOf(t.ctx, 'custom_field_definition', 'account.region')).map((row) => row.action)).toEqual(['create', 'update']);
  });

  it('names the field of each invalid definition', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ entityType: 'account', key: 'size', label: 'Size', type: 'picklist' }, 'validation_failed', 'body.picklistOptions'],
      [{ entityType: 'account', key: 'size', label: 'Size', type: 'text', picklistOptions: ['a'] }, 'validation_failed', 'body.picklistOptions'],
      [{ entityType: 'account', key: 'size', label: 'Size', type: 'picklist', picklistOptions: ['S', 's'] }, 'validation_failed', 'body.picklistOptions'],
      [{ entityType: 'invoice', key: 'size', label: 'Size', type: 'text' }, 'validation_failed', 'body.entityType'],
      [{ entityType: 'account', key: 'Size', label: 'Size', type: 'text' }, 'validation_failed', 'body.key'],
      [{ entityType: 'account', key: 'size', label: 'Size', type: 'boolean' }, 'validation_failed', 'body.type'],
      [{ entityType: 'account', key: 'region', label: 'Again', type: 'text' }, 'conflict', 'body.key'],
    ];
    for (const [input, code, field] of cases) {
      const error = await appError(createDefinition(t.ctx, input as never));
      expect([error.code, error.fieldErrors.map((f) => f.field)], JSON.stringify(input)).toEqual([code, [field]]);
    }
    const options = await appError(updateDefinition(t.ctx, { entityType: 'account', key: 'region', expectedVersion: 2, changes: { picklistOptions: [] } }));
    expect(options.fieldErrors.map((f) => f.field)).toEqual(['body.picklistOptions']);
  });

  it('lists with filters and sorts', async () => {
    await createDefinition(t.ctx, { entityType: 'opportunity', key: 'competitor', label: 'Competitor', type: 'text' });
    await createDefinition(t.ctx, { entityType: 'opportunity', key: 'budget', label: 'Approved budget', type: 'money', active: false });
    const keys = async (query: Parameters<typeof listDefinitions>[1]) => (await listDefinitions(t.ctx, query)).data.map((d) => `${d.entityType}.${d.key}`);
    expect(await keys({})).toEqual(['account.region', 'opportunity.budget', 'opportunity.competitor']);
    expect(await keys({ entityType: 'opportunity', sort: 'label' })).toEqual(['opportunity.budget', 'opportunity.competitor']);
    expect(await keys({ active: 'false' })).toEqual(['opportunity.budget']);
    expect(await keys({ type: 'text' })).toEqual(['opportunity.competitor']);
    expect(await keys({ q: 'BUDG' })).toEqual(['opportunity.budget']);
  });
});
