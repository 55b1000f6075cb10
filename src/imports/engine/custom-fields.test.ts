import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { createDefinition, listAccounts } from '../../crm/index.ts';
import { csvFile, importFiles } from '../test-fixtures/import-fixtures.ts';
import type { MappingInput } from '../mapping/schema.ts';

const MAPPING: MappingInput = {
  name: 'custom-fields',
  description: 'accounts with typed custom fields',
  sourceSystem: 'cfsrc',
  files: [{
    match: 'accounts.csv',
    records: [{
      entity: 'account',
      externalId: 'id',
      fields: {
        name: 'name',
        currency: 'currency',
        'customFields.contract_value': { column: 'contract', type: 'money', currencyColumn: 'currency' },
        'customFields.seats': { column: 'seats', type: 'decimal' },
        'customFields.tier': 'tier',
      },
    }],
  }],
};

describe('imported custom fields go through the entity definitions', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await createDefinition(t.ctx, { entityType: 'account', key: 'contract_value', label: 'Contract value', type: 'money' });
    await createDefinition(t.ctx, { entityType: 'account', key: 'seats', label: 'Seats', type: 'number' });
    await createDefinition(t.ctx, { entityType: 'account', key: 'tier', label: 'Tier', type: 'picklist', picklistOptions: ['Gold', 'Silver'] });
  });
  afterAll(() => t.close());

  it('stores normalized values and rejects only the row with a value its definition refuses', async () => {
    const csv = 'id,name,currency,contract,seats,tier\n'
      + 'K1,Kappa,EUR,1234.56,12345678901234567890.50,gold\n'
      + 'K2,Lambda,JPY,1500,3,Bronze\n'
      + 'K3,Mu,USD,,,\n';
    const run = await importFiles(t.ctx, MAPPING, [csvFile('accounts.csv', csv)]);
    expect(run.summary.entities).toEqual({ account: { created: 2, updated: 0, unchanged: 0, merged: 0, rejected: 1 } });
    expect(run.errors).toEqual([
      { file: 'accounts.csv', line: 3, field: 'tier', value: 'Bronze', reason: 'account.customFields.tier: expected one of: Gold, Silver' },
    ]);
    const accounts = (await listAccounts(t.ctx, { sort: 'name' })).data;
    expect(accounts.map((a) => [a.name, a.customFields])).toEqual([
      ['Kappa', { contract_value: { amountMinor: 123456, currency: 'EUR' }, seats: '12345678901234567890.5', tier: 'Gold' }],
      ['Mu', {}],
    ]);
  });

  it('re-imports as unchanged, and a fixed row is then created', async () => {
    const csv = 'id,name,currency,contract,seats,tier\n'
      + 'K1,Kappa,EUR,1234.56,12345678901234567890.50,gold\n'
      + 'K2,Lambda,JPY,1500,3,Silver\n'
      + 'K3,Mu,USD,,,\n';
    const run = await importFiles(t.ctx, MAPPING, [csvFile('accounts.csv', csv)]);
    expect(run.errors).toEqual([]);
    expect(run.summary.entities).toEqual({ account: { created: 1, updated: 0, unchanged: 2, merged: 0, rejected: 0 } });
    const lambda = (await listAccounts(t.ctx, { q: 'Lambda' })).data[0];
    expect(lambda?.customFields).toEqual({ contract_value: { amountMinor: 1500, currency: 'JPY' }, seats: '3', tier: 'Silver' });
  });

  it('reads a custom field the mapping does not type as its definition types it, with the mapping\'s date format and separators', async () => {
    await createDefinition(t.ctx, { entityType: 'account', key: 'renewal_date', label: 'Renewal', type: 'date' });
    const mapping: MappingInput = {
      name: 'untyped', description: 'custom fields typed by their definitions', sourceSystem: 'untyped',
      defaults: { currency: 'EUR', dateFormat: 'DD.MM.YYYY', decimalSeparator: ',', thousandsSeparator: '.' },
      files: [{ match: 'kunden.csv', records: [{ entity: 'account', externalId: 'nr', fields: {
        name: 'name', 'customFields.renewal_date': 'renewal', 'customFields.seats': 'seats', 'customFields.contract_value': 'contract', 'customFields.tier': 'tier',
      } }] }],
    };
    const csv = 'nr;name;renewal;seats;contract;tier\nN1;Nu;31.12.2026;1.234,5;1.234,56;silver\nN2;Xi;31.02.2026;1;1;Gold\n';
    const run = await importFiles(t.ctx, mapping, [csvFile('kunden.csv', csv)]);
    expect(run.errors).toEqual([{ file: 'kunden.csv', line: 3, field: 'renewal', value: '31.02.2026', reason: 'customFields.renewal_date: not a date in the format DD.MM.YYYY' }]);
    const nu = (await listAccounts(t.ctx, { q: 'Nu' })).data[0];
    expect(nu?.customFields).toEqual({ renewal_date: '2026-12-31', seats: '1234.5', contract_value: { amountMinor: 123456, currency: 'EUR' }, tier: 'Silver' });
  });
});
