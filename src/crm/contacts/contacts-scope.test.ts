import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { createAccount, type Account } from '../index.ts';
import { makeAccountInput } from '../fixtures.ts';
import { makeContactInput } from './fixtures.ts';
import { createContact, deleteContact, getContact, listContacts, updateContact, type Contact } from './index.ts';
import { createScopeWorld, rejectionOf, type ScopeWorld } from './test-fixtures/scope-world.ts';

describe('contact scope for sales reps and managers', () => {
  let t: TestContext;
  let w: ScopeWorld;
  let teamAccount: Account;
  let outsiderAccount: Account;
  const contacts = {} as Record<'ownedByTeammate' | 'onTeamAccount' | 'outsiders' | 'outsiderOnOutsiderAccount' | 'unowned', Contact>;

  beforeAll(async () => {
    t = await createTestContext();
    w = await createScopeWorld(t.ctx, 'contacts');
    teamAccount = await createAccount(t.ctx, makeAccountInput({ ownerUserId: w.users.teammate.id }));
    outsiderAccount = await createAccount(t.ctx, makeAccountInput({ ownerUserId: w.users.outsider.id }));
    contacts.ownedByTeammate = await createContact(t.ctx, makeContactInput({ ownerUserId: w.users.teammate.id }));
    // Owned outside the team, but on an account the team owns: visible through the account.
    contacts.onTeamAccount = await createContact(t.ctx, makeContactInput({ ownerUserId: w.users.outsider.id, accountId: teamAccount.id }));
    contacts.outsiders = await createContact(t.ctx, makeContactInput({ ownerUserId: w.users.outsider.id }));
    contacts.outsiderOnOutsiderAccount = await createContact(t.ctx, makeContactInput({ ownerUserId: w.users.outsider.id, accountId: outsiderAccount.id }));
    contacts.unowned = await createContact(t.ctx, makeContactInput({ ownerUserId: null }));
  });
  afterAll(() => t.close());

  const visibleTo = async (ctx: TestContext['ctx']) => {
    const ids = (await listContacts(ctx, { limit: 100 })).data.map((c) => c.id);
    return Object.entries(contacts).filter(([, c]) => ids.includes(c.id)).map(([name]) => name).sort();
  };

  it('shows reps and managers the team\'s contacts and every contact of the team\'s accounts', async () => {
    expect(await visibleTo(w.as(w.users.rep))).toEqual(['onTeamAccount', 'ownedByTeammate']);
    expect(await visibleTo(w.as(w.users.manager))).toEqual(['onTeamAccount', 'ownedByTeammate']);
    expect(await visibleTo(w.as(w.users.outsider))).toEqual(['onTeamAccount', 'outsiderOnOutsiderAccount', 'outsiders']);
    expect(await visibleTo(t.ctx)).toEqual(Object.keys(contacts).sort());
  });

  it('answers 404 outside the scope and changes nothing', async () => {
    const rep = w.as(w.users.rep);
    expect((await rejectionOf(getContact(rep, contacts.outsiders.id))).code).toBe('not_found');
    expect((await rejectionOf(updateContact(rep, { id: contacts.outsiders.id, expectedVersion: 1, changes: { title: 'x' } }))).code).toBe('not_found');
    expect((await rejectionOf(deleteContact(rep, { id: contacts.unowned.id, expectedVersion: 1 }))).code).toBe('not_found');
    expect(await getContact(t.ctx, contacts.outsiders.id)).toEqual(contacts.outsiders);
  });

  it('lets a rep edit a contact seen through the account, and assign owners only within the team', async () => {
    const rep = w.as(w.users.rep);
    const edited = await updateContact(rep, { id: contacts.onTeamAccount.id, expectedVersion: 1, changes: { title: 'Buyer' } });
    expect(edited.title).toBe('Buyer');
    expect((await createContact(rep, makeContactInput())).ownerUserId).toBe(w.users.rep.id);
    expect((await rejectionOf(createContact(rep, makeContactInput({ ownerUserId: w.users.outsider.id })))).code).toBe('forbidden');
    expect((await rejectionOf(createContact(rep, makeContactInput({ accountId: outsiderAccount.id })))).fieldErrors).toEqual([
      expect.objectContaining({ field: 'body.accountId' }),
    ]);
  });

  it('still dedupes against contacts the rep cannot see (the 409 names only the id)', async () => {
    const error = await rejectionOf(createContact(w.as(w.users.rep), makeContactInput({ email: contacts.outsiders.email })));
    expect(error).toMatchObject({ code: 'conflict', extra: { existingContactId: contacts.outsiders.id } });
  });
});
