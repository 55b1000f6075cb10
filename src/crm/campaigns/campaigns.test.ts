import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { auditTrailOf } from '../contacts/fixtures.ts';
import { createScopeWorld, rejectionOf } from '../contacts/test-fixtures/scope-world.ts';
import { makeCampaignInput } from './fixtures.ts';
import { createCampaign, deleteCampaign, findCampaign, getCampaign, listCampaigns, updateCampaign } from './index.ts';

describe('campaign services', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('creates, updates and soft-deletes with Money in minor units and one audit row per write', async () => {
    const created = await createCampaign(t.ctx, {
      name: 'Spring Webinar', type: 'webinar', status: 'active', startDate: '2026-03-01', endDate: '2026-03-01',
      budget: { amountMinor: 1_500_000, currency: 'jpy' }, actualCost: { amountMinor: '1250000', currency: 'JPY' },
    });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^cmp_[0-9A-Z]{26}$/), name: 'Spring Webinar', status: 'active', startDate: '2026-03-01', endDate: '2026-03-01',
      budget: { amountMinor: 1_500_000, currency: 'JPY' }, actualCost: { amountMinor: 1_250_000, currency: 'JPY' }, ownerUserId: null, version: 1,
    });
    t.clock.advance({ minutes: 1 });
    const updated = await updateCampaign(t.ctx, { id: created.id, expectedVersion: 1, changes: { actualCost: { amountMinor: '9007199254740993', currency: 'JPY' } } });
    // Beyond 2^53 the amount travels as a string, exactly.
    expect(updated.actualCost).toEqual({ amountMinor: '9007199254740993', currency: 'JPY' });
    const cleared = await updateCampaign(t.ctx, { id: created.id, expectedVersion: 2, changes: { budget: null, actualCost: null } });
    expect(cleared).toMatchObject({ budget: null, actualCost: null, version: 3 });
    await deleteCampaign(t.ctx, { id: created.id, expectedVersion: 3 });
    expect(await findCampaign(t.ctx, created.id)).toBeNull();
    const trail = await auditTrailOf(t.ctx, 'campaign', created.id);
    expect(trail.map((r) => r.action)).toEqual(['create', 'update', 'update', 'delete']);
    expect(trail[0]?.after).toMatchObject({ budget_minor: '1500000', actual_cost_minor: '1250000', currency: 'JPY' });
    expect(trail[1]?.after).toMatchObject({ actual_cost_minor: '9007199254740993' });
    expect(trail[2]?.after).toMatchObject({ budget_minor: null, actual_cost_minor: null, currency: null });
  });

  it('rejects mixed currencies, bad currencies and amounts, reversed or impossible dates, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ budget: { amountMinor: 100, currency: 'EUR' }, actualCost: { amountMinor: 5, currency: 'USD' } }, 'body.actualCost.currency'],
      [{ budget: { amountMinor: 100, currency: 'EURO' } }, 'body.budget.currency'],
      [{ budget: { amountMinor: -1, currency: 'EUR' } }, 'body.budget.amountMinor'],
      [{ budget: { amountMinor: 1.5, currency: 'EUR' } }, 'body.budget.amountMinor'],
      [{ budget: { amountMinor: '99999999999999999999', currency: 'EUR' } }, 'body.budget.amountMinor'],
      [{ startDate: '2026-03-02', endDate: '2026-03-01' }, 'body.endDate'],
      [{ startDate: '2026-02-30' }, 'body.startDate'],
      [{ type: 'billboard' }, 'body.type'],
      [{ parentCampaignId: 'cmp_missing' }, 'body.parentCampaignId'],
    ];
    for (const [override, field] of cases) {
      const error = await rejectionOf(createCampaign(t.ctx, { ...makeCampaignInput(), ...override } as never));
      expect(error.code, field).toBe('validation_failed');
      expect(error.fieldErrors?.map((f) => f.field), JSON.stringify(override)).toEqual([field]);
    }
    const campaign = await createCampaign(t.ctx, makeCampaignInput({ budget: { amountMinor: 100, currency: 'EUR' } }));
    const patch = await rejectionOf(updateCampaign(t.ctx, { id: campaign.id, expectedVersion: 1, changes: { actualCost: { amountMinor: 1, currency: 'GBP' } } }));
    expect(patch.fieldErrors?.map((f) => f.field)).toEqual(['body.actualCost.currency']);
  });

  it('keeps the hierarchy a tree and refuses to delete a parent with live sub-campaigns', async () => {
    const top = await createCampaign(t.ctx, makeCampaignInput());
    const child = await createCampaign(t.ctx, makeCampaignInput({ parentCampaignId: top.id }));
    const loop = await rejectionOf(updateCampaign(t.ctx, { id: top.id, expectedVersion: 1, changes: { parentCampaignId: child.id } }));
    expect(loop).toMatchObject({ code: 'business_rule_violated' });
    expect((await rejectionOf(deleteCampaign(t.ctx, { id: top.id, expectedVersion: 1 })))).toMatchObject({ code: 'business_rule_violated', extra: { childCount: 1 } });
    expect((await listCampaigns(t.ctx, { parentCampaignId: top.id })).data.map((c) => c.id)).toEqual([child.id]);
  });

  it('shows every campaign to a rep, who changes only the team\'s', async () => {
    const w = await createScopeWorld(t.ctx, 'campaigns');
    const theirs = await createCampaign(t.ctx, makeCampaignInput({ ownerUserId: w.users.outsider.id }));
    const ours = await createCampaign(t.ctx, makeCampaignInput({ ownerUserId: w.users.teammate.id }));
    const rep = w.as(w.users.rep);
    expect((await getCampaign(rep, theirs.id)).id).toBe(theirs.id);
    expect((await listCampaigns(rep, { limit: 500 })).data.map((c) => c.id)).toEqual(expect.arrayContaining([theirs.id, ours.id]));
    expect((await rejectionOf(updateCampaign(rep, { id: theirs.id, expectedVersion: 1, changes: { name: 'Mine' } }))).code).toBe('forbidden');
    expect((await rejectionOf(deleteCampaign(rep, { id: theirs.id, expectedVersion: 1 }))).code).toBe('forbidden');
    expect((await updateCampaign(rep, { id: ours.id, expectedVersion: 1, changes: { status: 'active' } })).status).toBe('active');
    expect((await createCampaign(rep, makeCampaignInput())).ownerUserId).toBe(w.users.rep.id);
  });
});
