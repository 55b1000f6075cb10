import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { createContact, deleteContact } from './contacts/index.ts';
import { makeContactInput } from './contacts/fixtures.ts';
import { auditTrail, makeAccountInput } from './fixtures.ts';
import { createAccount } from './index.ts';
import { createOpportunity } from './opportunities/index.ts';
import { makeOpportunityInput } from './opportunities/fixtures.ts';
import { upsertUsage } from './usage/index.ts';

describe('DELETE /accounts/:id while records point at the account', () => {
  let t: TestApp;
  const remove = (id: string, version: number) =>
    t.request('revops', { method: 'DELETE', url: `/api/v1/accounts/${id}`, headers: { 'if-match': `"${version}"` } });
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 409 problem+json naming each kind of record with its count, and deletes nothing', async () => {
    const account = await createAccount(t.ctx, makeAccountInput());
    await createAccount(t.ctx, makeAccountInput({ parentAccountId: account.id }));
    const first = await createContact(t.ctx, makeContactInput({ accountId: account.id }));
    await createContact(t.ctx, makeContactInput({ accountId: account.id }));
    await createOpportunity(t.ctx, makeOpportunityInput(account.id));
    await upsertUsage(t.ctx, [{ accountId: account.id, usageDate: '2026-01-10', featureKey: 'api', count: 3 }]);
    // A deleted contact no longer holds the account.
    await deleteContact(t.ctx, { id: first.id, expectedVersion: 1 });

    const refused = await remove(account.id, 1);
    expect(refused.statusCode).toBe(409);
    expect(String(refused.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({
      status: 409,
      code: 'conflict',
      detail: `Account ${account.id} is still referenced by live records: childAccounts (1), contacts (1), opportunities (1), product_usage_daily (1); delete or move them first`,
      blockedBy: { childAccounts: 1, contacts: 1, opportunities: 1, product_usage_daily: 1 },
    });
    expect((await t.request('viewer', { method: 'GET', url: `/api/v1/accounts/${account.id}` })).statusCode).toBe(200);
    expect((await auditTrail(t.ctx, account.id)).map((entry) => entry.action)).not.toContain('delete');
  });

  it('deletes an account nothing points at (204)', async () => {
    const account = await createAccount(t.ctx, makeAccountInput());
    expect((await remove(account.id, 1)).statusCode).toBe(204);
    expect((await t.request('viewer', { method: 'GET', url: `/api/v1/accounts/${account.id}` })).statusCode).toBe(404);
  });
});
