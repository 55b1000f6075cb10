import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { createTeam, createUser } from '../../identity/index.ts';
import { withActor } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { makeAccountInput } from '../fixtures.ts';
import { createAccount } from '../index.ts';
import { auditTrailOf } from '../opportunities/fixtures.ts';
import { createTicket, deleteTicket, findTicket, getTicket, listTickets, updateTicket, type CreateTicketInput } from './index.ts';

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('support tickets', () => {
  let t: TestContext;
  let accountId = '';
  const input = (overrides: Partial<CreateTicketInput> = {}): CreateTicketInput => ({ accountId, subject: 'Cannot log in', ...overrides });
  beforeAll(async () => {
    t = await createTestContext();
    accountId = (await createAccount(t.ctx, makeAccountInput())).id;
  });
  afterAll(() => t.close());

  it('creates, solves, closes, reopens and deletes with one audit row per write', async () => {
    const created = await createTicket(t.ctx, input({ priority: 'high', channel: 'email', contactId: 'cont_any' }));
    expect(created).toEqual({
      id: expect.stringMatching(/^tkt_[0-9A-Z]{26}$/), accountId, contactId: 'cont_any', subject: 'Cannot log in', description: null,
      priority: 'high', status: 'open', channel: 'email', openedAt: '2026-01-15T09:00:00.000Z', firstResponseAt: null, closedAt: null,
      csat: null, sourceSystem: null, externalId: null, createdAt: '2026-01-15T09:00:00.000Z', updatedAt: '2026-01-15T09:00:00.000Z', version: 1,
    });
    t.clock.advance({ minutes: 30 });
    const answered = await updateTicket(t.ctx, { id: created.id, expectedVersion: 1, changes: { status: 'pending', firstResponseAt: '2026-01-15T10:30:00+01:00' } });
    expect(answered).toMatchObject({ status: 'pending', firstResponseAt: '2026-01-15T09:30:00.000Z', closedAt: null, version: 2 });
    t.clock.advance({ hours: 2 });
    const solved = await updateTicket(t.ctx, { id: created.id, expectedVersion: 2, changes: { status: 'solved' } });
    expect(solved).toMatchObject({ status: 'solved', closedAt: '2026-01-15T11:30:00.000Z' });
    t.clock.advance({ days: 1 });
    const closed = await updateTicket(t.ctx, { id: created.id, expectedVersion: 3, changes: { status: 'closed', csat: 5 } });
    expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-01-15T11:30:00.000Z', csat: 5 });
    const reopened = await updateTicket(t.ctx, { id: created.id, expectedVersion: 4, changes: { status: 'open' } });
    expect(reopened).toMatchObject({ status: 'open', closedAt: null, version: 5 });
    const same = await updateTicket(t.ctx, { id: created.id, expectedVersion: 5, changes: { firstResponseAt: '2026-01-15T09:30:00Z' } });
    expect(same.version).toBe(5);
    await deleteTicket(t.ctx, { id: created.id, expectedVersion: 5 });
    expect(await findTicket(t.ctx, created.id)).toBeNull();
    const trail = await auditTrailOf(t.ctx, 'ticket', created.id);
    expect(trail.map((row) => row.action)).toEqual(['create', 'update', 'update', 'update', 'update', 'delete']);
    expect(trail[3]?.after).toMatchObject({ status: 'closed', csat: 5 });
  });

  it('rejects a first response or close before the opening, and a close time on an open ticket', async () => {
    const cases: Array<[Partial<CreateTicketInput>, string[]]> = [
      [{ openedAt: '2026-01-10T10:00:00Z', firstResponseAt: '2026-01-10T09:59:59Z' }, ['body.firstResponseAt']],
      [{ openedAt: '2026-01-10T10:00:00Z', status: 'solved', closedAt: '2026-01-09T10:00:00Z' }, ['body.closedAt']],
      [{ status: 'open', closedAt: '2026-01-15T09:00:00Z' }, ['body.closedAt']],
      [{ csat: 6 }, ['body.csat']],
      [{ csat: 0 }, ['body.csat']],
      [{ priority: 'blocker' as never }, ['body.priority']],
      [{ openedAt: '15.01.2026' }, ['body.openedAt']],
      [{ accountId: 'acct_missing' }, ['body.accountId']],
    ];
    for (const [override, fields] of cases) {
      const error = await appError(createTicket(t.ctx, input(override)));
      expect(error.code, JSON.stringify(override)).toBe('validation_failed');
      expect(error.fieldErrors.map((f) => f.field), JSON.stringify(override)).toEqual(fields);
    }
    const ticket = await createTicket(t.ctx, input({ openedAt: '2026-01-10T10:00:00Z' }));
    const moved = await appError(updateTicket(t.ctx, { id: ticket.id, expectedVersion: 1, changes: { openedAt: '2026-01-15T08:00:00Z', firstResponseAt: '2026-01-12T00:00:00Z' } }));
    expect(moved.fieldErrors.map((f) => f.field)).toEqual(['body.firstResponseAt']);
    const imported = await createTicket(t.ctx, input({ openedAt: '2025-12-01T08:00:00Z', status: 'closed', closedAt: '2025-12-02T08:00:00Z', csat: 3, sourceSystem: 'zendesk', externalId: '42' }));
    expect(imported).toMatchObject({ closedAt: '2025-12-02T08:00:00.000Z', csat: 3 });
    expect((await appError(createTicket(t.ctx, input({ sourceSystem: 'zendesk', externalId: '42' })))).code).toBe('conflict');
  });

  it('has the database refuse a CSAT outside 1–5 and a close before the opening', async () => {
    const ticket = await createTicket(t.ctx, input());
    const raw = t.ctx.db.withTables<{ support_tickets: { id: string; csat: number | null; opened_at: Date; status: string; closed_at: Date | null } }>();
    await expect(raw.updateTable('support_tickets').set({ csat: 6 }).where('id', '=', ticket.id).execute()).rejects.toMatchObject({ code: '23514' });
    await expect(raw.updateTable('support_tickets').set({ status: 'solved', closed_at: new Date('2020-01-01T00:00:00Z') }).where('id', '=', ticket.id).execute())
      .rejects.toMatchObject({ code: '23514' });
    await expect(raw.updateTable('support_tickets').set({ status: 'solved' }).where('id', '=', ticket.id).execute()).rejects.toMatchObject({ code: '23514' });
    expect((await getTicket(t.ctx, ticket.id)).csat).toBeNull();
  });

  it('lists with filters and keyset pages, and shows reps only their team\'s accounts\' tickets', async () => {
    const team = await createTeam(t.ctx, { name: 'Team' });
    const rep = await createUser(t.ctx, { email: 'rep@example.com', displayName: 'Rep', role: 'sales_rep', teamId: team.id, locale: 'en' });
    const repAccount = await createAccount(t.ctx, makeAccountInput({ ownerUserId: rep.id }));
    const urgent = [];
    for (let i = 0; i < 5; i += 1) {
      t.clock.advance({ seconds: 1 });
      urgent.push(await createTicket(t.ctx, { accountId: repAccount.id, subject: `Outage ${i}`, priority: 'urgent', channel: 'phone' }));
    }
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTickets(t.ctx, { priority: 'urgent', limit: 2, ...(cursor ? { cursor } : {}) });
      ids.push(...page.data.map((ticket) => ticket.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(ids).toEqual(urgent.map((ticket) => ticket.id).reverse());
    expect((await listTickets(t.ctx, { q: 'outage 3' })).data.map((x) => x.id)).toEqual([urgent[3]?.id]);
    expect((await listTickets(t.ctx, { sort: 'subject', accountId: repAccount.id, limit: 100 })).data.map((x) => x.subject)).toEqual(['Outage 0', 'Outage 1', 'Outage 2', 'Outage 3', 'Outage 4']);
    const asRep = withActor(t.ctx, { kind: 'user', id: rep.id, role: 'sales_rep', teamId: team.id, displayName: 'Rep' });
    expect((await listTickets(asRep, { limit: 100 })).data.map((x) => x.accountId)).toEqual(Array(5).fill(repAccount.id));
    const other = (await listTickets(t.ctx, { accountId, limit: 1 })).data[0];
    expect(other).toBeDefined();
    expect((await appError(getTicket(asRep, other?.id ?? ''))).code).toBe('not_found');
  });
});
