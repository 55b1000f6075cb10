import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createUser } from '../identity/index.ts';
import { AppError } from '../shared/errors.ts';
import { auditTrail, countAccountRows, makeAccountInput } from './fixtures.ts';
import { createAccount, deleteAccount, findAccount, getAccount, updateAccount } from './index.ts';

/** Awaits a promise that must fail with an AppError and returns it for closer checks. */
async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => new Error('expected an AppError, but the call succeeded'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('account services', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('creates, reads, updates and soft-deletes with one exact audit row per write', async () => {
    const owner = await createUser(t.ctx, { email: 'owner@example.com', displayName: 'Owner', role: 'sales_rep', locale: 'en' });
    const created = await createAccount(t.ctx, {
      name: '  Acme GmbH ',
      domain: 'https://www.ACME.de/impressum',
      currency: 'eur',
      country: 'de',
      employeeBand: '201-1000',
      customerSinceDate: '2024-02-29',
      ownerUserId: owner.id,
      customFields: { tier: 'gold', seats: 40 },
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^acct_[0-9A-Z]{26}$/),
      name: 'Acme GmbH',
      domain: 'acme.de',
      parentAccountId: null,
      segment: null,
      industry: null,
      country: 'DE',
      employeeBand: '201-1000',
      ownerUserId: owner.id,
      currency: 'EUR',
      customerSinceDate: '2024-02-29',
      taxId: null,
      billingAddress: null,
      customFields: { tier: 'gold', seats: 40 },
      sourceSystem: null,
      externalId: null,
      createdAt: '2026-01-15T09:00:00.000Z',
      updatedAt: '2026-01-15T09:00:00.000Z',
      version: 1,
    });
    expect(await getAccount(t.ctx, created.id)).toEqual(created);

    t.clock.advance({ minutes: 5 });
    const updated = await updateAccount(t.ctx, { id: created.id, expectedVersion: 1, changes: { segment: 'enterprise', country: null } });
    expect(updated).toMatchObject({ segment: 'enterprise', country: null, version: 2, updatedAt: '2026-01-15T09:05:00.000Z' });

    t.clock.advance({ minutes: 5 });
    await deleteAccount(t.ctx, { id: created.id, expectedVersion: 2 });
    expect(await findAccount(t.ctx, created.id)).toBeNull();
    expect((await appError(getAccount(t.ctx, created.id))).code).toBe('not_found');

    const createdRow = {
      id: created.id, name: 'Acme GmbH', domain: 'acme.de', parent_account_id: null, segment: null, industry: null,
      country: 'DE', employee_band: '201-1000', owner_user_id: owner.id, currency: 'EUR', customer_since_date: '2024-02-29',
      tax_id: null, billing_address: null, custom_fields: { tier: 'gold', seats: 40 }, source_system: null, external_id: null,
      created_at: '2026-01-15T09:00:00.000Z', updated_at: '2026-01-15T09:00:00.000Z', deleted_at: null, version: 1,
    };
    const updatedRow = { ...createdRow, segment: 'enterprise', country: null, updated_at: '2026-01-15T09:05:00.000Z', version: 2 };
    const deletedRow = { ...updatedRow, updated_at: '2026-01-15T09:10:00.000Z', deleted_at: '2026-01-15T09:10:00.000Z', version: 3 };
    expect(await auditTrail(t.ctx, created.id)).toEqual([
      { action: 'create', actor_id: 'system', before: null, after: createdRow },
      { action: 'update', actor_id: 'system', before: createdRow, after: updatedRow },
      { action: 'delete', actor_id: 'system', before: updatedRow, after: deletedRow },
    ]);
  });

  it('refuses a stale version with the current one, and writes nothing', async () => {
    const account = await createAccount(t.ctx, makeAccountInput());
    await updateAccount(t.ctx, { id: account.id, expectedVersion: 1, changes: { industry: 'Retail' } });
    const error = await appError(updateAccount(t.ctx, { id: account.id, expectedVersion: 1, changes: { industry: 'Banking' } }));
    expect(error.code).toBe('version_conflict');
    expect(error.extra).toEqual({ currentVersion: 2 });
    expect((await appError(deleteAccount(t.ctx, { id: account.id, expectedVersion: 1 }))).code).toBe('version_conflict');
    expect((await getAccount(t.ctx, account.id)).industry).toBe('Retail');
    expect((await auditTrail(t.ctx, account.id)).map((row) => row.action)).toEqual(['create', 'update']);
  });

  it('treats an update that changes nothing as a no-op: same version, no audit row', async () => {
    const account = await createAccount(t.ctx, makeAccountInput({ customFields: { a: 1, b: 'x' } }));
    const same = await updateAccount(t.ctx, { id: account.id, expectedVersion: 1, changes: { name: account.name, customFields: { b: 'x', a: 1 } } });
    expect(same).toEqual(account);
    expect(await auditTrail(t.ctx, account.id)).toHaveLength(1);
  });

  it('rejects bad currency, country, date and domain with named fields before writing', async () => {
    const rowsBefore = await countAccountRows(t.ctx);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ currency: 'EURO' }, 'body.currency'],
      [{ currency: 'XXX' }, 'body.currency'],
      [{ country: 'XK' }, 'body.country'],
      [{ customerSinceDate: '2025-02-30' }, 'body.customerSinceDate'],
      [{ customerSinceDate: '2025-2-3' }, 'body.customerSinceDate'],
      [{ domain: 'not a domain' }, 'body.domain'],
      [{ employeeBand: '10-20' }, 'body.employeeBand'],
      [{ customFields: { 'Bad Key': 1 } }, 'body.customFields.Bad Key'],
    ];
    for (const [override, field] of cases) {
      const error = await appError(createAccount(t.ctx, { ...makeAccountInput(), ...override } as never));
      expect(error.code).toBe('validation_failed');
      expect(error.fieldErrors.map((f) => f.field)).toEqual([field]);
    }
    expect(await countAccountRows(t.ctx)).toBe(rowsBefore);
  });

  it('keeps the import key whole and unique', async () => {
    const half = await appError(createAccount(t.ctx, makeAccountInput({ externalId: 'sf-1' })));
    expect(half.fieldErrors).toEqual([expect.objectContaining({ field: 'body.sourceSystem' })]);
    const first = await createAccount(t.ctx, makeAccountInput({ sourceSystem: 'salesforce', externalId: '001A' }));
    const clash = await appError(createAccount(t.ctx, makeAccountInput({ sourceSystem: 'salesforce', externalId: '001A' })));
    expect(clash.code).toBe('conflict');
    expect(clash.fieldErrors).toEqual([expect.objectContaining({ field: 'body.externalId' })]);
    const clearOne = await appError(updateAccount(t.ctx, { id: first.id, expectedVersion: 1, changes: { sourceSystem: null } }));
    expect(clearOne.fieldErrors).toEqual([expect.objectContaining({ field: 'body.sourceSystem' })]);
    const other = await createAccount(t.ctx, makeAccountInput({ sourceSystem: 'hubspot', externalId: '001A' }));
    expect(other.externalId).toBe('001A');
  });

  it('names an unknown owner as a field error, not a 500', async () => {
    const error = await appError(createAccount(t.ctx, makeAccountInput({ ownerUserId: 'usr_nobody' })));
    expect(error.code).toBe('validation_failed');
    expect(error.fieldErrors).toEqual([expect.objectContaining({ field: 'body.ownerUserId' })]);
  });
});

describe('account hierarchy', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('rejects loops and self-parenting, and accepts a legal move', async () => {
    const top = await createAccount(t.ctx, makeAccountInput());
    const middle = await createAccount(t.ctx, makeAccountInput({ parentAccountId: top.id }));
    const leaf = await createAccount(t.ctx, makeAccountInput({ parentAccountId: middle.id }));
    for (const parentAccountId of [leaf.id, middle.id, top.id]) {
      const error = await appError(updateAccount(t.ctx, { id: top.id, expectedVersion: 1, changes: { parentAccountId } }));
      expect(error.code).toBe('business_rule_violated');
      expect(error.fieldErrors).toEqual([expect.objectContaining({ field: 'body.parentAccountId' })]);
    }
    const moved = await updateAccount(t.ctx, { id: leaf.id, expectedVersion: 1, changes: { parentAccountId: top.id } });
    expect(moved.parentAccountId).toBe(top.id);
    expect((await getAccount(t.ctx, top.id)).version).toBe(1);
  });

  it('refuses to delete a parent with live children, and to attach to a deleted parent', async () => {
    const parent = await createAccount(t.ctx, makeAccountInput());
    const child = await createAccount(t.ctx, makeAccountInput({ parentAccountId: parent.id }));
    const refused = await appError(deleteAccount(t.ctx, { id: parent.id, expectedVersion: 1 }));
    expect(refused.code).toBe('conflict');
    expect(refused.extra).toEqual({ blockedBy: { childAccounts: 1 } });
    await deleteAccount(t.ctx, { id: child.id, expectedVersion: 1 });
    await deleteAccount(t.ctx, { id: parent.id, expectedVersion: 1 });
    const orphan = await appError(createAccount(t.ctx, makeAccountInput({ parentAccountId: parent.id })));
    expect(orphan.code).toBe('validation_failed');
    expect(orphan.fieldErrors).toEqual([expect.objectContaining({ field: 'body.parentAccountId' })]);
  });

  it('lets only one of two crossing re-parentings win (PostgreSQL runs them concurrently)', async () => {
    for (let round = 0; round < 5; round += 1) {
      const a = await createAccount(t.ctx, makeAccountInput());
      const b = await createAccount(t.ctx, makeAccountInput());
      const results = await Promise.allSettled([
        updateAccount(t.ctx, { id: a.id, expectedVersion: 1, changes: { parentAccountId: b.id } }),
        updateAccount(t.ctx, { id: b.id, expectedVersion: 1, changes: { parentAccountId: a.id } }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const rejected = results.find((r) => r.status === 'rejected');
      expect((rejected?.reason as AppError).code).toBe('business_rule_violated');
    }
  });

  it('never leaves a live child under a parent deleted at the same moment', async () => {
    for (let round = 0; round < 5; round += 1) {
      const parent = await createAccount(t.ctx, makeAccountInput());
      const [deleted, created] = await Promise.allSettled([
        deleteAccount(t.ctx, { id: parent.id, expectedVersion: 1 }),
        createAccount(t.ctx, makeAccountInput({ parentAccountId: parent.id })),
      ]);
      // Either order is fine; both succeeding would orphan the child.
      expect([deleted.status, created.status].sort()).toEqual(['fulfilled', 'rejected']);
    }
  });
});
