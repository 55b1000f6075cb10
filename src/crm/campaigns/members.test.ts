import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { auditTrailOf } from '../contacts/fixtures.ts';
import { makeContactInput } from '../contacts/fixtures.ts';
import { createContact, type Contact } from '../contacts/index.ts';
import { createScopeWorld, rejectionOf } from '../contacts/test-fixtures/scope-world.ts';
import { makeLeadInput } from '../leads/fixtures.ts';
import { createLead, type Lead } from '../leads/index.ts';
import { makeCampaignInput } from './fixtures.ts';
import { addCampaignMember, createCampaign, listCampaignMembers, removeCampaignMember, updateCampaignMember, type Campaign } from './index.ts';

describe('campaign members', () => {
  let t: TestContext;
  let campaign: Campaign;
  let lead: Lead;
  let contact: Contact;
  beforeAll(async () => {
    t = await createTestContext();
    campaign = await createCampaign(t.ctx, makeCampaignInput());
    lead = await createLead(t.ctx, makeLeadInput());
    contact = await createContact(t.ctx, makeContactInput());
  });
  afterAll(() => t.close());

  it('adds a lead and a contact once each, with a 409 naming a repeat', async () => {
    const byLead = await addCampaignMember(t.ctx, { campaignId: campaign.id, input: { leadId: lead.id, status: 'sent' } });
    expect(byLead).toMatchObject({ memberId: lead.id, memberType: 'lead', leadId: lead.id, contactId: null, status: 'sent', firstRespondedAt: null, version: 1 });
    const byContact = await addCampaignMember(t.ctx, { campaignId: campaign.id, input: { contactId: contact.id } });
    expect(byContact).toMatchObject({ memberId: contact.id, memberType: 'contact', status: 'planned' });
    const again = await rejectionOf(addCampaignMember(t.ctx, { campaignId: campaign.id, input: { leadId: lead.id } }));
    expect(again).toMatchObject({ code: 'conflict', extra: { memberId: lead.id } });
    expect(again.fieldErrors?.map((f) => f.field)).toEqual(['body.leadId']);
    expect((await auditTrailOf(t.ctx, 'campaign_member', `${campaign.id}:${lead.id}`)).map((r) => r.action)).toEqual(['create']);
  });

  it('requires exactly one of lead and contact, in the API and in the table', async () => {
    for (const input of [{}, { leadId: lead.id, contactId: contact.id }]) {
      const error = await rejectionOf(addCampaignMember(t.ctx, { campaignId: campaign.id, input }));
      expect(error.fieldErrors?.map((f) => f.field)).toEqual(['body.leadId']);
    }
    const other = await createCampaign(t.ctx, makeCampaignInput());
    const insert = (leadId: string | null, contactId: string | null) =>
      sql`insert into campaign_members (campaign_id, lead_id, contact_id, status, created_at, updated_at)
          values (${other.id}, ${leadId}, ${contactId}, 'sent', now(), now())`.execute(t.ctx.db);
    expect(await rejectionOf(insert(lead.id, contact.id))).toMatchObject({ code: '23514', constraint: 'campaign_members_exactly_one' });
    expect(await rejectionOf(insert(null, null))).toMatchObject({ code: expect.stringMatching(/^(23514|23502)$/) });
    await insert(lead.id, null);
    expect(await rejectionOf(insert(lead.id, null))).toMatchObject({ code: '23505', constraint: 'campaign_members_pkey' });
  });

  it('stamps first_responded_at on the first response and never moves or clears it', async () => {
    const target = await createCampaign(t.ctx, makeCampaignInput());
    await addCampaignMember(t.ctx, { campaignId: target.id, input: { leadId: lead.id, status: 'sent' } });
    t.clock.advance({ hours: 1 });
    const responded = await updateCampaignMember(t.ctx, { campaignId: target.id, memberId: lead.id, expectedVersion: 1, changes: { status: 'responded' } });
    expect(responded.firstRespondedAt).toBe(new Date(t.clock.now().epochMilliseconds).toISOString());
    const first = responded.firstRespondedAt;
    t.clock.advance({ hours: 1 });
    const unsubscribed = await updateCampaignMember(t.ctx, { campaignId: target.id, memberId: lead.id, expectedVersion: 2, changes: { status: 'unsubscribed' } });
    const attended = await updateCampaignMember(t.ctx, { campaignId: target.id, memberId: lead.id, expectedVersion: 3, changes: { status: 'attended' } });
    expect([unsubscribed.firstRespondedAt, attended.firstRespondedAt]).toEqual([first, first]);
    expect((await listCampaignMembers(t.ctx, { campaignId: target.id, responded: 'true' })).data.map((m) => m.memberId)).toEqual([lead.id]);
    const stale = await rejectionOf(updateCampaignMember(t.ctx, { campaignId: target.id, memberId: lead.id, expectedVersion: 1, changes: { status: 'sent' } }));
    expect(stale).toMatchObject({ code: 'version_conflict', extra: { currentVersion: 4 } });
  });

  it('removes a member (audited) so that it can be added again', async () => {
    const target = await createCampaign(t.ctx, makeCampaignInput());
    await addCampaignMember(t.ctx, { campaignId: target.id, input: { contactId: contact.id } });
    expect((await rejectionOf(removeCampaignMember(t.ctx, { campaignId: target.id, memberId: contact.id, expectedVersion: 2 }))).code).toBe('version_conflict');
    await removeCampaignMember(t.ctx, { campaignId: target.id, memberId: contact.id, expectedVersion: 1 });
    expect((await listCampaignMembers(t.ctx, { campaignId: target.id })).data).toEqual([]);
    expect((await addCampaignMember(t.ctx, { campaignId: target.id, input: { contactId: contact.id } })).version).toBe(1);
    const trail = await auditTrailOf(t.ctx, 'campaign_member', `${target.id}:${contact.id}`);
    expect(trail.map((r) => [r.action, r.after === null])).toEqual([['create', false], ['delete', true], ['create', false]]);
  });

  it('shows a rep only the members whose lead or contact the rep can see, and adds only those', async () => {
    const w = await createScopeWorld(t.ctx, 'members');
    const target = await createCampaign(t.ctx, makeCampaignInput({ ownerUserId: w.users.outsider.id }));
    const mine = await createLead(t.ctx, makeLeadInput({ ownerUserId: w.users.teammate.id }));
    const theirs = await createLead(t.ctx, makeLeadInput({ ownerUserId: w.users.outsider.id }));
    const rep = w.as(w.users.rep);
    await addCampaignMember(rep, { campaignId: target.id, input: { leadId: mine.id } });
    const hidden = await rejectionOf(addCampaignMember(rep, { campaignId: target.id, input: { leadId: theirs.id } }));
    expect(hidden.fieldErrors?.map((f) => f.field)).toEqual(['body.leadId']);
    await addCampaignMember(t.ctx, { campaignId: target.id, input: { leadId: theirs.id } });
    expect((await listCampaignMembers(rep, { campaignId: target.id })).data.map((m) => m.memberId)).toEqual([mine.id]);
    expect((await listCampaignMembers(t.ctx, { campaignId: target.id })).data.map((m) => m.memberId).sort()).toEqual([mine.id, theirs.id].sort());
    expect((await rejectionOf(removeCampaignMember(rep, { campaignId: target.id, memberId: theirs.id, expectedVersion: 1 }))).code).toBe('not_found');
  });
});
