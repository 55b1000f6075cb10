import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createAccount, deleteAccount, getAccount, updateAccount, type Account } from '../crm/index.ts';
import { AppError } from '../shared/errors.ts';
import { insertOpportunity, insertRow } from './fixtures.ts';
import { mergeAccounts, resolveAccountId, resolveMergedIds, unmergeRecords } from './index.ts';

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const byHand = { scoreBps: 10_000, reasons: [] };

describe('mergeAccounts and unmergeRecords', () => {
  let t: TestContext;
  const account = (name: string, extra: Partial<Parameters<typeof createAccount>[1]> = {}) => createAccount(t.ctx, { name, currency: 'EUR', ...extra });
  const parentOf = async (id: string) => (await getAccount(t.ctx, id)).parentAccountId;
  const auditCount = async () => Number((await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('refuses a merge that would make the hierarchy a loop, and changes nothing', async () => {
    // merged ← child ← survivor: moving the child under the survivor would close the loop.
    const merged = await account('Loop Top');
    const child = await account('Loop Middle', { parentAccountId: merged.id });
    const survivor = await account('Loop Bottom', { parentAccountId: child.id });
    const audits = await auditCount();
    const error = await appError(mergeAccounts(t.ctx, { survivorId: survivor.id, mergedId: merged.id, ...byHand }));
    expect(error.code).toBe('business_rule_violated');
    expect(error.extra).toEqual({ accountIds: [survivor.id, merged.id] });
    expect(await parentOf(child.id)).toBe(merged.id);
    expect((await getAccount(t.ctx, merged.id)).version).toBe(1);
    expect(await auditCount()).toBe(audits);
  });

  it('clears the survivor’s parent when it was the merged account, and restores it on unmerge', async () => {
    const parent = await account('Parent Co');
    const survivor = await account('Child Co', { parentAccountId: parent.id });
    const merge = await mergeAccounts(t.ctx, { survivorId: survivor.id, mergedId: parent.id, ...byHand });
    expect(merge.movedRowCount).toBe(1);
    expect(await parentOf(survivor.id)).toBeNull();
    await unmergeRecords(t.ctx, 'account', merge.id);
    expect(await parentOf(survivor.id)).toBe(parent.id);
  });

  it('leaves rows and fields changed since the merge as they are, and reports the rows', async () => {
    const survivor = await account('Keep Co');
    const merged = await account('Keep Co Two', { segment: 'enterprise', industry: 'Energy', employeeBand: '11-50', customerSinceDate: '2024-02-29', billingAddress: 'Keep Street 2\nKeeptown' });
    const elsewhere = await account('Elsewhere');
    const moved = await insertOpportunity(t.ctx, { accountId: merged.id });
    const stays = await insertOpportunity(t.ctx, { accountId: merged.id });
    const merge = await mergeAccounts(t.ctx, { survivorId: survivor.id, mergedId: merged.id, ...byHand });
    expect(merge.filledFields).toEqual(['segment', 'industry', 'employee_band', 'customer_since_date', 'billing_address']);
    expect(await getAccount(t.ctx, survivor.id)).toMatchObject({ employeeBand: '11-50', customerSinceDate: '2024-02-29', billingAddress: 'Keep Street 2\nKeeptown' });
    await sql`update opportunities set account_id = ${elsewhere.id} where id = ${stays}`.execute(t.ctx.db);
    const current = await getAccount(t.ctx, survivor.id);
    await updateAccount(t.ctx, { id: survivor.id, expectedVersion: current.version, changes: { segment: 'smb' } });
    const undone = await unmergeRecords(t.ctx, 'account', merge.id);
    expect(undone.notRestoredRows).toEqual([{ table: 'opportunities', column: 'account_id', rowKey: { id: stays } }]);
    const owners = await sql<{ id: string; account_id: string }>`select id, account_id from opportunities where id in (${moved}, ${stays}) order by id`.execute(t.ctx.db);
    expect(owners.rows).toEqual([{ id: moved, account_id: merged.id }, { id: stays, account_id: elsewhere.id }].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await getAccount(t.ctx, survivor.id)).toMatchObject({ segment: 'smb', industry: null, employeeBand: null, customerSinceDate: null, billingAddress: null });
    expect(await getAccount(t.ctx, merged.id)).toMatchObject({ segment: 'enterprise', industry: 'Energy' });
  });

  it('undoes chains newest first: a survivor merged away since must come back first', async () => {
    const a = await account('Chain A');
    const b = await account('Chain B');
    const c = await account('Chain C');
    const first = await mergeAccounts(t.ctx, { survivorId: a.id, mergedId: b.id, ...byHand });
    const second = await mergeAccounts(t.ctx, { survivorId: c.id, mergedId: a.id, ...byHand });
    expect(await resolveAccountId(t.ctx, b.id)).toBe(c.id);
    expect(await resolveMergedIds(t.ctx, 'account', [a.id, b.id, c.id, b.id])).toEqual(new Map([[a.id, c.id], [b.id, c.id]]));
    expect(await resolveMergedIds(t.ctx, 'contact', [a.id])).toEqual(new Map());
    expect(await resolveMergedIds(t.ctx, 'account', [])).toEqual(new Map());
    expect((await appError(unmergeRecords(t.ctx, 'account', first.id))).code).toBe('conflict');
    await unmergeRecords(t.ctx, 'account', second.id);
    await unmergeRecords(t.ctx, 'account', first.id);
    expect(await resolveAccountId(t.ctx, b.id)).toBe(b.id);
    expect((await appError(unmergeRecords(t.ctx, 'account', first.id))).code).toBe('conflict');
    expect((await appError(unmergeRecords(t.ctx, 'contact', first.id))).code).toBe('not_found');
  });

  it('refuses to merge an account into itself or into a missing or deleted one', async () => {
    const live: Account = await account('Lonely');
    expect((await appError(mergeAccounts(t.ctx, { survivorId: live.id, mergedId: live.id, ...byHand }))).code).toBe('business_rule_violated');
    expect((await appError(mergeAccounts(t.ctx, { survivorId: live.id, mergedId: 'acct_missing', ...byHand }))).code).toBe('not_found');
    const gone = await account('Gone');
    await deleteAccount(t.ctx, { id: gone.id, expectedVersion: 1 });
    expect((await appError(mergeAccounts(t.ctx, { survivorId: gone.id, mergedId: live.id, ...byHand }))).extra).toEqual({ entity: 'account', id: gone.id });
  });

  it('keeps every row that cannot move on the merged account, so the merge still succeeds', async () => {
    const survivor = await account('Seats One');
    const merged = await account('Seats Two');
    const seats = (accountId: string, activeUsers: number) => ({ account_id: accountId, as_of_date: '2026-01-01', licensed_seats: 10, active_users: activeUsers, updated_at: new Date() });
    await insertRow(t.ctx, 'account_seats', seats(survivor.id, 3));
    await insertRow(t.ctx, 'account_seats', seats(merged.id, 4));
    const merge = await mergeAccounts(t.ctx, { survivorId: survivor.id, mergedId: merged.id, ...byHand });
    expect(merge.keptRows).toEqual([{ table: 'account_seats', column: 'account_id', rowKey: { account_id: merged.id, as_of_date: '2026-01-01' } }]);
    expect(merge.movedRowCount).toBe(0);
  });
});
