import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { inTransaction } from '../shared/context.ts';
import { createDefinition, validateCustomFields } from './custom-fields/index.ts';
import { createLeadStatus } from './leads/index.ts';
import { findDefaultLeadStatusRow, findLeadStatusRow } from './leads/status-repo.ts';
import { createStage, findStage } from './pipeline/index.ts';
import { forgetInTransaction, memoInTransaction } from './tx-memo.ts';

describe('memo for one transaction', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('loads once per transaction and key, never outside one, and forgets on request or failure', async () => {
    let loads = 0;
    const load = async () => (loads += 1);
    await memoInTransaction(t.ctx, 'k', load);
    await memoInTransaction(t.ctx, 'k', load);
    expect(loads).toBe(2);
    await inTransaction(t.ctx, async (tx) => {
      expect(await memoInTransaction(tx, 'k', load)).toBe(3);
      expect(await memoInTransaction(tx, 'k', load)).toBe(3);
      expect(await memoInTransaction(tx, 'other', load)).toBe(4);
      forgetInTransaction(tx, 'k');
      expect(await memoInTransaction(tx, 'k', load)).toBe(5);
      await expect(memoInTransaction(tx, 'failing', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      expect(await memoInTransaction(tx, 'failing', load)).toBe(6);
    });
    await inTransaction(t.ctx, async (tx) => {
      expect(await memoInTransaction(tx, 'k', load)).toBe(7);
    });
  });

  it('a transaction sees its own writes to lead statuses, stages and custom field definitions', async () => {
    await inTransaction(t.ctx, async (tx) => {
      expect(await findLeadStatusRow(tx, 'nurture')).toBeUndefined();
      expect((await findDefaultLeadStatusRow(tx))?.key).toBe('new');
      await createLeadStatus(tx, { key: 'nurture', label: 'Nurture', stage: 'mql', sortOrder: 35, isDefault: true });
      expect((await findLeadStatusRow(tx, 'nurture'))?.stage).toBe('mql');
      expect((await findDefaultLeadStatusRow(tx))?.key).toBe('nurture');

      expect(await findStage(tx, 'pilot')).toBeNull();
      await createStage(tx, { key: 'pilot', label: 'Pilot' });
      expect((await findStage(tx, 'pilot'))?.label).toBe('Pilot');

      expect(await validateCustomFields(tx, 'lead', {}, { partial: false })).toEqual({});
      await createDefinition(tx, { entityType: 'lead', key: 'budget_note', label: 'Budget note', type: 'text', required: true });
      await expect(validateCustomFields(tx, 'lead', {}, { partial: false })).rejects.toMatchObject({ code: 'validation_failed' });
    });
  });
});
