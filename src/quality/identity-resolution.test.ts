import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createAccount, findAccount, getAccount, type Account } from '../crm/index.ts';
import {
  insertContact, insertInvoice, insertOpportunity, insertSubscription, insertTicket, insertUsage, linkSnapshot,
} from './fixtures.ts';
import { resolveAccountId, runIdentityResolution, unmergeRecords, type RunResult } from './index.ts';

/** Audit actions on one record, oldest first. */
async function auditActions(t: TestContext, entityType: string, entityId: string): Promise<string[]> {
  const rows = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', entityType).where('entity_id', '=', entityId).orderBy('seq').execute();
  return rows.map((row) => row.action);
}

function withoutVersion(account: Account): Omit<Account, 'version' | 'updatedAt'> {
  const { version: _version, updatedAt: _updatedAt, ...rest } = account;
  return rest;
}

describe('acceptance: one company from HubSpot, Salesforce and Stripe', () => {
  let t: TestContext;
  let hubspot: Account;
  let salesforce: Account;
  let stripe: Account;
  let subsidiaryId: string;
  let snapshotBefore: Record<string, string | null>;
  let run: RunResult;

  beforeAll(async () => {
    t = await createTestContext();
    hubspot = await createAccount(t.ctx, { name: 'ACME GmbH', domain: 'acme.de', country: 'DE', currency: 'EUR', sourceSystem: 'hubspot', externalId: '9001' });
    t.clock.advance({ minutes: 1 });
    salesforce = await createAccount(t.ctx, { name: 'Acme', domain: 'https://www.acme.de', currency: 'EUR', sourceSystem: 'salesforce', externalId: '001A' });
    t.clock.advance({ minutes: 1 });
    stripe = await createAccount(t.ctx, {
      name: 'ACME GmbH.', taxId: 'DE 123 456 789', currency: 'EUR', customFields: { billing_email: 'billing@acme.de' }, sourceSystem: 'stripe', externalId: 'cus_1',
    });
    await createAccount(t.ctx, { name: 'Globex Corporation', domain: 'globex.com', currency: 'USD' });
    subsidiaryId = (await createAccount(t.ctx, { name: 'Acme Services', parentAccountId: salesforce.id, currency: 'EUR' })).id;
    await insertContact(t.ctx, { accountId: hubspot.id, email: 'anna@acme.de' });
    await insertContact(t.ctx, { accountId: salesforce.id, email: 'ben@acme.de' });
    await insertOpportunity(t.ctx, { accountId: salesforce.id });
    await insertOpportunity(t.ctx, { accountId: stripe.id, stageKey: 'closed_won' });
    await insertTicket(t.ctx, hubspot.id);
    await insertUsage(t.ctx, { accountId: hubspot.id, usageDate: '2026-01-10', featureKey: 'api_calls', count: 5n });
    await insertUsage(t.ctx, { accountId: salesforce.id, usageDate: '2026-01-10', featureKey: 'api_calls', count: 7n });
    await insertUsage(t.ctx, { accountId: salesforce.id, usageDate: '2026-01-11', featureKey: 'api_calls', count: 9n });
    const subscriptionId = await insertSubscription(t.ctx, { accountId: stripe.id });
    await insertInvoice(t.ctx, { accountId: stripe.id, subscriptionId, status: 'issued' });
    await insertInvoice(t.ctx, { accountId: stripe.id, subscriptionId, status: 'draft' });
    snapshotBefore = await linkSnapshot(t.ctx);
    t.clock.advance({ hours: 1 });
    run = await runIdentityResolution(t.ctx);
  });
  afterAll(() => t.close());

  it('ends as one account: two audited merges into the oldest record, nothing queued', async () => {
    expect(run.failed).toEqual([]);
    expect(run.queued).toEqual([]);
    expect(run.merged.map((m) => [m.survivorId, m.mergedId, m.score])).toEqual([
      [hubspot.id, salesforce.id, 0.98],
      [hubspot.id, stripe.id, 0.97],
    ]);
    expect(run.merged[0]?.reasons.map((r) => r.rule)).toEqual(['domain', 'name']);
    expect(run.merged[1]?.reasons.map((r) => r.rule)).toEqual(['email_domain', 'name']);
    expect(await findAccount(t.ctx, salesforce.id)).toBeNull();
    expect(await findAccount(t.ctx, stripe.id)).toBeNull();
    const survivor = await getAccount(t.ctx, hubspot.id);
    expect(survivor).toMatchObject({ name: 'ACME GmbH', taxId: 'DE 123 456 789', customFields: { billing_email: 'billing@acme.de' }, version: 3 });
    expect(run.merged[1]?.filledFields).toEqual(['tax_id', 'customFields.billing_email']);
    expect(await auditActions(t, 'account', hubspot.id)).toEqual(['create', 'merge', 'merge']);
    expect(await auditActions(t, 'account', salesforce.id)).toEqual(['create', 'merge']);
    expect(await auditActions(t, 'account', stripe.id)).toEqual(['create', 'merge']);
    expect(await auditActions(t, 'account_merge', run.merged[0]!.id)).toEqual(['merge']);
    const events = await t.ctx.db.selectFrom('outbox_events').select(['type', 'aggregate_id', 'payload']).where('type', '=', 'account.merged').orderBy('seq').execute();
    expect(events.map((e) => [e.type, e.aggregate_id, (e.payload as { mergedId: string }).mergedId])).toEqual([
      ['account.merged', hubspot.id, salesforce.id],
      ['account.merged', hubspot.id, stripe.id],
    ]);
  });

  it('moves every link to the survivor except rows that cannot move, and resolves old ids to it', async () => {
    const links = await linkSnapshot(t.ctx);
    const pointingAt = (id: string) => Object.keys(links).filter((key) => links[key] === id);
    expect(pointingAt(salesforce.id)).toEqual([`usage:${salesforce.id}:2026-01-10:api_calls`]);
    expect(pointingAt(stripe.id).map((key) => key.split(':')[0])).toEqual(['invoices']);
    expect(links[`accounts.parent:${subsidiaryId}`]).toBe(hubspot.id);
    expect(pointingAt(hubspot.id).map((key) => key.split(':')[0])).toEqual([
      'accounts.parent', 'contacts', 'contacts', 'invoices', 'opportunities', 'opportunities', 'subscriptions', 'support_tickets', 'usage', 'usage',
    ]);
    expect(run.merged[0]?.keptRows).toEqual([{ table: 'product_usage_daily', column: 'account_id', rowKey: { account_id: salesforce.id, usage_date: '2026-01-10', feature_key: 'api_calls' } }]);
    expect(run.merged[1]?.keptRows.map((row) => row.table)).toEqual(['invoices']);
    expect(await resolveAccountId(t.ctx, salesforce.id)).toBe(hubspot.id);
    expect(await resolveAccountId(t.ctx, stripe.id)).toBe(hubspot.id);
    expect(await resolveAccountId(t.ctx, hubspot.id)).toBe(hubspot.id);
  });

  it('unmerge restores three accounts, their fields and every original link', async () => {
    const [first, second] = run.merged;
    // Not in reverse order on purpose: both merges share a live survivor, so either order works.
    const undone = await unmergeRecords(t.ctx, 'account', first!.id);
    expect(undone).toMatchObject({ status: 'unmerged', unmergedBy: 'system', notRestoredRows: [] });
    await unmergeRecords(t.ctx, 'account', second!.id);
    expect(withoutVersion(await getAccount(t.ctx, hubspot.id))).toEqual(withoutVersion(hubspot));
    expect(withoutVersion(await getAccount(t.ctx, salesforce.id))).toEqual(withoutVersion(salesforce));
    expect(withoutVersion(await getAccount(t.ctx, stripe.id))).toEqual(withoutVersion(stripe));
    expect(await linkSnapshot(t.ctx)).toEqual(snapshotBefore);
    expect(await resolveAccountId(t.ctx, salesforce.id)).toBe(salesforce.id);
    expect(await auditActions(t, 'account', hubspot.id)).toEqual(['create', 'merge', 'merge', 'unmerge', 'unmerge']);
    expect(await auditActions(t, 'account', stripe.id)).toEqual(['create', 'merge', 'unmerge']);
    const events = await t.ctx.db.selectFrom('outbox_events').select('type').where('type', '=', 'account.unmerged').execute();
    expect(events).toHaveLength(2);
  });
});
