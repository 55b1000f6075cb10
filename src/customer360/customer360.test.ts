import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import {
  addCampaignMember, changeOpportunityStage, createAccount, createActivity, createCampaign, createContact, createOpportunity, createTicket, upsertSeats, upsertUsage,
} from '../crm/index.ts';
import { createApiKey, createTeam, createUser } from '../identity/index.ts';
import { addPaymentPromise, recordPayment } from '../payments/index.ts';
import { makeIssuedInvoice } from '../payments/fixtures.ts';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

type Seeded = { accountId: string; parentId: string; childId: string; overdueInvoiceId: string; currentInvoiceId: string; opportunityId: string; ownerId: string; teamId: string };

/** One account with a parent and a child, people, a campaign, an opportunity, invoices, a payment, a promise, tickets and usage. */
async function seedAccount(t: TestApp): Promise<Seeded> {
  const team = await createTeam(t.ctx, { name: 'DACH' });
  const owner = await createUser(t.ctx, { email: 'rep@example.com', displayName: 'Rita Rep', role: 'sales_rep', locale: 'de', teamId: team.id });
  const parent = await createAccount(t.ctx, { name: 'Globex Holding', currency: 'EUR' });
  const account = await createAccount(t.ctx, {
    name: 'Globex GmbH', currency: 'EUR', country: 'DE', segment: 'Enterprise', parentAccountId: parent.id, ownerUserId: owner.id,
    billingAddress: 'Globex-Allee 1\n10115 Berlin', taxId: 'DE136695976',
  });
  const child = await createAccount(t.ctx, { name: 'Globex Berlin', currency: 'EUR', parentAccountId: account.id, ownerUserId: owner.id });
  const anna = await createContact(t.ctx, { accountId: account.id, firstName: 'Anna', lastName: 'Schmidt', email: 'anna@globex.example' });
  await createContact(t.ctx, { accountId: account.id, firstName: 'Bernd', lastName: 'Meyer' });
  const campaign = await createCampaign(t.ctx, { name: 'Spring webinar', type: 'webinar', status: 'active' });
  await addCampaignMember(t.ctx, { campaignId: campaign.id, input: { contactId: anna.id, status: 'registered' } }); // 09:00
  t.clock.advance({ minutes: 1 });
  const opportunity = await createOpportunity(t.ctx, { accountId: account.id, name: 'Globex expansion', type: 'expansion', amount: eur(2_400_000), closeDate: '2026-04-30' }); // 09:01
  t.clock.advance({ minutes: 1 });
  await changeOpportunityStage(t.ctx, { id: opportunity.id, expectedVersion: opportunity.version, stage: 'proposal' }); // 09:02
  const overdue = await makeIssuedInvoice(t.ctx, account.id, { totalMinor: 120_000n, issueDate: '2026-01-01', dueDate: '2026-01-31', number: 'INV-360-1' });
  const current = await makeIssuedInvoice(t.ctx, account.id, { totalMinor: 50_000n, issueDate: '2026-03-01', dueDate: '2026-03-31', number: 'INV-360-2' });
  t.clock.advance({ minutes: 1 });
  await createActivity(t.ctx, { type: 'call', subject: 'Called about INV-360-1', occurredAt: '2026-03-09T15:00:00Z', accountId: account.id }); // at 03-09 15:00
  await createTicket(t.ctx, { accountId: account.id, subject: 'Export fails', status: 'closed', openedAt: '2026-03-05T10:00:00Z', closedAt: '2026-03-06T10:00:00Z', csat: 4 });
  await createTicket(t.ctx, { accountId: account.id, subject: 'SSO setup', status: 'solved', openedAt: '2026-02-01T10:00:00Z', closedAt: '2026-02-02T10:00:00Z', csat: 5 });
  t.clock.advance({ minutes: 1 });
  await createTicket(t.ctx, { accountId: account.id, subject: 'Invoice address wrong', priority: 'high' }); // opened 09:04
  t.clock.advance({ minutes: 1 });
  await recordPayment(t.ctx, { accountId: account.id, amount: { amountMinor: 20_000n, currency: 'EUR' }, receivedDate: '2026-03-10', allocations: [{ invoiceId: overdue.id, amountMinor: 20_000n }] });
  t.clock.advance({ minutes: 1 });
  await addPaymentPromise(t.ctx, { accountId: account.id, invoiceId: overdue.id, promisedDate: '2026-03-20', amount: { amountMinor: 100_000n, currency: 'EUR' } }); // 09:06
  await upsertSeats(t.ctx, account.id, [{ asOfDate: '2026-02-01', licensedSeats: 50, activeUsers: 20 }, { asOfDate: '2026-03-01', licensedSeats: 50, activeUsers: 30 }]);
  await upsertUsage(t.ctx, [
    { accountId: account.id, usageDate: '2026-02-03', featureKey: 'reports.export', count: 10 },
    { accountId: account.id, usageDate: '2026-02-20', featureKey: 'api.calls', count: 5 },
    { accountId: account.id, usageDate: '2026-03-02', featureKey: 'api.calls', count: 7 },
  ]);
  return { accountId: account.id, parentId: parent.id, childId: child.id, overdueInvoiceId: overdue.id, currentInvoiceId: current.id, opportunityId: opportunity.id, ownerId: owner.id, teamId: team.id };
}

describe('Customer 360 API', () => {
  let t: TestApp;
  let s: Seeded;
  beforeAll(async () => {
    t = await createTestApp({ start: '2026-03-10T09:00:00Z' });
    s = await seedAccount(t);
  });
  afterAll(async () => { await t.close(); });

  it('gathers one account across domains with exact amounts', async () => {
    const response = await t.request('finance', { method: 'GET', url: `/api/v1/accounts/${s.accountId}/360` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.asOfDate).toBe('2026-03-10');
    expect(body.account).toMatchObject({
      id: s.accountId, name: 'Globex GmbH', segment: 'Enterprise', country: 'DE', currency: 'EUR', ownerUserId: s.ownerId, ownerName: 'Rita Rep',
      billingAddress: 'Globex-Allee 1\n10115 Berlin', taxId: 'DE136695976',
      parent: { id: s.parentId, name: 'Globex Holding' }, children: [{ id: s.childId, name: 'Globex Berlin' }], hasMoreChildren: false,
    });
    expect(body.contacts.map((c: { name: string }) => c.name)).toEqual(['Bernd Meyer', 'Anna Schmidt']);
    expect(body.marketing.touches).toMatchObject([{ campaignName: 'Spring webinar', memberType: 'contact', memberName: 'Anna Schmidt', memberStatus: 'registered' }]);
    expect(body.marketing.activeCampaigns.map((c: { name: string }) => c.name)).toEqual(['Spring webinar']);
    expect(body.marketing.leads).toEqual([]);
    expect(body.sales.openOpportunities).toEqual([
      { id: s.opportunityId, name: 'Globex expansion', stage: 'proposal', stageLabel: 'Proposal', amount: eur(2_400_000), probabilityBps: 6000, closeDate: '2026-04-30' },
    ]);
    expect(body.sales.openPipeline).toEqual([eur(2_400_000)]);
    expect(body.sales.openQuotes).toEqual([]);

    const finance = body.finance;
    expect(finance.open).toEqual([eur(150_000)]);
    expect(finance.overdue).toEqual([eur(100_000)]);
    expect(finance.overdueInvoiceCount).toBe(1);
    expect(finance.invoices.map((i: { number: string; total: unknown; paid: unknown; open: unknown; overdue: boolean; daysPastDue: number }) => [i.number, i.total, i.paid, i.open, i.overdue, i.daysPastDue])).toEqual([
      ['INV-360-2', eur(50_000), eur(0), eur(50_000), false, 0],
      ['INV-360-1', eur(120_000), eur(20_000), eur(100_000), true, 38],
    ]);
    expect(finance.payments).toMatchObject([{ amount: eur(20_000), receivedAt: '2026-03-10T00:00:00.000Z', method: 'bank_transfer', status: 'succeeded' }]);
    expect(finance.credit).toEqual([]);
    expect(finance.collections).toEqual({ dunningStage: null, onHold: false, lastContactDate: null });
    expect(finance.promises).toMatchObject([{ invoiceId: s.overdueInvoiceId, promisedDate: '2026-03-20', amount: eur(100_000), active: true }]);

    expect(body.success.tickets.map((ticket: { subject: string; csat: number | null }) => [ticket.subject, ticket.csat])).toEqual([
      ['Invoice address wrong', null], ['Export fails', 4], ['SSO setup', 5],
    ]);
    expect(body.success).toMatchObject({
      ticketCount: 3, openTicketCount: 1, averageCsat: '4.50', csatResponses: 2,
      adoption: { asOfDate: '2026-03-01', activeUsers: 30, licensedSeats: 50, percent: '60.00' },
      usageByMonth: [{ month: '2026-02-01', count: 15 }, { month: '2026-03-01', count: 7 }],
    });
    expect(body.restricted).toEqual([]);

    // Most recent first; the payment counts from its received date, imported invoices from their issue date.
    expect(body.timeline.data.map((e: { kind: string; at: string }) => `${e.at} ${e.kind}`)).toEqual([
      '2026-03-10T09:06:00.000Z promise',
      '2026-03-10T09:04:00.000Z ticket',
      '2026-03-10T09:02:00.000Z stage_change',
      '2026-03-10T09:01:00.000Z stage_change',
      '2026-03-10T09:00:00.000Z campaign_touch',
      '2026-03-10T00:00:00.000Z payment',
      '2026-03-09T15:00:00.000Z activity',
      '2026-03-05T10:00:00.000Z ticket',
      '2026-03-01T00:00:00.000Z invoice',
      '2026-02-01T10:00:00.000Z ticket',
      '2026-01-01T00:00:00.000Z invoice',
    ]);
    expect(body.timeline.data[2]).toMatchObject({ subtype: 'Proposal', title: 'Globex expansion', amount: eur(2_400_000), refId: s.opportunityId });
    expect(body.timeline.data[8]).toMatchObject({ id: s.currentInvoiceId, title: 'INV-360-2', amount: eur(50_000) });
    expect(body.timeline.nextCursor).toBeNull();
  });

  it('pages the timeline by cursor without gaps or repeats', async () => {
    const full = (await t.request('admin', { method: 'GET', url: `/api/v1/accounts/${s.accountId}/360/timeline?limit=100` })).json();
    expect(full.data).toHaveLength(11);
    const first = (await t.request('admin', { method: 'GET', url: `/api/v1/accounts/${s.accountId}/360?timelineLimit=4` })).json().timeline;
    expect(first.data).toHaveLength(4);
    const seen = [...first.data];
    let cursor: string | null = first.nextCursor;
    while (cursor !== null) {
      const page = await t.request('admin', { method: 'GET', url: `/api/v1/accounts/${s.accountId}/360/timeline?limit=4&cursor=${cursor}` });
      expect(page.statusCode).toBe(200);
      seen.push(...page.json().data);
      cursor = page.json().nextCursor;
    }
    expect(seen).toEqual(full.data);
    const bad = await t.request('admin', { method: 'GET', url: `/api/v1/accounts/${s.accountId}/360/timeline?cursor=nonsense` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'querystring.cursor', message: 'invalid cursor' }]);
  });

  it('answers 404 problem+json for an unknown account', async () => {
    const response = await t.request('finance', { method: 'GET', url: '/api/v1/accounts/acct_01M00000000000000000000000/360' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 404, code: 'not_found' });
    const timeline = await t.request('finance', { method: 'GET', url: '/api/v1/accounts/acct_01M00000000000000000000000/360/timeline' });
    expect(timeline.statusCode).toBe(404);
  });

  it('follows the account rules: a rep sees their team’s account without finance, not someone else’s', async () => {
    const teamKey = (await createApiKey(t.ctx, { name: 'dach rep', role: 'sales_rep', teamId: s.teamId })).secret;
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${s.accountId}/360`, headers: { authorization: `Bearer ${teamKey}` } });
    expect(own.statusCode).toBe(200);
    expect(own.json().finance).toBeNull();
    expect(own.json().restricted).toEqual(['finance']);
    expect(own.json().sales.openPipeline).toEqual([eur(2_400_000)]);
    const kinds = new Set(own.json().timeline.data.map((e: { kind: string }) => e.kind));
    expect([...kinds].sort()).toEqual(['activity', 'campaign_touch', 'stage_change', 'ticket']);

    const outsider = await t.request('sales_rep', { method: 'GET', url: `/api/v1/accounts/${s.accountId}/360` });
    expect(outsider.statusCode).toBe(404);
    expect(outsider.headers['content-type']).toContain('application/problem+json');
    const outsiderTimeline = await t.request('sales_rep', { method: 'GET', url: `/api/v1/accounts/${s.accountId}/360/timeline` });
    expect(outsiderTimeline.statusCode).toBe(404);
    const anonymous = await t.request(null, { method: 'GET', url: `/api/v1/accounts/${s.accountId}/360` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('leaves quotes out for success and keeps finance for it', async () => {
    const body = (await t.request('success', { method: 'GET', url: `/api/v1/accounts/${s.accountId}/360` })).json();
    expect(body.restricted).toEqual(['quotes']);
    expect(body.sales.openQuotes).toBeNull();
    expect(body.finance.overdue).toEqual([eur(100_000)]);
    expect(body.timeline.data.some((e: { kind: string }) => e.kind === 'quote')).toBe(false);
  });

  // Runs last: the note it writes would shift the timelines asserted above.
  it('shows a collection note written by finance in the timeline, in order, to the roles that read collections', async () => {
    t.clock.advance({ minutes: 1 }); // 09:07, after the promise (09:06)
    const written = await t.request('finance', {
      method: 'POST', url: '/api/v1/collections/notes', payload: { accountId: s.accountId, invoiceId: s.overdueInvoiceId, body: 'Called Anna: pays INV-360-1 on the 20th', contacted: true },
    });
    expect(written.statusCode).toBe(201);
    const noteId: string = written.json().id;
    const page = (await t.request('finance', { method: 'GET', url: `/api/v1/accounts/${s.accountId}/360/timeline?limit=3` })).json();
    expect(page.data.map((e: { kind: string; at: string }) => `${e.at} ${e.kind}`)).toEqual([
      '2026-03-10T09:07:00.000Z collection_note', '2026-03-10T09:06:00.000Z promise', '2026-03-10T09:04:00.000Z ticket',
    ]);
    expect(page.data[0]).toEqual({
      kind: 'collection_note', id: noteId, at: '2026-03-10T09:07:00.000Z', subtype: 'contacted', title: 'Called Anna: pays INV-360-1 on the 20th', amount: null, refId: s.overdueInvoiceId,
    });
    const next = (await t.request('finance', { method: 'GET', url: `/api/v1/accounts/${s.accountId}/360/timeline?limit=3&cursor=${page.nextCursor}` })).json();
    expect(next.data.map((e: { kind: string }) => e.kind)).toEqual(['stage_change', 'stage_change', 'campaign_touch']);
    const overview = (await t.request('admin', { method: 'GET', url: `/api/v1/accounts/${s.accountId}/360?timelineLimit=1` })).json();
    expect(overview.timeline.data.map((e: { id: string }) => e.id)).toEqual([noteId]);
    expect(overview.finance.collections.lastContactDate).toBe('2026-03-10');
    // Sales roles do not read collections, so the note stays out of their timeline.
    const teamKey = (await createApiKey(t.ctx, { name: 'dach rep 2', role: 'sales_rep', teamId: s.teamId })).secret;
    const rep = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${s.accountId}/360/timeline?limit=100`, headers: { authorization: `Bearer ${teamKey}` } });
    expect(rep.json().data.some((e: { kind: string }) => e.kind === 'collection_note')).toBe(false);
  });
});
