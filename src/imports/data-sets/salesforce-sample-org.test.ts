import { expect } from 'vitest';
import { listAccounts } from '../../crm/index.ts';
import { describeDataSet } from '../test-fixtures/data-set-import.ts';

describeDataSet('salesforce-sample-org', {
  async check(t) {
    const byName = async (name: string) => (await listAccounts(t.ctx, { q: name, limit: 5 })).data.find((account) => account.name === name);
    // Billing* columns composed as lines the way the country writes them (US: "City, ST 74929"). The country is its own field.
    expect(await byName('Walker Henson and Compton')).toMatchObject({ billingAddress: '757 William Pass Apt. 782\nKatherinemouth, ID 74929', country: 'US' });
    // No Billing* values at all: no address (not a blank one).
    expect(await byName('Sample Account for Entitlements')).toMatchObject({ billingAddress: null, country: null });
    const withAddress = (await listAccounts(t.ctx, { limit: 100 })).data.filter((account) => account.billingAddress !== null);
    expect(withAddress).toHaveLength(20);
  },
});
