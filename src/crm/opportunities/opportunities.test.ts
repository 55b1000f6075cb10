import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { createUser } from '../../identity/index.ts';
import { AppError } from '../../shared/errors.ts';
import { makeAccountInput } from '../fixtures.ts';
import { makeCampaignInput } from '../campaigns/fixtures.ts';
import { createCampaign } from '../campaigns/index.ts';
import { createAccount } from '../index.ts';
import { auditTrailOf, makeOpportunityInput } from './fixtures.ts';
import { createOpportunity, deleteOpportunity, findOpportunity, getOpportunity, updateOpportunity } from './index.ts';

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('opportunity services', () => {
  let t: TestContext;
  let accountId = '';
  beforeAll(async () => {
    t = await createTestContext();
    accountId = (await createAccount(t.ctx, makeAccountInput())).id;
  });
  afterAll(() => t.close());

  it('creates with stage defaults, updates and soft-deletes with one audit row per write', async () => {
    const owner = await createUser(t.ctx, { email: 'ae@example.com', displayName: 'AE', role: 'sales_rep', locale: 'en' });
    const campaign = await createCampaign(t.ctx, makeCampaignInput());
    const created = await createOpportunity(t.ctx, {
      accountId, name: ' Globex renewal ', type: 'renewal', amount: { amountMinor: '4200000', currency: 'usd' }, closeDate: '2026-06-30',
      ownerUserId: owner.id, source: 'outbound', campaignId: campaign.id,
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^opp_[0-9A-Z]{26}$/), accountId, name: 'Globex renewal', type: 'renewal',
      amount: { amountMinor: 4_200_000, currency: 'USD' }, stage: 'prospecting', probabilityBps: 1000, closeDate: '2026-06-30',
      ownerUserId: owner.id, source: 'outbound', campaignId: campaign.id, forecastCategory: 'pipeline', lostReason: null,
      status: 'open', won: false, closedAt: null, customFields: {}, sourceSystem: null, externalId: null,
      createdAt: '2026-01-15T09:00:00.000Z', updatedAt: '2026-01-15T09:00:00.000Z', version: 1,
    });
    expect(await getOpportunity(t.ctx, created.id)).toEqual(created);

    t.clock.advance({ minutes: 1 });
    const updated = await updateOpportunity(t.ctx, { id: created.id, expectedVersion: 1, changes: { probabilityBps: 1500, closeDate: '2026-07-15' } });
    expect(updated).toMatchObject({ probabilityBps: 1500, closeDate: '2026-07-15', stage: 'prospecting', version: 2, updatedAt: '2026-01-15T09:01:00.000Z' });
    const same = await updateOpportunity(t.ctx, { id: created.id, expectedVersion: 2, changes: { name: 'Globex renewal', closeDate: '2026-07-15' } });
    expect(same.version).toBe(2);

    t.clock.advance({ minutes: 1 });
    await deleteOpportunity(t.ctx, { id: created.id, expectedVersion: 2 });
    expect(await findOpportunity(t.ctx, created.id)).toBeNull();
    const trail = await auditTrailOf(t.ctx, 'opportunity', created.id);
    expect(trail.map((row) => [row.action, row.actor_id])).toEqual([['create', 'system'], ['update', 'system'], ['delete', 'system']]);
    expect(trail[1]?.before).toMatchObject({ probability_bps: 1000, close_date: '2026-06-30', amount_minor: '4200000' });
    expect(trail[1]?.after).toMatchObject({ probability_bps: 1500, close_date: '2026-07-15', version: 2 });
    expect(trail[2]?.after).toMatchObject({ deleted_at: '2026-01-15T09:02:00.000Z', version: 3 });
  });

  it('refuses a stale version with the current one', async () => {
    const opportunity = await createOpportunity(t.ctx, makeOpportunityInput(accountId));
    await updateOpportunity(t.ctx, { id: opportunity.id, expectedVersion: 1, changes: { name: 'Renamed' } });
    const error = await appError(updateOpportunity(t.ctx, { id: opportunity.id, expectedVersion: 1, changes: { name: 'Other' } }));
    expect(error.code).toBe('version_conflict');
    expect(error.extra).toEqual({ currentVersion: 2 });
  });

  it('answers an unknown stage, spelt as a key or as a label, with the stages the pipeline has', async () => {
    for (const stage of ['no_such_stage', 'Proof of Concept']) {
      const error = await appError(createOpportunity(t.ctx, { ...makeOpportunityInput(accountId), stage }));
      expect(error.code).toBe('validation_failed');
      expect(error.fieldErrors).toEqual([{ field: 'body.stage', message: expect.stringMatching(/^unknown stage; the stages are prospecting, qualification, .*closed_won, closed_lost$/) }]);
      expect(error.message).toContain(`There is no pipeline stage ${JSON.stringify(stage)}`);
    }
  });

  it('names each invalid field instead of writing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ amount: { amountMinor: 1, currency: 'EURO' } }, 'body.amount.currency'],
      [{ amount: { amountMinor: -5, currency: 'EUR' } }, 'body.amount.amountMinor'],
      [{ amount: { amountMinor: 1.5, currency: 'EUR' } }, 'body.amount.amountMinor'],
      [{ closeDate: '2026-02-30' }, 'body.closeDate'],
      [{ type: 'upsell' }, 'body.type'],
      [{ stage: 'no_such_stage' }, 'body.stage'],
      [{ probabilityBps: 10_001 }, 'body.probabilityBps'],
      [{ accountId: 'acct_missing' }, 'body.accountId'],
      [{ ownerUserId: 'usr_nobody' }, 'body.ownerUserId'],
      [{ externalId: 'sf-1' }, 'body.sourceSystem'],
      [{ stage: 'closed_won', probabilityBps: 5000 }, 'body.probabilityBps'],
      [{ stage: 'proposal', forecastCategory: 'closed' }, 'body.forecastCategory'],
      [{ stage: 'proposal', closedAt: '2026-01-01T00:00:00Z' }, 'body.closedAt'],
      [{ stage: 'closed_won', closedAt: '2027-01-01T00:00:00Z' }, 'body.closedAt'],
      [{ unknown: 1 }, 'body'],
    ];
    for (const [override, field] of cases) {
      const error = await appError(createOpportunity(t.ctx, { ...makeOpportunityInput(accountId), ...override } as never));
      expect(error.code, JSON.stringify(override)).toBe('validation_failed');
      expect(error.fieldErrors.map((f) => f.field), JSON.stringify(override)).toEqual([field]);
    }
  });

  it('keeps the import key unique and accepts an imported close time', async () => {
    const imported = await createOpportunity(t.ctx, makeOpportunityInput(accountId, {
      sourceSystem: 'salesforce', externalId: '006A', stage: 'closed_won', closedAt: '2025-11-30T17:00:00Z',
    }));
    expect(imported).toMatchObject({ status: 'won', won: true, probabilityBps: 10_000, forecastCategory: 'closed', closedAt: '2025-11-30T17:00:00.000Z' });
    const clash = await appError(createOpportunity(t.ctx, makeOpportunityInput(accountId, { sourceSystem: 'salesforce', externalId: '006A' })));
    expect(clash.code).toBe('conflict');
    expect(clash.fieldErrors).toEqual([expect.objectContaining({ field: 'body.externalId' })]);
  });
});

describe('opportunity links checked before the foreign keys of migration 202611230120', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('refuses an unknown or deleted campaign with a field error, on create and update', async () => {
    const accountId = (await createAccount(t.ctx, makeAccountInput())).id;
    const missing = await appError(createOpportunity(t.ctx, makeOpportunityInput(accountId, { campaignId: 'cmp_missing' })));
    expect(missing).toMatchObject({ code: 'validation_failed', fieldErrors: [{ field: 'body.campaignId', message: 'unknown campaign' }] });
    const opportunity = await createOpportunity(t.ctx, makeOpportunityInput(accountId));
    const changed = await appError(updateOpportunity(t.ctx, { id: opportunity.id, expectedVersion: 1, changes: { campaignId: 'cmp_missing' } }));
    expect(changed.fieldErrors).toEqual([{ field: 'body.campaignId', message: 'unknown campaign' }]);
  });

  it('has the keys in the database as a backstop', async () => {
    const keys = await sql<{ name: string }>`
      select conname::text as name from pg_constraint
      where conname in ('activities_opportunity_id_fkey', 'leads_converted_opportunity_id_fkey', 'opportunities_campaign_id_fkey')
      order by 1`.execute(t.ctx.db);
    expect(keys.rows.map((row) => row.name)).toEqual(['activities_opportunity_id_fkey', 'leads_converted_opportunity_id_fkey', 'opportunities_campaign_id_fkey']);
    await expect(sql`update opportunities set campaign_id = 'cmp_missing'`.execute(t.ctx.db)).rejects.toMatchObject({ code: '23503' });
  });
});
