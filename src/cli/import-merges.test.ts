import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { getContact, listContacts } from '../crm/index.ts';
import { compileImportMapping, memoryErrorSink, parseMapping, runImport, bufferFile, type MappingInput } from '../imports/index.ts';
import { mergeAccounts } from '../quality/index.ts';
import { resolveMergedRecords } from './import-merges.ts';

const MAPPING: MappingInput = {
  name: 'merges', description: 'accounts and contacts', sourceSystem: 'mergesrc', defaults: { currency: 'EUR' },
  files: [
    { match: 'accounts.csv', records: [{ entity: 'account', externalId: 'id', fields: { name: 'name' } }] },
    { match: 'contacts.csv', records: [{ entity: 'contact', externalId: 'id', fields: { accountId: 'account', lastName: 'name' } }] },
  ],
};
const ACCOUNTS = bufferFile('accounts.csv', Buffer.from('id,name\nM1,Merge Survivor GmbH\nM2,Merge Survivor\n'));

async function run(t: TestContext, files = [ACCOUNTS]) {
  return runImport(t.ctx, { mapping: compileImportMapping(parseMapping(MAPPING)), source: 'test', files, dryRun: false, errors: memoryErrorSink(), resolveMerged: resolveMergedRecords });
}

describe('imports follow accounts merged by identity resolution', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('counts the merged-away account as merged and links new rows to its survivor', async () => {
    await run(t);
    const keys = await t.ctx.db.withTables<{ import_keys: { external_id: string; record_id: string } }>()
      .selectFrom('import_keys').select(['external_id', 'record_id']).where('external_id', 'in', ['M1', 'M2']).orderBy('external_id').execute();
    const [survivor, merged] = keys.map((k) => k.record_id);
    await mergeAccounts(t.ctx, { survivorId: survivor!, mergedId: merged!, scoreBps: 9000, reasons: [{ rule: 'name', value: 'merge survivor', score: 0.9 }] });
    const contacts = bufferFile('contacts.csv', Buffer.from('id,account,name\nC1,M2,Carla\n'));
    const summary = await run(t, [ACCOUNTS, contacts]);
    expect(summary.entities['account']).toEqual({ created: 0, updated: 0, unchanged: 1, merged: 1, rejected: 0 });
    const contact = (await listContacts(t.ctx, { q: 'Carla' })).data[0]!;
    expect((await getContact(t.ctx, contact.id)).accountId).toBe(survivor);
  });
});
