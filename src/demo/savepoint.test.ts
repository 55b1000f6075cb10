import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { recordAudit } from '../shared/audit.ts';
import { inTransaction } from '../shared/context.ts';
import { inSavepoint } from './savepoint.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const endpoint = (id: string) => {
  const at = new Date(t.clock.now().epochMilliseconds);
  return { id, url: 'https://example.com/hook', secret: 'whsec_x', event_types: '[]', description: '', enabled: false, created_at: at, updated_at: at };
};

describe('inSavepoint', () => {
  it('undoes only the refused work and its buffered audit entries; the transaction goes on and commits the rest', async () => {
    await inTransaction(t.ctx, async (tx) => {
      await tx.db.insertInto('webhook_endpoints').values(endpoint('whk_kept')).execute();
      await recordAudit(tx, { action: 'create', entityType: 'webhook_endpoint', entityId: 'kept', before: null, after: null });
      const refused = inSavepoint(tx, async () => {
        await tx.db.insertInto('webhook_endpoints').values(endpoint('whk_undone')).execute();
        await recordAudit(tx, { action: 'create', entityType: 'webhook_endpoint', entityId: 'undone', before: null, after: null });
        throw new Error('refused');
      });
      await expect(refused).rejects.toThrow('refused');
      expect(tx.pendingAudit?.map((entry) => entry.entityId)).toEqual(['kept']);
      expect(await inSavepoint(tx, async () => 'accepted')).toBe('accepted');
    });
    const endpoints = await t.ctx.db.selectFrom('webhook_endpoints').select('id').where('id', 'in', ['whk_kept', 'whk_undone']).execute();
    expect(endpoints.map((row) => row.id)).toEqual(['whk_kept']);
    const audited = await t.ctx.db.selectFrom('audit_log').select('entity_id').where('entity_type', '=', 'webhook_endpoint').execute();
    expect(audited.map((row) => row.entity_id)).toEqual(['kept']);
  });
});
