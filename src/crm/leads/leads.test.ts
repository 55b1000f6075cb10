import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { makeCampaignInput } from '../campaigns/fixtures.ts';
import { createCampaign } from '../campaigns/index.ts';
import { auditTrailOf } from '../contacts/fixtures.ts';
import { createScopeWorld, rejectionOf } from '../contacts/test-fixtures/scope-world.ts';
import { makeLeadInput, statusHistoryOf } from './fixtures.ts';
import { createLead, deleteLead, getLead, listLeads, listLeadStatusHistory, updateLead } from './index.ts';

describe('lead lifecycle', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());
  const at = () => new Date(t.clock.now().epochMilliseconds).toISOString();

  it('creates in the default status, stamps each stage once, and keeps the first mql_at', async () => {
    const campaign = await createCampaign(t.ctx, makeCampaignInput());
    const lead = await createLead(t.ctx, makeLeadInput({ email: ' Grace@Navy.example ', source: 'web', campaignId: campaign.id }));
    expect(lead).toMatchObject({
      id: expect.stringMatching(/^lead_[0-9A-Z]{26}$/), email: 'grace@navy.example', status: 'new', stage: 'new', campaignId: campaign.id,
      mqlAt: null, sqlAt: null, convertedAt: null, disqualifiedAt: null, convertedAccountId: null, version: 1,
    });
    t.clock.advance({ days: 1 });
    const firstMql = at();
    const mql = await updateLead(t.ctx, { id: lead.id, expectedVersion: 1, changes: { status: 'mql' } });
    expect(mql).toMatchObject({ status: 'mql', stage: 'mql', mqlAt: firstMql });
    t.clock.advance({ days: 1 });
    await updateLead(t.ctx, { id: lead.id, expectedVersion: 2, changes: { status: 'working' } });
    t.clock.advance({ days: 1 });
    const mqlAgain = await updateLead(t.ctx, { id: lead.id, expectedVersion: 3, changes: { status: 'mql' } });
    expect(mqlAgain).toMatchObject({ stage: 'mql', mqlAt: firstMql, sqlAt: null });
    t.clock.advance({ days: 1 });
    const disqualifiedAt = at();
    await updateLead(t.ctx, { id: lead.id, expectedVersion: 4, changes: { status: 'disqualified' } });
    t.clock.advance({ days: 1 });
    // Reopened: disqualified_at stays (never cleared), the new stage gets its own stamp.
    const reopened = await updateLead(t.ctx, { id: lead.id, expectedVersion: 5, changes: { status: 'sql' } });
    expect(reopened).toMatchObject({ stage: 'sql', mqlAt: firstMql, sqlAt: at(), disqualifiedAt });
    expect((await statusHistoryOf(t.ctx, lead.id)).map((h) => [h.from_status, h.to_status])).toEqual([
      [null, 'new'], ['new', 'mql'], ['mql', 'working'], ['working', 'mql'], ['mql', 'disqualified'], ['disqualified', 'sql'],
    ]);
    expect((await listLeadStatusHistory(t.ctx, lead.id)).data[1]).toEqual({ fromStatus: 'new', toStatus: 'mql', changedAt: firstMql, actorType: 'system', actorId: 'system' });
    expect((await auditTrailOf(t.ctx, 'lead', lead.id)).map((r) => r.action)).toEqual(['create', 'update', 'update', 'update', 'update', 'update']);
  });

  it('stamps the stage of the status a lead is created in, and does not back-fill skipped stages', async () => {
    const lead = await createLead(t.ctx, makeLeadInput({ status: 'sql' }));
    expect(lead).toMatchObject({ stage: 'sql', sqlAt: at(), mqlAt: null });
  });

  it('refuses unknown statuses, and converted ones outside conversion', async () => {
    const unknown = await rejectionOf(createLead(t.ctx, makeLeadInput({ status: 'hot' })));
    expect(unknown).toMatchObject({ code: 'validation_failed', fieldErrors: [expect.objectContaining({ field: 'body.status' })] });
    expect((await rejectionOf(createLead(t.ctx, makeLeadInput({ status: 'converted' })))).code).toBe('business_rule_violated');
    const lead = await createLead(t.ctx, makeLeadInput());
    const patch = await rejectionOf(updateLead(t.ctx, { id: lead.id, expectedVersion: 1, changes: { status: 'converted' } }));
    expect(patch).toMatchObject({ code: 'business_rule_violated', fieldErrors: [expect.objectContaining({ field: 'body.status' })] });
    expect((await getLead(t.ctx, lead.id)).version).toBe(1);
  });

  it('dedupes open leads by normalized e-mail; disqualified leads do not block, reopening them does', async () => {
    const first = await createLead(t.ctx, makeLeadInput({ email: 'dupe@example.com' }));
    const clash = await rejectionOf(createLead(t.ctx, makeLeadInput({ email: 'DUPE@example.com ' })));
    expect(clash).toMatchObject({ code: 'conflict', extra: { existingLeadId: first.id }, fieldErrors: [expect.objectContaining({ field: 'body.email' })] });
    await updateLead(t.ctx, { id: first.id, expectedVersion: 1, changes: { status: 'disqualified' } });
    const second = await createLead(t.ctx, makeLeadInput({ email: 'dupe@example.com' }));
    const reopen = await rejectionOf(updateLead(t.ctx, { id: first.id, expectedVersion: 2, changes: { status: 'working' } }));
    expect(reopen).toMatchObject({ code: 'conflict', extra: { existingLeadId: second.id } });
    const other = await createLead(t.ctx, makeLeadInput());
    const moved = await rejectionOf(updateLead(t.ctx, { id: other.id, expectedVersion: 1, changes: { email: 'dupe@example.com' } }));
    expect(moved).toMatchObject({ code: 'conflict', extra: { existingLeadId: second.id } });
    // A disqualified lead may take any address; the rule is about open leads.
    expect((await createLead(t.ctx, makeLeadInput({ email: 'dupe@example.com', status: 'disqualified' }))).disqualifiedAt).toBe(at());
  });

  it('names the field for bad e-mail, country, campaign and identity, and refuses stale versions', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ email: 'grace@' }, 'body.email'],
      [{ country: 'EU' }, 'body.country'],
      [{ campaignId: 'cmp_missing' }, 'body.campaignId'],
      [{ firstName: null, lastName: null, email: null, company: null }, 'body.lastName'],
      [{ sourceSystem: 'salesforce' }, 'body.externalId'],
    ];
    for (const [override, field] of cases) {
      const error = await rejectionOf(createLead(t.ctx, { ...makeLeadInput(), ...override } as never));
      expect(error.fieldErrors?.map((f) => f.field), field).toEqual([field]);
    }
    const lead = await createLead(t.ctx, makeLeadInput());
    await updateLead(t.ctx, { id: lead.id, expectedVersion: 1, changes: { title: 'CFO' } });
    expect(await rejectionOf(updateLead(t.ctx, { id: lead.id, expectedVersion: 1, changes: { title: 'CEO' } }))).toMatchObject({ code: 'version_conflict', extra: { currentVersion: 2 } });
    await deleteLead(t.ctx, { id: lead.id, expectedVersion: 2 });
    expect((await rejectionOf(getLead(t.ctx, lead.id))).code).toBe('not_found');
  });

  it('scopes leads to the owner\'s team and filters by stage, status and search', async () => {
    const w = await createScopeWorld(t.ctx, 'leads');
    const mine = await createLead(t.ctx, makeLeadInput({ ownerUserId: w.users.teammate.id, company: 'Initech Ltd', status: 'mql' }));
    const theirs = await createLead(t.ctx, makeLeadInput({ ownerUserId: w.users.outsider.id, company: 'Initech Ltd' }));
    const rep = w.as(w.users.rep);
    expect((await listLeads(rep, { q: 'initech' })).data.map((l) => l.id)).toEqual([mine.id]);
    expect((await listLeads(t.ctx, { q: 'initech', sort: 'createdAt', order: 'asc' })).data.map((l) => l.id)).toEqual([mine.id, theirs.id]);
    expect((await listLeads(t.ctx, { q: 'initech', stage: 'mql' })).data.map((l) => l.id)).toEqual([mine.id]);
    expect((await listLeads(t.ctx, { q: 'initech', status: 'new' })).data.map((l) => l.id)).toEqual([theirs.id]);
    const unknown = await rejectionOf(listLeads(t.ctx, { status: 'qualfied' }));
    expect(unknown).toMatchObject({ code: 'validation_failed', fieldErrors: [{ field: 'querystring.status', message: 'unknown lead status' }] });
    expect((await rejectionOf(getLead(rep, theirs.id))).code).toBe('not_found');
    expect((await rejectionOf(updateLead(rep, { id: mine.id, expectedVersion: 1, changes: { ownerUserId: w.users.outsider.id } }))).code).toBe('forbidden');
    expect((await createLead(rep, makeLeadInput())).ownerUserId).toBe(w.users.rep.id);
  });
});
