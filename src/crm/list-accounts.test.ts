import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createUser } from '../identity/index.ts';
import { AppError } from '../shared/errors.ts';
import { encodeCursor } from '../shared/http/pagination.ts';
import { makeAccountInput } from './fixtures.ts';
import { createAccount, deleteAccount, listAccounts, updateAccount, type Account, type AccountSort, type ListAccountsQuery } from './index.ts';

// Letters only: JavaScript's toLowerCase and string order then agree with PostgreSQL's lower() and
// collation, so the expected order can be computed here independently of the SQL under test.
const NAMES = ['alpha', 'Alpha', 'ALPHA', 'beta', 'Beta', 'gamma'];

function expectedOrder(accounts: Account[], sort: AccountSort, direction: 'asc' | 'desc'): string[] {
  const keyOf = (a: Account) => (sort === 'name' ? a.name.toLowerCase() : sort === 'createdAt' ? a.createdAt : a.updatedAt);
  const sign = direction === 'asc' ? 1 : -1;
  const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return [...accounts].sort((a, b) => sign * (compare(keyOf(a), keyOf(b)) || compare(a.id, b.id))).map((a) => a.id);
}

async function walkPages(t: TestContext, query: ListAccountsQuery): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages += 1) {
    const page = await listAccounts(t.ctx, { ...query, ...(cursor ? { cursor } : {}) });
    ids.push(...page.data.map((a) => a.id));
    if (page.nextCursor === null) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

async function listError(t: TestContext, query: ListAccountsQuery): Promise<AppError> {
  const error: unknown = await listAccounts(t.ctx, query).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('listAccounts', () => {
  let t: TestContext;
  let live: Account[] = [];
  beforeAll(async () => {
    t = await createTestContext();
    for (let i = 0; i < 24; i += 1) {
      // Three accounts per second: created_at ties in every group of three.
      if (i % 3 === 0) t.clock.advance({ seconds: 1 });
      live.push(await createAccount(t.ctx, makeAccountInput({ name: NAMES[i % NAMES.length] ?? 'x' })));
    }
    t.clock.advance({ seconds: 1 });
    // Six updates in one second: updated_at ties too.
    for (const [i, account] of live.entries()) {
      if (i % 4 === 0) live[i] = await updateAccount(t.ctx, { id: account.id, expectedVersion: 1, changes: { industry: 'Retail' } });
    }
    const gone = await createAccount(t.ctx, makeAccountInput({ name: 'alpha' }));
    await deleteAccount(t.ctx, { id: gone.id, expectedVersion: 1 });
  });
  afterAll(() => t.close());

  for (const sort of ['name', 'createdAt', 'updatedAt'] as const) {
    for (const order of ['asc', 'desc'] as const) {
      it(`walks every live row exactly once by ${sort} ${order}, ties broken by id`, async () => {
        const ids = await walkPages(t, { sort, order, limit: 5 });
        expect(ids).toEqual(expectedOrder(live, sort, order));
      });
    }
  }

  it('defaults to newest first, and to A–Z when sorting by name', async () => {
    expect(await walkPages(t, { limit: 7 })).toEqual(expectedOrder(live, 'createdAt', 'desc'));
    expect(await walkPages(t, { sort: 'name', limit: 7 })).toEqual(expectedOrder(live, 'name', 'asc'));
  });

  it('rejects a tampered cursor and a cursor from another sort', async () => {
    expect((await listError(t, { cursor: 'not-a-cursor' })).fieldErrors).toEqual([expect.objectContaining({ field: 'querystring.cursor' })]);
    const nameCursor = (await listAccounts(t.ctx, { sort: 'name', limit: 2 })).nextCursor ?? '';
    expect((await listError(t, { sort: 'createdAt', cursor: nameCursor })).fieldErrors).toEqual([expect.objectContaining({ field: 'querystring.cursor' })]);
    const badDate = encodeCursor({ sortValue: '2026-13-45T00:00:00.000Z', id: 'acct_x' });
    expect((await listError(t, { sort: 'updatedAt', cursor: badDate })).code).toBe('validation_failed');
  });

  it('rejects unknown filters instead of ignoring them', async () => {
    const error = await listError(t, { owner: 'usr_x' } as never);
    expect(error.code).toBe('validation_failed');
    expect(JSON.stringify(error.fieldErrors)).toContain('owner');
  });
});

describe('listAccounts filters', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('searches name and domain case-insensitively, with % and _ taken literally', async () => {
    const byName = await createAccount(t.ctx, makeAccountInput({ name: 'ACME Holdings' }));
    const byDomain = await createAccount(t.ctx, makeAccountInput({ name: 'Road Runner', domain: 'acme-tools.io' }));
    const percent = await createAccount(t.ctx, makeAccountInput({ name: '100% Juice' }));
    await createAccount(t.ctx, makeAccountInput({ name: 'Initech', domain: 'initech.com' }));
    const ids = async (q: string) => (await listAccounts(t.ctx, { q, sort: 'name' })).data.map((a) => a.id);
    expect(await ids('acme')).toEqual([byName.id, byDomain.id]);
    expect(await ids('%')).toEqual([percent.id]);
    expect(await ids('_')).toEqual([]);
  });

  it('filters by owner, segment, country and parent', async () => {
    const owner = await createUser(t.ctx, { email: 'f@example.com', displayName: 'F', role: 'sales_rep', locale: 'en' });
    const parent = await createAccount(t.ctx, makeAccountInput({ segment: 'enterprise', country: 'FR' }));
    t.clock.advance({ seconds: 1 });
    const child = await createAccount(t.ctx, makeAccountInput({ parentAccountId: parent.id, ownerUserId: owner.id, country: 'fr' }));
    const only = async (query: ListAccountsQuery) => (await listAccounts(t.ctx, query)).data.map((a) => a.id);
    expect(await only({ ownerUserId: owner.id })).toEqual([child.id]);
    expect(await only({ segment: 'enterprise' })).toEqual([parent.id]);
    expect(await only({ country: 'fr', order: 'asc' })).toEqual([parent.id, child.id]);
    expect(await only({ country: 'DE' })).toEqual([]);
    expect(await only({ parentAccountId: parent.id })).toEqual([child.id]);
  });
});
