import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createAccount, findAccount } from '../crm/index.ts';
import { buildDataQualityReport } from './data-quality-report.ts';
import { runIdentityResolution } from './index.ts';

// A parent and its subsidiaries often share a website and, legal forms aside, a name ("Acme Inc",
// "Acme GmbH" on acme.com). The hierarchy someone built or imported says they are different entities.
describe('identity resolution within an account hierarchy', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('never merges or proposes an account with its parent or an ancestor; companies of one group go to review, not merged', async () => {
    const parent = await createAccount(t.ctx, { name: 'Acme Inc', domain: 'acme.com', country: 'US', currency: 'USD' });
    const germany = await createAccount(t.ctx, { name: 'Acme GmbH', domain: 'acme.com', country: 'DE', currency: 'EUR', parentAccountId: parent.id });
    const munich = await createAccount(t.ctx, { name: 'ACME GmbH', domain: 'acme.com', country: 'DE', currency: 'EUR', parentAccountId: germany.id });
    const austria = await createAccount(t.ctx, { name: 'Acme GmbH', domain: 'acme.com', country: 'AT', currency: 'EUR', parentAccountId: parent.id });
    const stray = await createAccount(t.ctx, { name: 'Acme Incorporated', domain: 'https://acme.com', country: 'US', currency: 'USD' });

    const run = await runIdentityResolution(t.ctx);
    expect(run.failed).toEqual([]);
    // Only the record outside the hierarchy is a duplicate: of the oldest, the parent.
    expect(run.merged.map((m) => [m.survivorId, m.mergedId])).toEqual([[parent.id, stray.id]]);
    // Sisters (one parent) and cousins (one grandparent): alike enough to ask, never merged unasked.
    expect(run.queued.map((q) => [...q.accountIds].sort()).sort()).toEqual([[germany.id, austria.id].sort(), [munich.id, austria.id].sort()].sort());
    for (const queued of run.queued) expect(queued.reasons.at(-1)).toEqual({ rule: 'same_hierarchy', value: parent.id, score: 0.75 });
    for (const account of [parent, germany, munich, austria]) expect(await findAccount(t.ctx, account.id), account.name).not.toBeNull();

    const duplicates = (await buildDataQualityReport(t.ctx)).sections.find((s) => s.check === 'duplicate_accounts');
    expect(duplicates?.ids).toEqual([germany.id, austria.id, munich.id].sort());
  });
});
