import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { auditTrailOf } from '../contacts/fixtures.ts';
import { rejectionOf } from '../contacts/test-fixtures/scope-world.ts';
import { makeLeadInput } from './fixtures.ts';
import { createLead, createLeadStatus, listLeadStatuses, updateLead, updateLeadStatus } from './index.ts';

describe('the configurable lead lifecycle', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());
  const defaults = async () => (await listLeadStatuses(t.ctx)).data.filter((s) => s.isDefault).map((s) => s.key);

  it('is seeded with New, Working, MQL, SQL, Converted and Disqualified, New the default', async () => {
    expect((await listLeadStatuses(t.ctx)).data.map((s) => [s.key, s.label, s.stage, s.isDefault])).toEqual([
      ['new', 'New', 'new', true], ['working', 'Working', 'new', false], ['mql', 'MQL', 'mql', false],
      ['sql', 'SQL', 'sql', false], ['converted', 'Converted', 'converted', false], ['disqualified', 'Disqualified', 'disqualified', false],
    ]);
  });

  it('adds a status in a stage, which leads can then enter (stamping that stage)', async () => {
    const nurture = await createLeadStatus(t.ctx, { key: 'Nurture', label: 'Nurture', stage: 'mql', sortOrder: 35 });
    expect(nurture).toMatchObject({ key: 'nurture', stage: 'mql', isDefault: false, version: 1 });
    const lead = await createLead(t.ctx, makeLeadInput());
    const moved = await updateLead(t.ctx, { id: lead.id, expectedVersion: 1, changes: { status: 'nurture' } });
    expect(moved).toMatchObject({ status: 'nurture', stage: 'mql', mqlAt: expect.any(String) });
    expect((await rejectionOf(createLeadStatus(t.ctx, { key: 'nurture', label: 'Again', stage: 'new', sortOrder: 1 }))).code).toBe('conflict');
    expect((await listLeadStatuses(t.ctx)).data.map((s) => s.key).indexOf('nurture')).toBe(3);
  });

  it('moves the default flag so that exactly one status is the default, and only to an open stage', async () => {
    const inbound = await createLeadStatus(t.ctx, { key: 'inbound', label: 'Inbound', stage: 'new', sortOrder: 5, isDefault: true });
    expect(inbound.isDefault).toBe(true);
    expect(await defaults()).toEqual(['inbound']);
    expect((await createLead(t.ctx, makeLeadInput())).status).toBe('inbound');
    const back = await updateLeadStatus(t.ctx, { key: 'new', expectedVersion: 2, changes: { isDefault: true, label: 'Fresh' } });
    expect(back).toMatchObject({ isDefault: true, label: 'Fresh', version: 3 });
    expect(await defaults()).toEqual(['new']);
    const refused = await rejectionOf(updateLeadStatus(t.ctx, { key: 'disqualified', expectedVersion: 1, changes: { isDefault: true } }));
    expect(refused).toMatchObject({ code: 'business_rule_violated', fieldErrors: [expect.objectContaining({ field: 'body.isDefault' })] });
    expect((await rejectionOf(createLeadStatus(t.ctx, { key: 'won', label: 'Won', stage: 'converted', sortOrder: 99, isDefault: true }))).code).toBe('business_rule_violated');
    expect(await defaults()).toEqual(['new']);
    expect((await auditTrailOf(t.ctx, 'lead_status', 'new')).map((r) => r.action)).toEqual(['update', 'update']);
  });

  it('refuses a stale version, unknown keys and attempts to change stage or key', async () => {
    expect((await rejectionOf(updateLeadStatus(t.ctx, { key: 'mql', expectedVersion: 7, changes: { label: 'x' } }))).code).toBe('version_conflict');
    expect((await rejectionOf(updateLeadStatus(t.ctx, { key: 'nope', expectedVersion: 1, changes: { label: 'x' } }))).code).toBe('not_found');
    const stage = await rejectionOf(updateLeadStatus(t.ctx, { key: 'mql', expectedVersion: 1, changes: { stage: 'sql' } as never }));
    expect(stage.code).toBe('validation_failed');
  });
});
