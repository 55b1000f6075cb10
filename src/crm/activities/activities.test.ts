import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { makeAccountInput } from '../fixtures.ts';
import { createAccount } from '../index.ts';
import { auditTrailOf, makeContactInput } from '../contacts/fixtures.ts';
import { createContact } from '../contacts/index.ts';
import { createScopeWorld, rejectionOf } from '../contacts/test-fixtures/scope-world.ts';
import { makeLeadInput } from '../leads/fixtures.ts';
import { createLead } from '../leads/index.ts';
import { makeActivityInput } from './fixtures.ts';
import { createActivity, deleteActivity, getActivity, listActivities, updateActivity, type ListActivitiesQuery } from './index.ts';

describe('activities', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());
  const at = () => new Date(t.clock.now().epochMilliseconds).toISOString();

  it('logs a call at its instant (normalized to UTC) and soft-deletes it, auditing each write', async () => {
    const account = await createAccount(t.ctx, makeAccountInput());
    const call = await createActivity(t.ctx, { type: 'call', subject: ' Discovery ', occurredAt: '2026-01-14T10:30:00+01:00', accountId: account.id });
    expect(call).toMatchObject({
      id: expect.stringMatching(/^act_[0-9A-Z]{26}$/), type: 'call', subject: 'Discovery', occurredAt: '2026-01-14T09:30:00.000Z',
      status: null, dueDate: null, accountId: account.id, version: 1,
    });
    const same = await updateActivity(t.ctx, { id: call.id, expectedVersion: 1, changes: { occurredAt: '2026-01-14T09:30:00Z' } });
    expect(same.version).toBe(1);
    await deleteActivity(t.ctx, { id: call.id, expectedVersion: 1 });
    expect((await rejectionOf(getActivity(t.ctx, call.id))).code).toBe('not_found');
    expect((await auditTrailOf(t.ctx, 'activity', call.id)).map((r) => r.action)).toEqual(['create', 'delete']);
  });

  it('keeps tasks open until completed, stamping occurredAt at completion and clearing it on reopen', async () => {
    const task = await createActivity(t.ctx, { type: 'task', subject: 'Send proposal', dueDate: '2026-01-20' });
    expect(task).toMatchObject({ status: 'open', occurredAt: null, dueDate: '2026-01-20' });
    t.clock.advance({ hours: 2 });
    const done = await updateActivity(t.ctx, { id: task.id, expectedVersion: 1, changes: { status: 'completed' } });
    expect(done).toMatchObject({ status: 'completed', occurredAt: at() });
    const reopened = await updateActivity(t.ctx, { id: task.id, expectedVersion: 2, changes: { status: 'open' } });
    expect(reopened).toMatchObject({ status: 'open', occurredAt: null });
    const backdated = await createActivity(t.ctx, { type: 'task', subject: 'Done earlier', status: 'completed', occurredAt: '2026-01-02T08:00:00Z' });
    expect(backdated.occurredAt).toBe('2026-01-02T08:00:00.000Z');
  });

  it('names the field for timing that does not fit the type, bad dates and instants, and unknown links', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ type: 'meeting', subject: 'x' }, 'body.occurredAt'],
      [{ type: 'call', subject: 'x', occurredAt: '2026-01-01T00:00:00Z', dueDate: '2026-01-02' }, 'body.dueDate'],
      [{ type: 'email', subject: 'x', occurredAt: '2026-01-01T00:00:00Z', status: 'open' }, 'body.status'],
      [{ type: 'task', subject: 'x', occurredAt: '2026-01-01T00:00:00Z' }, 'body.occurredAt'],
      [{ type: 'task', subject: 'x', dueDate: '2026-02-29' }, 'body.dueDate'],
      [{ type: 'call', subject: 'x', occurredAt: '2026-01-01 10:00' }, 'body.occurredAt'],
      [{ type: 'call', subject: 'x', occurredAt: '2026-01-01T10:00:00' }, 'body.occurredAt'],
      [{ type: 'fax', subject: 'x' }, 'body.type'],
      [{ ...makeActivityInput(), contactId: 'cont_missing' }, 'body.contactId'],
      [{ ...makeActivityInput(), leadId: 'lead_missing' }, 'body.leadId'],
      [{ ...makeActivityInput(), accountId: 'acct_missing' }, 'body.accountId'],
      [{ ...makeActivityInput(), opportunityId: 'opp_missing' }, 'body.opportunityId'],
    ];
    for (const [input, field] of cases) {
      const error = await rejectionOf(createActivity(t.ctx, input as never));
      expect(error.code, JSON.stringify(input)).toBe('validation_failed');
      expect(error.fieldErrors?.map((f) => f.field), JSON.stringify(input)).toEqual([field]);
    }
  });

  it('lists a timeline by account, contact or lead with half-open date ranges, open tasks first', async () => {
    const account = await createAccount(t.ctx, makeAccountInput());
    const contact = await createContact(t.ctx, makeContactInput({ accountId: account.id }));
    const lead = await createLead(t.ctx, makeLeadInput());
    const jan10 = await createActivity(t.ctx, makeActivityInput({ accountId: account.id, occurredAt: '2026-01-10T00:00:00Z' }));
    const jan11 = await createActivity(t.ctx, makeActivityInput({ type: 'meeting', accountId: account.id, contactId: contact.id, occurredAt: '2026-01-11T12:00:00Z' }));
    const jan12 = await createActivity(t.ctx, makeActivityInput({ type: 'email', accountId: account.id, occurredAt: '2026-01-12T00:00:00Z' }));
    const open = await createActivity(t.ctx, makeActivityInput({ type: 'task', accountId: account.id, dueDate: '2026-01-31' }));
    const forLead = await createActivity(t.ctx, makeActivityInput({ leadId: lead.id }));
    const ids = async (query: ListActivitiesQuery) => (await listActivities(t.ctx, query)).data.map((a) => a.id);
    expect(await ids({ accountId: account.id })).toEqual([open.id, jan12.id, jan11.id, jan10.id]);
    expect(await ids({ accountId: account.id, order: 'asc', limit: 2 })).toEqual([jan10.id, jan11.id]);
    expect(await ids({ accountId: account.id, occurredFrom: '2026-01-10T00:00:00Z', occurredBefore: '2026-01-12T00:00:00Z' })).toEqual([jan11.id, jan10.id]);
    expect(await ids({ contactId: contact.id })).toEqual([jan11.id]);
    expect(await ids({ leadId: lead.id })).toEqual([forLead.id]);
    expect(await ids({ accountId: account.id, type: 'task', dueFrom: '2026-01-31', dueBefore: '2026-02-01' })).toEqual([open.id]);
    expect(await ids({ accountId: account.id, dueBefore: '2026-01-31' })).toEqual([]);
    // Walking small pages in both directions sees every row once, the open task included.
    for (const order of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i += 1) {
        const page = await listActivities(t.ctx, { accountId: account.id, order, limit: 1, ...(cursor ? { cursor } : {}) });
        seen.push(...page.data.map((a) => a.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen).toEqual(order === 'desc' ? [open.id, jan12.id, jan11.id, jan10.id] : [jan10.id, jan11.id, jan12.id, open.id]);
    }
  });

  it('shows a rep the team\'s activities and those on records the rep can see', async () => {
    const w = await createScopeWorld(t.ctx, 'activities');
    const teamAccount = await createAccount(t.ctx, makeAccountInput({ ownerUserId: w.users.teammate.id }));
    const teamLead = await createLead(t.ctx, makeLeadInput({ ownerUserId: w.users.manager.id }));
    const own = await createActivity(t.ctx, makeActivityInput({ ownerUserId: w.users.teammate.id, subject: 'scope own' }));
    const onAccount = await createActivity(t.ctx, makeActivityInput({ ownerUserId: w.users.outsider.id, accountId: teamAccount.id, subject: 'scope account' }));
    const onLead = await createActivity(t.ctx, makeActivityInput({ ownerUserId: w.users.outsider.id, leadId: teamLead.id, subject: 'scope lead' }));
    const foreign = await createActivity(t.ctx, makeActivityInput({ ownerUserId: w.users.outsider.id, subject: 'scope foreign' }));
    const rep = w.as(w.users.rep);
    const visible = (await listActivities(rep, { q: 'scope', limit: 100 })).data.map((a) => a.id).sort();
    expect(visible).toEqual([own.id, onAccount.id, onLead.id].sort());
    expect((await rejectionOf(getActivity(rep, foreign.id))).code).toBe('not_found');
    expect((await rejectionOf(createActivity(rep, makeActivityInput({ ownerUserId: w.users.outsider.id })))).code).toBe('forbidden');
    expect((await createActivity(rep, makeActivityInput({ accountId: teamAccount.id }))).ownerUserId).toBe(w.users.rep.id);
  });
});
