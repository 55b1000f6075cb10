import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { getAccount, getOpportunity, listAccounts, listOpportunities } from '../../crm/index.ts';
import { listInvoices, listSubscriptions } from '../../billing/index.ts';
import { listPayments } from '../../payments/index.ts';
import { MAPPINGS } from '../test-fixtures/data-set-import.ts';
import { accountMapping, csvFile, importFiles } from '../test-fixtures/import-fixtures.ts';
import { BUILT_IN_MAPPINGS } from './index.ts';

describe('built-in sources', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('ships the Salesforce data set mapping as the built-in Salesforce mapping', () => {
    const shipped = JSON.parse(fs.readFileSync(path.join(MAPPINGS, 'salesforce-sample-org.json'), 'utf8')) as Record<string, unknown>;
    const { name: _name, description: _description, ...rest } = shipped;
    const { name: _n, description: _d, ...builtIn } = JSON.parse(JSON.stringify(BUILT_IN_MAPPINGS.salesforce)) as Record<string, unknown>;
    expect(rest).toEqual(builtIn);
  });

  it('imports HubSpot companies, contacts and deals, in any order', async () => {
    const deals = csvFile('hubspot-crm-exports-all-deals.csv', 'Record ID,Deal Name,Deal Stage,Amount,Close Date,Associated Company IDs\n901,Big deal,closedwon,"12,500.00",2024-03-31 00:00,101;102\n902,Open deal,qualifiedtobuy,,2024-06-30,101\n');
    const companies = csvFile('all-companies.csv', 'Record ID,Company name,Company Domain Name,Country/Region,Number of Employees\n101,Hub Co,hubco.example,Germany,120\n102,Other Co,,,\n');
    const contacts = csvFile('all-contacts.csv', 'Record ID,First Name,Last Name,Email,Associated Company IDs,Lifecycle Stage\n501,Hana,Hub,hana@hubco.example,101,customer\n');
    const hubspot = { ...BUILT_IN_MAPPINGS.hubspot, defaults: { currency: 'USD' as const, thousandsSeparator: ',' as const } };
    const run = await importFiles(t.ctx, hubspot, [deals, contacts, companies]);
    expect(run.errors).toEqual([]);
    expect(run.summary.files.map((f) => [f.file, f.created])).toEqual([['all-companies.csv', 2], ['all-contacts.csv', 1], ['hubspot-crm-exports-all-deals.csv', 2]]);
    const won = (await listOpportunities(t.ctx, { q: 'Big deal' })).data[0]!;
    expect(await getOpportunity(t.ctx, won.id)).toMatchObject({ stage: 'closed_won', amount: { amountMinor: 1_250_000, currency: 'USD' }, closedAt: '2024-03-31T00:00:00.000Z' });
  });

  it('composes the billing address of HubSpot companies from its address columns, as lines', async () => {
    const companies = csvFile('hubspot-companies.csv', 'Record ID,Company name,Street Address,Street Address 2,Postal Code,City,State/Region,Country/Region\n'
      + '201,Adress Co,Unter den Linden 1,3. OG,10117,Berlin,,Germany\n202,Nowhere Co,,,,,,\n203,Bay Co,1 Market St,,94105,San Francisco,CA,United States\n'
      + '204,Thames Co,10 Downing Street,,SW1A 2AA,London,,United Kingdom\n');
    const run = await importFiles(t.ctx, BUILT_IN_MAPPINGS.hubspot, [companies]);
    expect(run.errors).toEqual([]);
    const byName = async (q: string) => (await listAccounts(t.ctx, { q })).data[0];
    expect(await byName('Adress Co')).toMatchObject({ billingAddress: 'Unter den Linden 1\n3. OG\n10117 Berlin', country: 'DE' });
    expect(await byName('Nowhere Co')).toMatchObject({ billingAddress: null });
    // As each country writes its addresses (the postalAddress transform).
    expect(await byName('Bay Co')).toMatchObject({ billingAddress: '1 Market St\nSan Francisco, CA 94105', country: 'US' });
    expect(await byName('Thames Co')).toMatchObject({ billingAddress: '10 Downing Street\nLondon\nSW1A 2AA', country: 'GB' });
    expect((await importFiles(t.ctx, BUILT_IN_MAPPINGS.hubspot, [companies])).summary.totals).toMatchObject({ rows: 4, unchanged: 4 });
  });

  it('maps one column of a generic mapping to billingAddress (multi-line cell; a changed address updates, the same one is unchanged)', async () => {
    const mapping = accountMapping({ name: 'test-addresses', sourceSystem: 'addresses' });
    const fields = mapping.files[0]!.records![0]!.fields;
    fields['billingAddress'] = { column: 'address', optional: true };
    const file = (address: string) => csvFile('accounts.csv', `id,name,currency,parent_id,address\na1,Generic Address Ltd,GBP,,"${address}"\n`);
    const first = await importFiles(t.ctx, mapping, [file('10 Downing Street\r\nLondon\r\nSW1A 2AA')]);
    expect(first.errors).toEqual([]);
    const [account] = (await listAccounts(t.ctx, { q: 'Generic Address' })).data;
    expect(account?.billingAddress).toBe('10 Downing Street\nLondon\nSW1A 2AA');
    expect((await importFiles(t.ctx, mapping, [file(' 10 Downing Street \n London\n\nSW1A 2AA')])).summary.totals).toMatchObject({ unchanged: 1 });
    expect((await importFiles(t.ctx, mapping, [file('11 Downing Street\nLondon\nSW1A 2AB')])).summary.totals).toMatchObject({ updated: 1 });
    expect((await getAccount(t.ctx, account!.id)).billingAddress).toBe('11 Downing Street\nLondon\nSW1A 2AB');
    const tooLong = await importFiles(t.ctx, mapping, [file('1\n2\n3\n4\n5\n6\n7')]);
    expect(tooLong.errors).toEqual([expect.objectContaining({ reason: expect.stringContaining('at most 6 lines') })]);
  });

  it('imports Stripe customers, subscriptions, invoices and payments into billing', async () => {
    const files = [
      csvFile('unified_payments.csv', 'id,Customer ID,Amount,Currency,Created (UTC),Status,Invoice ID\nch_1,cus_1,29.00,usd,2024-02-01 10:00,Paid,in_1\n'),
      csvFile('invoices.csv', 'id,Customer,Subscription,Number,Status,Currency,Date (UTC),Subtotal,Tax,Total,Amount Paid,Amount Due\nin_1,cus_1,sub_1,INV-0001,paid,usd,2024-02-01 09:00,29.00,0.00,29.00,29.00,0.00\n'),
      csvFile('subscriptions.csv', 'id,Customer ID,Plan,Quantity,Amount,Currency,Interval,Status,Start (UTC),Cancel At Period End\nsub_1,cus_1,Pro,1,29.00,usd,month,active,2024-02-01 09:00,false\n'),
      csvFile('unified_customers.csv', 'id,Name,Email,Created (UTC),Currency,Address Line1,Address Line2,Address City,Address State,Address Postal Code,Address Country\n'
        + 'cus_1,Stripe Customer,sc@example.com,2024-01-31 12:00,usd,354 Oyster Point Blvd,Suite 100,South San Francisco,CA,94080,US\n'),
    ];
    const run = await importFiles(t.ctx, BUILT_IN_MAPPINGS.stripe, files);
    expect(run.errors).toEqual([]);
    expect(run.summary.totals).toMatchObject({ rows: 4, created: 4 });
    const subscription = (await listSubscriptions(t.ctx, {})).data[0];
    expect(subscription).toMatchObject({ currency: 'USD', startDate: '2024-02-01' });
    expect((await listInvoices(t.ctx, {})).data[0]).toMatchObject({ number: 'INV-0001', status: 'paid', totalMinor: 2900n });
    expect((await listPayments(t.ctx, {})).data[0]).toMatchObject({ amountMinor: 2900n, currency: 'USD' });
    // Lines 1 and 2, then "City, ST 94080" as a US address is written: the address as lines, the country its own field.
    expect((await listAccounts(t.ctx, { q: 'Stripe Customer' })).data[0])
      .toMatchObject({ billingAddress: '354 Oyster Point Blvd\nSuite 100\nSouth San Francisco, CA 94080', country: 'US' });
    const again = await importFiles(t.ctx, BUILT_IN_MAPPINGS.stripe, files);
    expect(again.summary.totals).toMatchObject({ rows: 4, unchanged: 4 });
  });
});
