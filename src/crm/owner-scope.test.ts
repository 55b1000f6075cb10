import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createTeam, createUser, type User } from '../identity/index.ts';
import { type Actor, type Role } from '../shared/access.ts';
import { withActor, type Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { makeAccountInput } from './fixtures.ts';
import { createAccount, deleteAccount, getAccount, listAccounts, listChildAccounts, updateAccount, type Account } from './index.ts';

function userActor(user: User): Actor {
  return { kind: 'user', id: user.id, role: user.role, teamId: user.teamId, displayName: user.displayName };
}

function keyActor(role: Role, teamId: string | null): Actor {
  return { kind: 'api_key', id: 'key_test', role, teamId, displayName: 'API key test' };
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

describe('record-level scope for sales reps and managers', () => {
  let t: TestContext;
  let as: (actor: Actor) => Ctx;
  const users: Record<'repA1' | 'repA2' | 'managerA' | 'repB' | 'loneRep', User> = {} as never;
  const accounts: Record<'ofRepA1' | 'ofRepA2' | 'ofManagerA' | 'ofRepB' | 'unowned', Account> = {} as never;
  let teamAId = '';

  beforeAll(async () => {
    t = await createTestContext();
    as = (actor) => withActor(t.ctx, actor);
    const teamA = await createTeam(t.ctx, { name: 'Team A' });
    const teamB = await createTeam(t.ctx, { name: 'Team B' });
    teamAId = teamA.id;
    const user = (name: string, role: Role, teamId: string | null) =>
      createUser(t.ctx, { email: `${name}@example.com`, displayName: name, role, teamId, locale: 'en' });
    users.repA1 = await user('repA1', 'sales_rep', teamA.id);
    users.repA2 = await user('repA2', 'sales_rep', teamA.id);
    users.managerA = await user('managerA', 'sales_manager', teamA.id);
    users.repB = await user('repB', 'sales_rep', teamB.id);
    users.loneRep = await user('loneRep', 'sales_rep', null);
    accounts.ofRepA1 = await createAccount(t.ctx, makeAccountInput({ ownerUserId: users.repA1.id }));
    accounts.ofRepA2 = await createAccount(t.ctx, makeAccountInput({ ownerUserId: users.repA2.id }));
    accounts.ofManagerA = await createAccount(t.ctx, makeAccountInput({ ownerUserId: users.managerA.id }));
    accounts.ofRepB = await createAccount(t.ctx, makeAccountInput({ ownerUserId: users.repB.id }));
    accounts.unowned = await createAccount(t.ctx, makeAccountInput({ ownerUserId: null }));
  });
  afterAll(() => t.close());

  async function visibleTo(actor: Actor): Promise<string[]> {
    const ids = (await listAccounts(as(actor), { limit: 100 })).data.map((a) => a.id);
    return Object.entries(accounts).filter(([, a]) => ids.includes(a.id)).map(([name]) => name).sort();
  }

  it('shows reps and managers their own and their team members\' accounts, and others everything', async () => {
    const teamA = ['ofManagerA', 'ofRepA1', 'ofRepA2'];
    expect(await visibleTo(userActor(users.repA1))).toEqual(teamA);
    expect(await visibleTo(userActor(users.managerA))).toEqual(teamA);
    expect(await visibleTo(userActor(users.repB))).toEqual(['ofRepB']);
    expect(await visibleTo(userActor(users.loneRep))).toEqual([]);
    expect(await visibleTo(keyActor('sales_rep', teamAId))).toEqual(teamA);
    expect(await visibleTo(keyActor('sales_rep', null))).toEqual([]);
    const everything = Object.keys(accounts).sort();
    for (const role of ['admin', 'revops', 'finance', 'success', 'viewer'] as const) {
      expect(await visibleTo(keyActor(role, null))).toEqual(everything);
    }
  });

  it('answers 404 for reads and writes outside the scope, and changes nothing', async () => {
    const rep = as(userActor(users.repA1));
    const foreign = accounts.ofRepB;
    expect(await failure(getAccount(rep, foreign.id))).toBe('not_found');
    expect(await failure(updateAccount(rep, { id: foreign.id, expectedVersion: 1, changes: { name: 'Mine now' } }))).toBe('not_found');
    expect(await failure(deleteAccount(rep, { id: foreign.id, expectedVersion: 1 }))).toBe('not_found');
    expect(await failure(listChildAccounts(rep, { id: accounts.unowned.id }))).toBe('not_found');
    expect(await getAccount(t.ctx, foreign.id)).toEqual(foreign);
  });

  it('lets a rep assign only within the team, defaulting the owner to the rep', async () => {
    const rep = as(userActor(users.repA1));
    expect((await createAccount(rep, makeAccountInput())).ownerUserId).toBe(users.repA1.id);
    expect((await createAccount(rep, makeAccountInput({ ownerUserId: users.repA2.id }))).ownerUserId).toBe(users.repA2.id);
    expect(await failure(createAccount(rep, makeAccountInput({ ownerUserId: users.repB.id })))).toBe('forbidden');
    expect(await failure(createAccount(rep, makeAccountInput({ ownerUserId: null })))).toBe('forbidden');
    const own = await createAccount(rep, makeAccountInput());
    expect(await failure(updateAccount(rep, { id: own.id, expectedVersion: 1, changes: { ownerUserId: users.repB.id } }))).toBe('forbidden');
    const handedOver = await updateAccount(rep, { id: own.id, expectedVersion: 1, changes: { ownerUserId: users.managerA.id } });
    expect(handedOver.ownerUserId).toBe(users.managerA.id);
  });

  it('makes a team API key name an owner from its team (the key itself owns nothing)', async () => {
    const key = as(keyActor('sales_rep', teamAId));
    expect(await failure(createAccount(key, makeAccountInput()))).toBe('forbidden');
    expect((await createAccount(key, makeAccountInput({ ownerUserId: users.repA2.id }))).ownerUserId).toBe(users.repA2.id);
  });

  it('treats a parent outside the scope like a missing one', async () => {
    const rep = as(userActor(users.repA1));
    const error: unknown = await createAccount(rep, makeAccountInput({ parentAccountId: accounts.ofRepB.id })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'validation_failed', fieldErrors: [expect.objectContaining({ field: 'body.parentAccountId' })] });
  });

  it('lists only the visible children of a visible parent', async () => {
    const parent = await createAccount(t.ctx, makeAccountInput({ ownerUserId: users.repA1.id }));
    const mine = await createAccount(t.ctx, makeAccountInput({ ownerUserId: users.repA2.id, parentAccountId: parent.id }));
    await createAccount(t.ctx, makeAccountInput({ ownerUserId: users.repB.id, parentAccountId: parent.id }));
    const page = await listChildAccounts(as(userActor(users.repA1)), { id: parent.id });
    expect(page.data.map((a) => a.id)).toEqual([mine.id]);
    expect((await listChildAccounts(t.ctx, { id: parent.id })).data).toHaveLength(2);
  });

  it('shows a manager the accounts of every team they manage, even without being a member', async () => {
    const managed = await createTeam(t.ctx, { name: 'Team C' });
    const manager = await createUser(t.ctx, { email: 'boss-c@example.com', displayName: 'Boss C', role: 'sales_manager', teamId: null, locale: 'en' });
    await t.ctx.db.updateTable('teams').set({ manager_user_id: manager.id }).where('id', '=', managed.id).execute();
    const rep = await createUser(t.ctx, { email: 'rep-c@example.com', displayName: 'Rep C', role: 'sales_rep', teamId: managed.id, locale: 'en' });
    const account = await createAccount(t.ctx, makeAccountInput({ name: 'Managed Co', ownerUserId: rep.id }));
    expect((await getAccount(as(userActor(manager)), account.id)).id).toBe(account.id);
    expect(await failure(getAccount(as(userActor(manager)), accounts.ofRepB.id))).toBe('not_found');
  });
});
