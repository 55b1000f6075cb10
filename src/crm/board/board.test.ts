import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createUser } from '../../identity/index.ts';
import { makeAccountInput } from '../fixtures.ts';
import { createAccount, createLead, createOpportunity, changeOpportunityStage, convertLead, updateLead } from '../index.ts';
import { makeLeadInput } from '../leads/fixtures.ts';
import { makeOpportunityInput } from '../opportunities/fixtures.ts';
import { expectProblem } from '../opportunities/test-fixtures/revenue-test-app.ts';

describe('pipeline board and lead funnel routes', () => {
  let t: TestApp;
  let accountId = '';
  let ownerId = '';
  beforeAll(async () => {
    t = await createTestApp();
    ownerId = (await createUser(t.ctx, { email: 'ada@example.com', displayName: 'Ada Owner', role: 'sales_rep', locale: 'en' })).id;
    accountId = (await createAccount(t.ctx, makeAccountInput({ name: 'Acme Board' }))).id;
    const deal = (overrides: object) => createOpportunity(t.ctx, makeOpportunityInput(accountId, { ownerUserId: ownerId, ...overrides }));
    await deal({ name: 'Alpha', amount: { amountMinor: 150_00, currency: 'EUR' }, closeDate: '2026-02-10' });
    await deal({ name: 'Beta', amount: { amountMinor: 250_00, currency: 'EUR' }, closeDate: '2026-02-01' });
    await deal({ name: 'Gamma', amount: { amountMinor: '9007199254740993', currency: 'USD' }, closeDate: '2026-05-01', type: 'renewal' });
    const moved = await deal({ name: 'Delta', amount: { amountMinor: 99_00, currency: 'EUR' }, closeDate: '2026-02-20' });
    await changeOpportunityStage(t.ctx, { id: moved.id, expectedVersion: 1, stage: 'proposal' });
  });
  afterAll(() => t.close());

  it('sums each stage per currency, never across currencies, exactly beyond 2^53, under the filters', async () => {
    const summary = await t.request('viewer', { method: 'GET', url: '/api/v1/pipeline-board/summary' });
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json()).toEqual({
      data: [
        { stage: 'proposal', count: 1, totals: [{ amountMinor: 9900, currency: 'EUR' }] },
        { stage: 'prospecting', count: 3, totals: [{ amountMinor: 40000, currency: 'EUR' }, { amountMinor: '9007199254740993', currency: 'USD' }] },
      ],
    });
    const filtered = await t.request('viewer', { method: 'GET', url: '/api/v1/pipeline-board/summary?closeDateFrom=2026-02-05&closeDateBefore=2026-03-01&q=a' });
    expect(filtered.json()).toEqual({
      data: [
        { stage: 'proposal', count: 1, totals: [{ amountMinor: 9900, currency: 'EUR' }] },
        { stage: 'prospecting', count: 1, totals: [{ amountMinor: 15000, currency: 'EUR' }] },
      ],
    });
    expect((await t.request('viewer', { method: 'GET', url: '/api/v1/pipeline-board/summary?type=renewal' })).json()).toEqual({
      data: [{ stage: 'prospecting', count: 1, totals: [{ amountMinor: '9007199254740993', currency: 'USD' }] }],
    });
    // A sales rep key without a team owns nothing and sees nothing.
    expect((await t.request('sales_rep', { method: 'GET', url: '/api/v1/pipeline-board/summary' })).json()).toEqual({ data: [] });
    expectProblem(await t.request('viewer', { method: 'GET', url: '/api/v1/pipeline-board/summary?closeDateFrom=soon' }), 400, 'validation_failed');
  });

  it('pages one column soonest close first, with account and owner names', async () => {
    const first = await t.request('viewer', { method: 'GET', url: '/api/v1/pipeline-board/cards?stage=prospecting&limit=2&sort=closeDate' });
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json() as { data: Array<{ id: string; name: string; accountName: string; ownerName: string }>; nextCursor: string };
    expect(page.data.map((c) => [c.name, c.accountName, c.ownerName])).toEqual([['Beta', 'Acme Board', 'Ada Owner'], ['Alpha', 'Acme Board', 'Ada Owner']]);
    const second = (await t.request('viewer', { method: 'GET', url: `/api/v1/pipeline-board/cards?stage=prospecting&limit=2&sort=closeDate&cursor=${page.nextCursor}` })).json() as typeof page;
    expect(second.data.map((c) => c.name)).toEqual(['Gamma']);
    expect(second.nextCursor).toBeNull();
    expectProblem(await t.request('viewer', { method: 'GET', url: '/api/v1/pipeline-board/cards?sort=amount' }), 400, 'validation_failed');
    const one = await t.request('viewer', { method: 'GET', url: `/api/v1/pipeline-board/cards/${page.data[0]?.id ?? ''}` });
    expect(one.json()).toMatchObject({ name: 'Beta', accountName: 'Acme Board', ownerName: 'Ada Owner' });
    expectProblem(await t.request('viewer', { method: 'GET', url: '/api/v1/pipeline-board/cards/opp_missing' }), 404, 'not_found');
  });

  it('lists owner options and counts the lead funnel cumulatively', async () => {
    const owners = (await t.request('viewer', { method: 'GET', url: '/api/v1/pipeline-board/owners' })).json() as { data: Array<{ displayName: string }> };
    expect(owners.data.map((o) => o.displayName)).toContain('Ada Owner');
    await createLead(t.ctx, makeLeadInput());
    const mql = await createLead(t.ctx, makeLeadInput({ status: 'mql' }));
    await updateLead(t.ctx, { id: mql.id, expectedVersion: mql.version, changes: { status: 'sql' } });
    const converted = await createLead(t.ctx, makeLeadInput());
    const result = await convertLead(t.ctx, {
      id: converted.id,
      input: { accountId, createOpportunity: { name: 'From lead', amount: { amountMinor: 100, currency: 'EUR' }, closeDate: '2026-04-01' } },
    });
    const opportunityId = result.opportunityId ?? '';
    await changeOpportunityStage(t.ctx, { id: opportunityId, expectedVersion: 1, stage: 'closed_won' });
    const funnel = await t.request('viewer', { method: 'GET', url: '/api/v1/lead-funnel' });
    expect(funnel.statusCode, funnel.body).toBe(200);
    expect(funnel.json()).toEqual({ leads: 3, mqls: 2, sqls: 2, opportunities: 1, won: 1 });
    expect((await t.request('viewer', { method: 'GET', url: '/api/v1/lead-funnel?createdFrom=2030-01-01T00:00:00Z' })).json()).toEqual({ leads: 0, mqls: 0, sqls: 0, opportunities: 0, won: 0 });
  });
});
