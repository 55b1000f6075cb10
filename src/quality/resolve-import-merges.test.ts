import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { getContact, listContacts } from '../crm/index.ts';
import { bufferFile, compileImportMapping, memoryErrorSink, parseMapping, runImport, type MappingInput } from '../imports/index.ts';
import { mergeAccounts } from './index.ts';
import { resolveImportMerges } from './resolve-import-merges.ts';

const MAPPING: MappingInput = {
  name: 'merges', description: 'accounts and contacts', sourceSystem: 'mergesrc', defaults: { currency: 'EUR' },
  files: [
    { match: 'accounts.csv', records: [{ entity: 'account', externalId: 'id', fields: { name: 'name' } }] },
    { match: 'contacts.csv', records: [{ entity: 'contact', externalId: 'id', fields: { accountId: 'account', lastName: 'name' } }] },
  ],
};
const ACCOUNTS = 'id,name\nM1,Merge Survivor GmbH\nM2,Merge Survivor\n';
const byHand = { scoreBps: 9000, reasons: [{ rule: 'name' as const, value: 'merge survivor', score: 0.9 }] };

async function keyedIds(ctx: TestContext['ctx'], externalIds: string[]): Promise<string[]> {
  const keys = await ctx.db.withTables<{ import_keys: { external_id: string; record_id: string; source_system: string } }>()
    .selectFrom('import_keys').select(['external_id', 'record_id'])
    .where('source_system', '=', 'mergesrc').where('external_id', 'in', externalIds).orderBy('external_id').execute();
  return keys.map((k) => k.record_id);
}

describe('imports through the CLI engine follow accounts merged by identity resolution', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const run = (files: Array<[string, string]>) => runImport(t.ctx, {
    mapping: compileImportMapping(parseMapping(MAPPING)), source: 'test', dryRun: false, errors: memoryErrorSink(), resolveMerged: resolveImportMerges,
    files: files.map(([name, text]) => bufferFile(name, Buffer.from(text))),
  });

  it('counts the merged-away account as merged and links new rows to its survivor', async () => {
    await run([['accounts.csv', ACCOUNTS]]);
    const [survivor, merged] = await keyedIds(t.ctx, ['M1', 'M2']);
    await mergeAccounts(t.ctx, { survivorId: survivor!, mergedId: merged!, ...byHand });
    const summary = await run([['accounts.csv', ACCOUNTS], ['contacts.csv', 'id,account,name\nC1,M2,Carla\n']]);
    expect(summary.entities['account']).toEqual({ created: 0, updated: 0, unchanged: 1, merged: 1, rejected: 0 });
    const contact = (await listContacts(t.ctx, { q: 'Carla' })).data[0]!;
    expect((await getContact(t.ctx, contact.id)).accountId).toBe(survivor);
  });

  it('answers only for merged entities, and nothing for ids that were never merged', async () => {
    expect(await resolveImportMerges(t.ctx, 'opportunity', ['opp_x'])).toEqual(new Map());
    expect(await resolveImportMerges(t.ctx, 'account', ['acct_never_merged'])).toEqual(new Map());
  });
});

describe('POST /imports resolves merges the same way', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('counts the merged-away account as merged and links a contact to its survivor', async () => {
    // The API takes shipped mappings only; this one goes through the built-in salesforce source instead.
    const accounts = 'Id,Name,BillingCountry\n001M1,Merge Survivor GmbH,Germany\n001M2,Merge Survivor,Germany\n';
    const first = await t.request('revops', { method: 'POST', url: '/api/v1/imports?source=salesforce&file=Account.csv', headers: { 'content-type': 'text/csv' }, payload: accounts });
    expect(first.statusCode).toBe(200);
    const keys = await t.ctx.db.withTables<{ import_keys: { external_id: string; record_id: string; source_system: string } }>()
      .selectFrom('import_keys').select(['external_id', 'record_id'])
      .where('source_system', '=', 'salesforce').where('external_id', 'in', ['001M1', '001M2']).orderBy('external_id').execute();
    const [survivor, merged] = keys.map((k) => k.record_id);
    await mergeAccounts(t.ctx, { survivorId: survivor!, mergedId: merged!, ...byHand });

    const again = await t.request('revops', { method: 'POST', url: '/api/v1/imports?source=salesforce&file=Account.csv', headers: { 'content-type': 'text/csv' }, payload: accounts });
    expect((again.json() as { summary: { entities: Record<string, unknown> } }).summary.entities['account'])
      .toEqual({ created: 0, updated: 0, unchanged: 1, merged: 1, rejected: 0 });
    const contacts = 'Id,AccountId,LastName,Email\n003C1,001M2,Carla,carla@merge-survivor.example\n';
    const response = await t.request('revops', { method: 'POST', url: '/api/v1/imports?source=salesforce&file=Contact.csv', headers: { 'content-type': 'text/csv' }, payload: contacts });
    expect(response.statusCode).toBe(200);
    expect((response.json() as { errors: unknown[] }).errors).toEqual([]);
    const contact = (await listContacts(t.ctx, { q: 'Carla' })).data[0]!;
    expect(contact.accountId).toBe(survivor);
  });
});
