import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { listAccounts, listContacts, listLeads, listOpportunities } from '../../crm/index.ts';
import { BUILT_IN_MAPPINGS } from '../sources/index.ts';
import { csvFile, importFiles } from '../test-fixtures/import-fixtures.ts';

// A Salesforce org's converted leads name the account and contact their conversion made, and
// those records are in the same export: the import links them instead of making copies.
const ACCOUNTS = 'Id,Name\n001A,Acme\n';
const CONTACTS = 'Id,AccountId,FirstName,LastName,Email\n003A,001A,Ada,Lovelace,ada@acme.com\n';
const OPPORTUNITIES = 'Id,AccountId,Name,StageName,Amount,CloseDate\n006A,001A,Acme – analytics,Prospecting,12000,2026-06-30\n';
const LEADS = 'Id,FirstName,LastName,Email,Company,Status,IsConverted,ConvertedAccountId,ConvertedContactId,ConvertedOpportunityId\n'
  + '00QA,Ada,Lovelace,ada@acme.com,Acme,Closed - Converted,1,001A,003A,006A\n'
  + '00QB,Bob,Open,bob@beta.com,Beta,Open - Not Contacted,0,,,\n';

describe('importing converted leads', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('links a Salesforce converted lead to the account, contact and opportunity its conversion made, whatever the file order', async () => {
    const files = () => [csvFile('Lead.csv', LEADS), csvFile('Opportunity.csv', OPPORTUNITIES), csvFile('Contact.csv', CONTACTS), csvFile('Account.csv', ACCOUNTS)];
    const run = await importFiles(t.ctx, BUILT_IN_MAPPINGS.salesforce, files());
    expect(run.errors).toEqual([]);
    expect(run.summary.entities).toMatchObject({ account: { created: 1 }, contact: { created: 1 }, opportunity: { created: 1 }, lead: { created: 2, rejected: 0 } });
    const [opportunity] = (await listOpportunities(t.ctx, {})).data;
    expect((await listOpportunities(t.ctx, {})).data).toHaveLength(1);
    const [account] = (await listAccounts(t.ctx, {})).data;
    const [contact] = (await listContacts(t.ctx, {})).data;
    expect((await listAccounts(t.ctx, {})).data).toHaveLength(1);
    expect((await listContacts(t.ctx, {})).data).toHaveLength(1);
    const leads = (await listLeads(t.ctx, { sort: 'createdAt' })).data;
    expect(leads.map((l) => [l.email, l.stage, l.convertedAccountId, l.convertedContactId, l.convertedOpportunityId])).toEqual(expect.arrayContaining([
      ['ada@acme.com', 'converted', account!.id, contact!.id, opportunity!.id],
      ['bob@beta.com', 'new', null, null, null],
    ]));
    const again = await importFiles(t.ctx, BUILT_IN_MAPPINGS.salesforce, files().reverse());
    expect(again.summary.totals).toMatchObject({ created: 0, updated: 0, rejected: 0, unchanged: 5 });
  });

  it('converts a lead whose e-mail a contact already has by linking that contact and its account, not by rejecting the row', async () => {
    const mapping = {
      name: 'conv', description: 'leads converted in the source', sourceSystem: 'conv',
      files: [
        { match: 'contacts.csv', records: [{ entity: 'contact' as const, externalId: 'id', fields: { email: 'email', lastName: 'name' } }] },
        { match: 'leads.csv', records: [{ entity: 'lead' as const, externalId: 'id', fields: { email: 'email', lastName: 'name', company: 'company', converted: 'converted', accountCurrency: { value: 'EUR' } } }] },
      ],
    };
    const run = await importFiles(t.ctx, mapping, [
      csvFile('contacts.csv', 'id,email,name\nc1,Grace@Navy.mil,Hopper\n'),
      csvFile('leads.csv', 'id,email,name,company,converted\nl1,grace@navy.mil,Hopper,US Navy,true\n'),
    ]);
    expect(run.errors).toEqual([]);
    expect(run.summary.entities['lead']).toMatchObject({ created: 1, rejected: 0 });
    const contacts = (await listContacts(t.ctx, { q: 'Hopper' })).data;
    expect(contacts).toHaveLength(1);
    const lead = (await listLeads(t.ctx, { q: 'Hopper' })).data[0];
    expect(lead).toMatchObject({ stage: 'converted', convertedContactId: contacts[0]!.id });
    expect(contacts[0]!.accountId).toBe(lead!.convertedAccountId);
  });
});
