import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { AppError } from '../shared/errors.ts';
import { auditTrail, countAccountRows, makeAccountInput } from './fixtures.ts';
import { createAccount, getAccount, importAccounts, type AccountImportItem } from './index.ts';

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const create = (name: string, extra: Partial<Extract<AccountImportItem, { kind: 'create' }>['input']> = {}): AccountImportItem =>
  ({ kind: 'create', input: { name, currency: 'eur', sourceSystem: 'bulk', externalId: name, ...extra } });

describe('importAccounts: createAccount and updateAccount for a batch, set-wise', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('creates each account as createAccount would, with one create audit entry each', async () => {
    const parent = await createAccount(t.ctx, makeAccountInput({ name: 'Bulk Parent' }));
    const results = await importAccounts(t.ctx, [
      create('Bulk One', { domain: 'https://www.One.example/x', country: 'de', customFields: { tier: 'gold' } }),
      create('Bulk Two', { parentAccountId: parent.id, customerSinceDate: '2024-02-29' }),
    ]);
    expect(results).toEqual([
      { id: expect.stringMatching(/^acct_/), outcome: 'created' },
      { id: expect.stringMatching(/^acct_/), outcome: 'created' },
    ]);
    const one = await getAccount(t.ctx, results[0]!.id);
    expect(one).toMatchObject({ name: 'Bulk One', domain: 'one.example', country: 'DE', currency: 'EUR', customFields: { tier: 'gold' }, version: 1, ownerUserId: null });
    expect(await getAccount(t.ctx, results[1]!.id)).toMatchObject({ parentAccountId: parent.id, customerSinceDate: '2024-02-29' });
    const trail = await auditTrail(t.ctx, one.id);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: 'create', before: null, after: { id: one.id, name: 'Bulk One', custom_fields: { tier: 'gold' }, version: 1, deleted_at: null } });
  });

  it('audits each created account with exactly the row stored (its after is not read back, so it must not differ)', async () => {
    const results = await importAccounts(t.ctx, [
      create('Bulk Stored', { domain: 'stored.example', segment: 'SMB', industry: 'Retail', country: 'it', employeeBand: '11-50', customerSinceDate: '2023-12-31', taxId: 'IT123', customFields: { tier: 'gold', seats: 12.5, big: 1e21, active: true, none: null, text: 'Zürich "quoted" \\ back' } }),
      create('Bulk \ud800 lone surrogate', { industry: 'Tea \udfff leaf' }),
      create('Bulk Bare'),
    ]);
    for (const { id } of results) {
      const row = await t.ctx.db.selectFrom('accounts' as never).selectAll().where('id' as never, '=', id as never).executeTakeFirstOrThrow();
      const trail = await auditTrail(t.ctx, id);
      expect(trail).toHaveLength(1);
      expect(trail[0]?.after).toEqual(JSON.parse(JSON.stringify(row)));
    }
    expect((await getAccount(t.ctx, results[1]!.id)).name).toBe('Bulk \ufffd lone surrogate');
  });

  it('writes nothing for updates that change nothing, and one audited update for a change', async () => {
    const [first] = await importAccounts(t.ctx, [create('Bulk Three', { industry: 'Retail', customFields: { kept: 'yes' } })]);
    const id = first!.id;
    const same = await importAccounts(t.ctx, [{ kind: 'update', id, changes: { name: 'Bulk Three', industry: 'Retail' }, customFieldsOverlay: { kept: 'yes' } }]);
    expect(same).toEqual([{ id, outcome: 'unchanged' }]);
    expect(await auditTrail(t.ctx, id)).toHaveLength(1);
    t.clock.advance({ minutes: 1 });
    const changed = await importAccounts(t.ctx, [{ kind: 'update', id, changes: { industry: 'Banking' }, customFieldsOverlay: { added: 3 } }]);
    expect(changed).toEqual([{ id, outcome: 'updated' }]);
    const account = await getAccount(t.ctx, id);
    expect(account).toMatchObject({ industry: 'Banking', customFields: { kept: 'yes', added: 3 }, version: 2, updatedAt: '2026-01-15T09:01:00.000Z' });
    const trail = await auditTrail(t.ctx, id);
    expect(trail.map((entry) => entry.action)).toEqual(['create', 'update']);
    expect(trail[1]).toMatchObject({ before: { industry: 'Retail', version: 1 }, after: { industry: 'Banking', version: 2 } });
  });

  it('is all or nothing: one refused item throws the field error and writes none of the batch', async () => {
    const rows = await countAccountRows(t.ctx);
    const bad = await appError(importAccounts(t.ctx, [create('Bulk Fine'), create('Bulk Bad', { country: 'XX' })]));
    expect(bad.fieldErrors).toEqual([expect.objectContaining({ field: 'body.country' })]);
    const orphan = await appError(importAccounts(t.ctx, [create('Bulk Orphan', { parentAccountId: 'acct_missing' })]));
    expect(orphan.fieldErrors).toEqual([{ field: 'body.parentAccountId', message: 'unknown account' }]);
    const missing = await appError(importAccounts(t.ctx, [{ kind: 'update', id: 'acct_missing', changes: { industry: 'x' }, customFieldsOverlay: null }]));
    expect(missing.code).toBe('not_found');
    const twin = await appError(importAccounts(t.ctx, [create('Bulk One')]));
    expect(twin.code).toBe('conflict');
    expect(await countAccountRows(t.ctx)).toBe(rows);
  });

  it('refuses a move that would close a loop in the hierarchy', async () => {
    const [top] = await importAccounts(t.ctx, [create('Bulk Top')]);
    const [child] = await importAccounts(t.ctx, [create('Bulk Child', { parentAccountId: top!.id })]);
    const loop = await appError(importAccounts(t.ctx, [{ kind: 'update', id: top!.id, changes: { parentAccountId: child!.id }, customFieldsOverlay: null }]));
    expect(loop).toMatchObject({ code: 'business_rule_violated', fieldErrors: [{ field: 'body.parentAccountId', message: 'would make the hierarchy a loop' }] });
  });
});
