import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { listAccounts } from '../../crm/index.ts';
import type { MappingInput } from '../mapping/schema.ts';
import { countRows, csvFile, importFiles } from '../test-fixtures/import-fixtures.ts';

const CRM: MappingInput = {
  name: 'crm', description: 'accounts and contacts', sourceSystem: 'crmsrc', defaults: { currency: 'EUR' },
  files: [
    { match: 'accounts*.csv', records: [{ entity: 'account', externalId: 'id', fields: { name: 'name', parentAccountId: 'parent' } }] },
    { match: 'contacts*.csv', records: [{ entity: 'contact', externalId: 'id', fields: { accountId: 'account', lastName: 'name', email: 'email' } }] },
    {
      match: 'pairs*.csv',
      records: [
        { entity: 'account', externalId: 'acct', fields: { name: 'company' } },
        { entity: 'contact', externalId: 'person', fields: { accountId: 'acct', lastName: 'name', email: 'email' } },
      ],
    },
  ],
};

describe('runImport: relations, rejections, duplicates, merges', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('resolves relations whatever order the files and rows come in, and rejects what never appears', async () => {
    const contacts = csvFile('contacts.csv', 'id,account,name,email\nP1,K2,Ann,ann@example.com\nP2,K9,Bob,bob@example.com\n');
    // K2's parent K3 comes later in the same file: K2 waits for the retry at the end of the run.
    const accounts = csvFile('accounts.csv', 'id,name,parent\nK1,Kilo,\nK2,Kilo Child,K3\nK3,Kilo Parent,\n');
    const run = await importFiles(t.ctx, CRM, [contacts, accounts], { batchSize: 2 });
    expect(run.summary.files.map((f) => [f.file, f.created, f.rejected])).toEqual([['accounts.csv', 3, 0], ['contacts.csv', 1, 1]]);
    expect(run.errors).toEqual([{ file: 'contacts.csv', line: 3, field: 'account', value: 'K9', reason: 'account K9 not found' }]);
    const accountsNow = (await listAccounts(t.ctx, { q: 'Kilo', sort: 'name' })).data;
    expect(accountsNow.find((a) => a.name === 'Kilo Child')?.parentAccountId).toBe(accountsNow.find((a) => a.name === 'Kilo Parent')?.id);
  });

  it('resolves chains of references listed children first, however deep, in as many retries as it takes', async () => {
    // Great-grandchild first: each row waits for the next one, which itself waits.
    const accounts = csvFile('accounts-chain.csv', 'id,name,parent\nH4,Hotel 4,H3\nH3,Hotel 3,H2\nH2,Hotel 2,H1\nH1,Hotel 1,\n');
    const contacts = csvFile('contacts-chain.csv', 'id,account,name,email\nHC,H4,Hal,hal@hotel.example\n');
    const run = await importFiles(t.ctx, CRM, [contacts, accounts], { batchSize: 2 });
    expect(run.errors).toEqual([]);
    expect(run.summary.entities).toMatchObject({ account: { created: 4, rejected: 0 }, contact: { created: 1, rejected: 0 } });
    const hotels = (await listAccounts(t.ctx, { q: 'Hotel', sort: 'name' })).data;
    const idOf = (name: string) => hotels.find((a) => a.name === name)?.id;
    expect(hotels.map((a) => [a.name, a.parentAccountId])).toEqual([
      ['Hotel 1', null], ['Hotel 2', idOf('Hotel 1')], ['Hotel 3', idOf('Hotel 2')], ['Hotel 4', idOf('Hotel 3')],
    ]);
  });

  it('rejects a record that names itself, and records that name each other, saying so', async () => {
    const accounts = csvFile('accounts-loops.csv', 'id,name,parent\nL1,Lima,L1\nL2,Lima Two,L3\nL3,Lima Three,L2\n');
    const run = await importFiles(t.ctx, CRM, [accounts]);
    expect(run.errors).toEqual([
      { file: 'accounts-loops.csv', line: 2, field: 'parent', value: 'L1', reason: 'account L1 refers to itself' },
      { file: 'accounts-loops.csv', line: 3, field: 'parent', value: 'L3', reason: 'account L3 not found: its row (accounts-loops.csv line 4) waits for a missing record too' },
      { file: 'accounts-loops.csv', line: 4, field: 'parent', value: 'L2', reason: 'account L2 not found: its row (accounts-loops.csv line 3) was rejected' },
    ]);
  });

  it('says which rejected row a missing reference was in', async () => {
    const accounts = csvFile('accounts-bad-parent.csv', 'id,name,parent\nM9,,\nM8,Mike Child,M9\n');
    const contacts = csvFile('contacts-bad-parent.csv', 'id,account,name,email\nMC,M9,Max,max@mike.example\n');
    const run = await importFiles(t.ctx, CRM, [contacts, accounts]);
    expect(run.errors.slice(1)).toEqual([
      { file: 'accounts-bad-parent.csv', line: 3, field: 'parent', value: 'M9', reason: 'account M9 not found: its row (accounts-bad-parent.csv line 2) was rejected' },
      { file: 'contacts-bad-parent.csv', line: 2, field: 'account', value: 'M9', reason: 'account M9 not found: its row (accounts-bad-parent.csv line 2) was rejected' },
    ]);
  });

  it('rejects bad rows with their line and field, writes the good ones, and never half-writes a row', async () => {
    const before = await countRows(t.ctx, 'accounts');
    const pairs = csvFile('pairs.csv', 'acct,company,person,name,email\nQ1,Quebec,R1,Rae,rae@example.com\nQ2,Quark,R2,Rob,not-an-email\nQ3,,R3,Rex,rex@example.com\n');
    const run = await importFiles(t.ctx, CRM, [pairs]);
    expect(run.summary.files).toEqual([{ file: 'pairs.csv', rows: 3, created: 1, updated: 0, unchanged: 0, merged: 0, rejected: 2 }]);
    expect(run.errors.map((e) => [e.line, e.field, e.value])).toEqual([[3, 'email', 'not-an-email'], [4, 'company', '']]);
    expect(run.errors[0]?.reason).toMatch(/^contact\.email: /);
    // Row 3's account Q2 was written before its contact failed: the row's savepoint took it back.
    expect(await countRows(t.ctx, 'accounts')).toBe(before + 1);
  });

  it('rejects a second row with the same external id in one run, every time', async () => {
    const text = 'id,name,parent\nD1,Delta,\nD1,Delta Two,\n';
    const first = await importFiles(t.ctx, CRM, [csvFile('accounts-dup.csv', text)]);
    expect(first.errors).toEqual([{ file: 'accounts-dup.csv', line: 3, field: 'id', value: 'D1', reason: 'duplicate: account D1 appears earlier in this import' }]);
    const second = await importFiles(t.ctx, CRM, [csvFile('accounts-dup.csv', text)]);
    expect(second.summary.files[0]).toMatchObject({ unchanged: 1, rejected: 1, updated: 0 });
  });

  it('links a contact whose e-mail another contact has to that contact (merged), also on re-import', async () => {
    const text = 'id,account,name,email\nM1,K1,Mia,mia@example.com\nM2,K1,Mia Again,MIA@example.com\n';
    const first = await importFiles(t.ctx, CRM, [csvFile('contacts-merge.csv', text)]);
    expect(first.summary.entities['contact']).toEqual({ created: 1, updated: 0, unchanged: 0, merged: 1, rejected: 0 });
    const second = await importFiles(t.ctx, CRM, [csvFile('contacts-merge.csv', text)]);
    expect(second.summary.entities['contact']).toEqual({ created: 0, updated: 0, unchanged: 1, merged: 1, rejected: 0 });
  });
});
