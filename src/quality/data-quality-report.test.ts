import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { validEuVatId } from '../billing/index.ts';
import { createAccount } from '../crm/index.ts';
import { createUser } from '../identity/index.ts';
import {
  insertContact, insertInvoice, insertLead, insertOpportunity, insertRow, insertSubscription,
} from './fixtures.ts';
import { buildDataQualityReport, mergeAccounts, rejectMatchCandidate, runIdentityResolution, type DataQualityReport } from './index.ts';

const sorted = (ids: string[]) => [...ids].sort();

/** A valid German VAT id's nine digits: the eight given and the one check digit billing accepts. */
function validDeVatDigits(first8: string): string {
  const digits = [...'0123456789'].map((d) => `${first8}${d}`).find((n) => validEuVatId(`DE${n}`, 'DE') !== null);
  if (!digits) throw new Error(`no check digit makes DE${first8}? valid`);
  return digits;
}

describe('data-quality report on seeded problems', () => {
  let t: TestContext;
  let report: DataQualityReport;
  const expected: Record<string, string[]> = {};

  beforeAll(async () => {
    t = await createTestContext(); // today is 2026-01-15 (UTC)
    const owner = (await createUser(t.ctx, { email: 'rep@example.com', displayName: 'Rep', role: 'sales_rep', locale: 'en' })).id;
    const complete = (name: string, domain: string, extra: Record<string, unknown> = {}) =>
      createAccount(t.ctx, { name, domain, country: 'DE', ownerUserId: owner, currency: 'EUR', ...extra });

    // Accounts: two duplicates, a rejected pair, one merged away, one deleted with rows still on it, one incomplete.
    const dupA = await complete('Dup GmbH', 'dup.de');
    const dupB = await complete('Dup', 'dup.de');
    const twinA = await complete('Twin AG', 'twin.de');
    const twinB = await complete('Twin', 'twin.de');
    const [twinPair] = (await runIdentityResolution(t.ctx, { accountIds: [twinB.id], autoMergeThreshold: 1 })).queued;
    await rejectMatchCandidate(t.ctx, twinPair!.id);
    const keeper = await complete('Keeper', 'keeper.com');
    const mergedAway = await complete('Merged Away', 'merged-away.com');
    const gone = await complete('Gone', 'gone.com');
    const noCountry = await createAccount(t.ctx, { name: 'Nowhere', domain: 'nowhere.com', ownerUserId: owner, currency: 'EUR' });
    const orphanChild = await complete('Orphan Child', 'orphan-child.com', { parentAccountId: gone.id });
    // Tax ids: a DE id with a wrong check digit, a valid one written with spaces, a valid DE id on an
    // Austrian account (billing wants the customer's own country), and a US EIN (not an EU VAT id: not judged).
    const badCheckDigit = await complete('Alpenblick Logistik GmbH', 'alpenblick.de', { taxId: 'DE136695975' });
    await complete('Hafenkran Software GmbH', 'hafenkran.de', { taxId: 'DE 136 695 976' });
    const wrongCountry = await complete('Donauwelle Handels AG', 'donauwelle.at', { country: 'AT', taxId: `DE${validDeVatDigits('81234567')}` });
    await complete('Prairie Freight Inc', 'prairie-freight.com', { country: 'US', currency: 'USD', taxId: '12-3456789' });

    const clean = { ownerUserId: owner, customFields: { region: 'EU' } };
    const stale = await insertOpportunity(t.ctx, { accountId: keeper.id, closeDate: '2026-01-14', ...clean });
    await insertOpportunity(t.ctx, { accountId: keeper.id, closeDate: '2026-01-15', ...clean });
    await insertOpportunity(t.ctx, { accountId: keeper.id, stageKey: 'closed_lost', closeDate: '2026-01-01', ...clean });
    const wonNoSub = await insertOpportunity(t.ctx, { accountId: dupA.id, stageKey: 'closed_won', ...clean });
    const wonNoOrder = await insertOpportunity(t.ctx, { accountId: keeper.id, stageKey: 'closed_won', ...clean });
    // Won in Salesforce: its contract is there, not judged here.
    const wonImported = await insertOpportunity(t.ctx, { accountId: keeper.id, stageKey: 'closed_won', ...clean });
    await sql`update opportunities set source_system = 'salesforce', external_id = '006000000000001' where id = ${wonImported}`.execute(t.ctx.db);
    const inUsd = await insertOpportunity(t.ctx, { accountId: keeper.id, currency: 'USD', ...clean });
    const noOwner = await insertOpportunity(t.ctx, { accountId: keeper.id, customFields: { region: 'EU' } });
    const noRegion = await insertOpportunity(t.ctx, { accountId: keeper.id, ownerUserId: owner, customFields: { region: '' } });
    const orphanOpp = await insertOpportunity(t.ctx, { accountId: gone.id, ...clean });
    await insertRow(t.ctx, 'custom_field_definitions', {
      entity_type: 'opportunity', key: 'region', label: 'Region', type: 'text', required: true, created_at: new Date(), updated_at: new Date(),
    });

    const subscription = await insertSubscription(t.ctx, { accountId: keeper.id });
    const subUsd = await insertSubscription(t.ctx, { accountId: twinA.id, currency: 'USD' });
    const orphanSub = await insertSubscription(t.ctx, { accountId: gone.id });
    const invUsd = await insertInvoice(t.ctx, { accountId: keeper.id, subscriptionId: subscription, currency: 'USD' });
    await insertInvoice(t.ctx, { accountId: keeper.id, subscriptionId: subscription });
    const orphanInvoice = await insertInvoice(t.ctx, { accountId: gone.id });
    await insertInvoice(t.ctx, { accountId: mergedAway.id, status: 'issued' });
    await mergeAccounts(t.ctx, { survivorId: keeper.id, mergedId: mergedAway.id, scoreBps: 10_000, reasons: [] });

    const dupContactA = await insertContact(t.ctx, { accountId: keeper.id, email: 'ana@keeper.com' });
    const dupContactB = await insertContact(t.ctx, { accountId: keeper.id, email: 'ana+billing@keeper.com' });
    await insertContact(t.ctx, { accountId: keeper.id, email: 'solo@keeper.com' });
    const noEmail = await insertContact(t.ctx, { accountId: keeper.id });
    const noAccount = await insertContact(t.ctx, { email: 'free@agent.com' });
    const orphanContact = await insertContact(t.ctx, { accountId: gone.id, email: 'old@gone.com' });
    // Neither address normalizes: they must not match each other as "the same mailbox".
    await insertContact(t.ctx, { accountId: keeper.id, email: 'ana@localhost' });

    const dupLeadA = await insertLead(t.ctx, { email: 'lead@x.com', ownerUserId: owner });
    const dupLeadB = await insertLead(t.ctx, { email: 'lead+web@x.com', ownerUserId: owner });
    await insertLead(t.ctx, { email: 'lead@x.com', disqualified: true });
    const leadOfContact = await insertLead(t.ctx, { email: 'solo@keeper.com', ownerUserId: owner });
    const unowned = await insertLead(t.ctx, { email: 'nobody@x.com' });
    const leadNoEmail = await insertLead(t.ctx, { ownerUserId: owner });
    await insertLead(t.ctx, { email: 'lead@intranet', ownerUserId: owner });
    // Deleted straight in the table, as imported history arrives: rows and a child still point at it.
    await sql`update accounts set deleted_at = now() where id = ${gone.id}`.execute(t.ctx.db);

    Object.assign(expected, {
      duplicate_accounts: [dupA.id, dupB.id],
      duplicate_contacts: [dupContactA, dupContactB],
      duplicate_leads: [dupLeadA, dupLeadB],
      lead_duplicates_contact: [leadOfContact],
      account_missing_required_fields: [noCountry.id],
      contact_missing_required_fields: [noEmail, noAccount],
      lead_missing_required_fields: [leadNoEmail],
      opportunity_missing_required_fields: [noOwner, noRegion],
      account_invalid_vat_id: [badCheckDigit.id, wrongCountry.id],
      opportunity_without_account: [orphanOpp],
      invoice_without_customer: [orphanInvoice],
      subscription_without_customer: [orphanSub],
      contact_with_deleted_account: [orphanContact],
      account_with_deleted_parent: [orphanChild.id],
      closed_won_without_subscription: [wonNoSub],
      closed_won_without_contract: [wonNoSub, wonNoOrder],
      stale_open_opportunities: [stale],
      opportunity_currency_differs_from_account: [inUsd],
      subscription_currency_differs_from_account: [subUsd],
      invoice_currency_differs_from_subscription: [invUsd],
      lead_without_owner: [unowned],
    });
    report = await buildDataQualityReport(t.ctx);
  });
  afterAll(() => t.close());

  it('describes the required-field checks in words, not column names', () => {
    const described = (check: string) => report.sections.find((s) => s.check === check)?.description;
    expect(described('account_missing_required_fields')).toBe('Accounts missing a website domain, country or owner, or a required custom field');
    expect(described('opportunity_missing_required_fields')).toBe('Opportunities missing an owner, or a required custom field');
  });

  it('runs every check, and each finds exactly the seeded records', () => {
    expect(report.sections.map((s) => s.check)).toEqual(Object.keys(expected));
    for (const section of report.sections) {
      const ids = sorted(expected[section.check] ?? []);
      expect({ check: section.check, ids: section.ids, count: section.count }).toEqual({ check: section.check, ids, count: ids.length });
    }
  });

  it('dates the report, with no check the issue asks for left out', () => {
    expect(report.asOfDate).toBe('2026-01-15');
    expect(report.generatedAt).toBe('2026-01-15T09:00:00Z');
    expect(report.notCovered).toEqual([]);
  });
});

describe('data-quality report limits', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('lists the first 100 ids and counts them all', async () => {
    const ids = [];
    for (let i = 0; i < 101; i += 1) ids.push(await insertLead(t.ctx, { email: `lead${i}@example.com` }));
    const section = (await buildDataQualityReport(t.ctx)).sections.find((s) => s.check === 'lead_without_owner');
    expect(section).toMatchObject({ count: 101, ids: sorted(ids).slice(0, 100), severity: 'warning' });
  });
});
