import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { AppError } from '../../shared/errors.ts';
import { makeAccountInput } from '../fixtures.ts';
import { createAccount } from '../index.ts';
import { makeOpportunityInput } from './fixtures.ts';
import { createOpportunity, deleteOpportunity, listOpportunities, type ListOpportunitiesQuery, type Opportunity, type OpportunitySort } from './index.ts';

// Letters only, so JavaScript's order of lower-cased names matches PostgreSQL's lower() and collation.
const NAMES = ['alpha', 'Beta', 'gamma', 'Alpha', 'delta', 'beta'];
const DATES = ['2026-02-01', '2026-03-15', '2026-02-01', '2026-04-30'];
const AMOUNTS = [500, 1_000_000, 500, 250_000, 9_999_999];

function expectedOrder(opps: Opportunity[], sort: OpportunitySort, direction: 'asc' | 'desc'): string[] {
  const keyOf = (o: Opportunity): string | number =>
    sort === 'name' ? o.name.toLowerCase() : sort === 'closeDate' ? o.closeDate : sort === 'amount' ? Number(o.amount.amountMinor) : o.createdAt;
  const compare = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
  const sign = direction === 'asc' ? 1 : -1;
  return [...opps].sort((a, b) => sign * (compare(keyOf(a), keyOf(b)) || compare(a.id, b.id))).map((o) => o.id);
}

async function walk(t: TestContext, query: ListOpportunitiesQuery): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 50; pages += 1) {
    const page = await listOpportunities(t.ctx, { ...query, ...(cursor ? { cursor } : {}) });
    ids.push(...page.data.map((o) => o.id));
    if (page.nextCursor === null) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

async function listError(t: TestContext, query: ListOpportunitiesQuery): Promise<string[]> {
  const error: unknown = await listOpportunities(t.ctx, query).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).fieldErrors.map((f) => f.field);
}

describe('listOpportunities', () => {
  let t: TestContext;
  const live: Opportunity[] = [];
  let otherAccountId = '';
  beforeAll(async () => {
    t = await createTestContext();
    const accountId = (await createAccount(t.ctx, makeAccountInput())).id;
    otherAccountId = (await createAccount(t.ctx, makeAccountInput())).id;
    for (let i = 0; i < 15; i += 1) {
      if (i % 3 === 0) t.clock.advance({ seconds: 1 });
      live.push(await createOpportunity(t.ctx, makeOpportunityInput(i === 14 ? otherAccountId : accountId, {
        name: NAMES[i % NAMES.length] ?? 'x',
        closeDate: DATES[i % DATES.length] ?? '2026-01-01',
        amount: { amountMinor: AMOUNTS[i % AMOUNTS.length] ?? 0, currency: 'EUR' },
        type: i % 2 === 0 ? 'new' : 'expansion',
        stage: i % 5 === 0 ? 'closed_won' : i % 7 === 0 ? 'closed_lost' : 'proposal',
        ...(i % 7 === 0 && i % 5 !== 0 ? { lostReason: 'Timing' } : {}),
      })));
    }
    const gone = await createOpportunity(t.ctx, makeOpportunityInput(accountId, { name: 'alpha' }));
    await deleteOpportunity(t.ctx, { id: gone.id, expectedVersion: 1 });
    await createOpportunity(t.ctx, makeOpportunityInput(accountId, { name: 'dollar', amount: { amountMinor: 700, currency: 'USD' } }));
  });
  afterAll(() => t.close());

  for (const sort of ['name', 'closeDate', 'amount', 'createdAt'] as const) {
    for (const order of ['asc', 'desc'] as const) {
      it(`walks every live EUR row once by ${sort} ${order}, ties broken by id`, async () => {
        expect(await walk(t, { sort, order, currency: 'EUR', limit: 4 })).toEqual(expectedOrder(live, sort, order));
      });
    }
  }

  it('filters by account, type, stage, status, close date range, amount range and name', async () => {
    const ids = async (query: ListOpportunitiesQuery) => (await walk(t, { ...query, currency: 'EUR', limit: 100 })).sort();
    const expectIds = (predicate: (o: Opportunity) => boolean) => live.filter(predicate).map((o) => o.id).sort();
    expect(await ids({ accountId: otherAccountId })).toEqual(expectIds((o) => o.accountId === otherAccountId));
    expect(await ids({ type: 'expansion' })).toEqual(expectIds((o) => o.type === 'expansion'));
    expect(await ids({ stage: 'closed_lost' })).toEqual(expectIds((o) => o.stage === 'closed_lost'));
    expect(await ids({ status: 'won' })).toEqual(expectIds((o) => o.status === 'won'));
    expect(await ids({ status: 'lost' })).toEqual(expectIds((o) => o.status === 'lost'));
    expect(await ids({ status: 'open' })).toEqual(expectIds((o) => o.status === 'open'));
    expect(await ids({ closeDateFrom: '2026-02-01', closeDateBefore: '2026-04-30' })).toEqual(expectIds((o) => o.closeDate >= '2026-02-01' && o.closeDate < '2026-04-30'));
    expect(await ids({ amountMinorMin: 500, amountMinorMax: 250_000 })).toEqual(expectIds((o) => Number(o.amount.amountMinor) >= 500 && Number(o.amount.amountMinor) <= 250_000));
    expect(await ids({ q: 'ALP' })).toEqual(expectIds((o) => o.name.toLowerCase().includes('alp')));
    expect((await listOpportunities(t.ctx, { limit: 100 })).data).toHaveLength(live.length + 1);
  });

  it('needs a currency to compare amounts, and refuses a cursor from another sort', async () => {
    expect(await listError(t, { sort: 'amount' })).toEqual(['querystring.currency']);
    expect(await listError(t, { amountMinorMin: 1 })).toEqual(['querystring.currency']);
    const nameCursor = (await listOpportunities(t.ctx, { sort: 'name', limit: 1 })).nextCursor ?? '';
    expect(await listError(t, { sort: 'closeDate', cursor: nameCursor })).toEqual(['querystring.cursor']);
    expect(await listError(t, { status: 'closed' as never })).toEqual(['querystring.status']);
  });
});
