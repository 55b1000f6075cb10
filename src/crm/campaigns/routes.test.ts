import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/support/test-app.ts';
import { makeContactInput } from '../contacts/fixtures.ts';
import { createContact } from '../contacts/index.ts';
import { createCrmTestApp } from '../contacts/test-fixtures/crm-test-app.ts';
import { expectProblem, fieldsOf } from '../contacts/test-fixtures/http.ts';
import { auditTrailOf } from '../contacts/fixtures.ts';
import { makeLeadInput } from '../leads/fixtures.ts';
import { createLead } from '../leads/index.ts';
import { makeCampaignInput } from './fixtures.ts';

describe('campaign routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createCrmTestApp();
  });
  afterAll(() => t.close());

  it('creates, reads, updates and deletes with Money JSON, ETags and audit rows', async () => {
    const created = await t.request('revops', {
      method: 'POST', url: '/api/v1/campaigns',
      payload: { name: 'Trade show', type: 'event', startDate: '2026-05-04', endDate: '2026-05-06', budget: { amountMinor: 2_500_000, currency: 'eur' } },
    });
    expect(created.statusCode).toBe(201);
    const campaign = created.json() as { id: string };
    expect(campaign).toMatchObject({ status: 'planned', budget: { amountMinor: 2_500_000, currency: 'EUR' }, actualCost: null, version: 1 });
    const url = `/api/v1/campaigns/${campaign.id}`;
    const patched = await t.request('revops', { method: 'PATCH', url, payload: { actualCost: { amountMinor: 2_612_345, currency: 'EUR' }, status: 'completed' }, headers: { 'if-match': '"1"' } });
    expect(patched.json()).toMatchObject({ actualCost: { amountMinor: 2_612_345, currency: 'EUR' }, status: 'completed', version: 2 });
    expect((await t.request('viewer', { method: 'GET', url })).headers['etag']).toBe('"2"');
    expect((await t.request('revops', { method: 'DELETE', url, headers: { 'if-match': '"2"' } })).statusCode).toBe(204);
    expect((await auditTrailOf(t.ctx, 'campaign', campaign.id)).map((r) => r.action)).toEqual(['create', 'update', 'delete']);
  });

  it('answers bad currency, bad date, reversed dates and unknown fields with 400 naming the field', async () => {
    const post = (payload: object) => t.request('admin', { method: 'POST', url: '/api/v1/campaigns', payload });
    const fields = async (payload: object) => fieldsOf(expectProblem(await post(payload), 400, 'validation_failed'));
    expect(await fields({ ...makeCampaignInput(), budget: { amountMinor: 5, currency: 'XYZ' } })).toEqual(['body.budget.currency']);
    expect((await fields({ ...makeCampaignInput(), budget: { amountMinor: 5, currency: 'EUR', cents: 1 } })).join()).toContain('body.budget');
    expect(await fields({ ...makeCampaignInput(), startDate: '2026-13-01' })).toEqual(['body.startDate']);
    expect(await fields({ ...makeCampaignInput(), startDate: '2026-06-02', endDate: '2026-06-01' })).toEqual(['body.endDate']);
    const unknown = expectProblem(await post({ ...makeCampaignInput(), roi: 3 }), 400, 'validation_failed');
    expect(JSON.stringify(unknown['errors'])).toContain('roi');
  });

  it('manages members over HTTP: add, 409 on repeat, 400 for both kinds, status change, list, remove', async () => {
    const campaign = (await t.request('admin', { method: 'POST', url: '/api/v1/campaigns', payload: makeCampaignInput() })).json() as { id: string };
    const lead = await createLead(t.ctx, makeLeadInput());
    const contact = await createContact(t.ctx, makeContactInput());
    const members = `/api/v1/campaigns/${campaign.id}/members`;
    const added = await t.request('sales_manager', { method: 'POST', url: members, payload: { leadId: lead.id } });
    expectProblem(added, 400, 'validation_failed'); // an unowned lead is outside every team scope
    const byAdmin = await t.request('admin', { method: 'POST', url: members, payload: { leadId: lead.id, status: 'sent' } });
    expect(byAdmin.statusCode).toBe(201);
    expect(byAdmin.headers['location']).toBe(`${members}/${lead.id}`);
    const repeat = expectProblem(await t.request('admin', { method: 'POST', url: members, payload: { leadId: lead.id } }), 409, 'conflict');
    expect(repeat['memberId']).toBe(lead.id);
    const both = await t.request('admin', { method: 'POST', url: members, payload: { leadId: lead.id, contactId: contact.id } });
    expect(fieldsOf(expectProblem(both, 400, 'validation_failed'))).toEqual(['body.leadId']);
    await t.request('admin', { method: 'POST', url: members, payload: { contactId: contact.id } });
    const responded = await t.request('admin', { method: 'PATCH', url: `${members}/${lead.id}`, payload: { status: 'responded' }, headers: { 'if-match': '"1"' } });
    expect(responded.json()).toMatchObject({ status: 'responded', firstRespondedAt: expect.any(String), version: 2 });
    const list = (await t.request('viewer', { method: 'GET', url: `${members}?memberType=contact` })).json() as { data: Array<{ memberId: string }> };
    expect(list.data.map((m) => m.memberId)).toEqual([contact.id]);
    expect((await t.request('admin', { method: 'DELETE', url: `${members}/${contact.id}`, headers: { 'if-match': '"1"' } })).statusCode).toBe(204);
    expectProblem(await t.request('admin', { method: 'GET', url: '/api/v1/campaigns/cmp_missing/members' }), 404, 'not_found');
  });

  it('lets read-only roles read and not write, and documents the member routes', async () => {
    expect((await t.request('success', { method: 'GET', url: '/api/v1/campaigns' })).statusCode).toBe(200);
    expectProblem(await t.request('finance', { method: 'POST', url: '/api/v1/campaigns', payload: makeCampaignInput() }), 403, 'forbidden');
    const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(spec.paths['/api/v1/campaigns/{id}/members/{memberId}'] ?? {})).toEqual(expect.arrayContaining(['patch', 'delete']));
    expect(JSON.stringify(spec.paths['/api/v1/campaigns']?.['post'])).toContain('actualCost');
  });
});
