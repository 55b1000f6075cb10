import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { createUser } from '../../identity/index.ts';
import { createAccount, deleteAccount } from '../index.ts';
import { makeAccountInput } from '../fixtures.ts';
import { auditTrailOf, countContactRows, makeContactInput } from './fixtures.ts';
import { createContact, deleteContact, findContact, getContact, listContacts, updateContact } from './index.ts';
import { rejectionOf } from './test-fixtures/scope-world.ts';

describe('contact services', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('creates, reads, updates and soft-deletes with one exact audit row per write', async () => {
    const owner = await createUser(t.ctx, { email: 'owner@example.com', displayName: 'Owner', role: 'sales_rep', locale: 'en' });
    const account = await createAccount(t.ctx, makeAccountInput());
    const created = await createContact(t.ctx, {
      accountId: account.id, firstName: ' Ada ', lastName: 'Lovelace', email: '  Ada.Lovelace@Example.COM ', phone: '+44 20 1234',
      title: 'CTO', mailingCountry: 'gb', ownerUserId: owner.id, customFields: { tier: 'gold' }, sourceSystem: 'hubspot', externalId: '42',
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^cont_[0-9A-Z]{26}$/),
      accountId: account.id, firstName: 'Ada', lastName: 'Lovelace', email: 'ada.lovelace@example.com', phone: '+44 20 1234',
      title: 'CTO', mailingCountry: 'GB', ownerUserId: owner.id, customFields: { tier: 'gold' }, sourceSystem: 'hubspot', externalId: '42',
      createdAt: '2026-01-15T09:00:00.000Z', updatedAt: '2026-01-15T09:00:00.000Z', version: 1,
    });
    expect(await getContact(t.ctx, created.id)).toEqual(created);

    t.clock.advance({ minutes: 5 });
    const updated = await updateContact(t.ctx, { id: created.id, expectedVersion: 1, changes: { title: 'CEO', phone: null } });
    expect(updated).toMatchObject({ title: 'CEO', phone: null, version: 2, updatedAt: '2026-01-15T09:05:00.000Z' });
    t.clock.advance({ minutes: 5 });
    await deleteContact(t.ctx, { id: created.id, expectedVersion: 2 });
    expect(await findContact(t.ctx, created.id)).toBeNull();
    expect((await rejectionOf(getContact(t.ctx, created.id))).code).toBe('not_found');

    const trail = await auditTrailOf(t.ctx, 'contact', created.id);
    expect(trail.map((row) => [row.action, row.actor_id])).toEqual([['create', 'system'], ['update', 'system'], ['delete', 'system']]);
    expect(trail[0]?.after).toMatchObject({ email: 'ada.lovelace@example.com', mailing_country: 'GB', version: 1, deleted_at: null });
    expect(trail[1]?.before).toMatchObject({ title: 'CTO', phone: '+44 20 1234', version: 1 });
    expect(trail[1]?.after).toMatchObject({ title: 'CEO', phone: null, version: 2 });
    expect(trail[2]?.after).toMatchObject({ deleted_at: '2026-01-15T09:10:00.000Z', version: 3 });
  });

  it('refuses a second live contact with the same normalized e-mail, naming the first', async () => {
    const first = await createContact(t.ctx, makeContactInput({ email: 'dup@example.com' }));
    const before = await countContactRows(t.ctx);
    const clash = await rejectionOf(createContact(t.ctx, makeContactInput({ email: ' DUP@Example.com ' })));
    expect(clash).toMatchObject({ code: 'conflict', extra: { existingContactId: first.id } });
    expect(clash.fieldErrors).toEqual([expect.objectContaining({ field: 'body.email', message: expect.stringContaining(first.id) })]);
    const other = await createContact(t.ctx, makeContactInput());
    const onUpdate = await rejectionOf(updateContact(t.ctx, { id: other.id, expectedVersion: 1, changes: { email: 'dup@example.com' } }));
    expect(onUpdate).toMatchObject({ code: 'conflict', extra: { existingContactId: first.id } });
    expect(await countContactRows(t.ctx)).toBe(before + 1);
    // Deleting the holder frees the address; keeping one's own address is no clash.
    expect((await updateContact(t.ctx, { id: first.id, expectedVersion: 1, changes: { email: 'dup@example.com', title: 'x' } })).version).toBe(2);
    await deleteContact(t.ctx, { id: first.id, expectedVersion: 2 });
    expect((await createContact(t.ctx, makeContactInput({ email: 'dup@example.com' }))).email).toBe('dup@example.com');
  });

  it('lets only one of two concurrent creates with one e-mail win, with a 409 naming the winner', async () => {
    const results = await Promise.allSettled([
      createContact(t.ctx, makeContactInput({ email: 'race@example.com' })),
      createContact(t.ctx, makeContactInput({ email: 'race@example.com' })),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const winner = results.find((r) => r.status === 'fulfilled');
    const loser = results.find((r) => r.status === 'rejected');
    expect((loser?.reason as { extra: unknown }).extra).toEqual({ existingContactId: (winner?.value as { id: string }).id });
  });

  it('names the field for bad e-mail, country, unknown owner and account, and missing identity, writing nothing', async () => {
    const before = await countContactRows(t.ctx);
    const deletedAccount = await createAccount(t.ctx, makeAccountInput());
    await deleteAccount(t.ctx, { id: deletedAccount.id, expectedVersion: 1 });
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ email: 'not-an-email' }, 'body.email', 'validation_failed'],
      [{ mailingCountry: 'XX' }, 'body.mailingCountry', 'validation_failed'],
      [{ ownerUserId: 'usr_nobody' }, 'body.ownerUserId', 'validation_failed'],
      [{ accountId: 'acct_nothing' }, 'body.accountId', 'validation_failed'],
      [{ accountId: deletedAccount.id }, 'body.accountId', 'validation_failed'],
      [{ firstName: null, lastName: null, email: null }, 'body.lastName', 'validation_failed'],
      [{ customFields: { 'Bad Key': 1 } }, 'body.customFields.Bad Key', 'validation_failed'],
      [{ externalId: 'x' }, 'body.sourceSystem', 'validation_failed'],
      [{ favouriteColour: 'red' }, 'body', 'validation_failed'],
    ];
    for (const [override, field, code] of cases) {
      const error = await rejectionOf(createContact(t.ctx, { ...makeContactInput(), ...override } as never));
      expect(error.code, field).toBe(code);
      expect(error.fieldErrors?.map((f) => f.field), JSON.stringify(override)).toEqual([field]);
    }
    expect(await countContactRows(t.ctx)).toBe(before);
  });

  it('refuses a stale version, and treats a no-change update as a no-op', async () => {
    const contact = await createContact(t.ctx, makeContactInput({ customFields: { a: 1, b: 'x' } }));
    const same = await updateContact(t.ctx, { id: contact.id, expectedVersion: 1, changes: { lastName: contact.lastName, customFields: { b: 'x', a: 1 } } });
    expect(same).toEqual(contact);
    await updateContact(t.ctx, { id: contact.id, expectedVersion: 1, changes: { title: 'VP' } });
    const stale = await rejectionOf(updateContact(t.ctx, { id: contact.id, expectedVersion: 1, changes: { title: 'SVP' } }));
    expect(stale).toMatchObject({ code: 'version_conflict', extra: { currentVersion: 2 } });
    expect((await auditTrailOf(t.ctx, 'contact', contact.id)).map((r) => r.action)).toEqual(['create', 'update']);
  });

  it('filters and searches: account, owner, e-mail, name and created range', async () => {
    const account = await createAccount(t.ctx, makeAccountInput());
    t.clock.advance({ hours: 1 });
    const start = t.clock.now().toString();
    const grace = await createContact(t.ctx, makeContactInput({ firstName: 'Grace', lastName: 'Hopper', accountId: account.id }));
    const alan = await createContact(t.ctx, makeContactInput({ firstName: 'Alan', lastName: 'Turing_', email: 'alan@bletchley.example' }));
    t.clock.advance({ hours: 1 });
    const ids = async (query: Parameters<typeof listContacts>[1]) => (await listContacts(t.ctx, query)).data.map((c) => c.id);
    expect(await ids({ accountId: account.id })).toEqual([grace.id]);
    expect(await ids({ q: 'grace hop' })).toEqual([grace.id]);
    expect(await ids({ q: 'BLETCHLEY' })).toEqual([alan.id]);
    expect(await ids({ q: 'turing_' })).toEqual([alan.id]);
    expect(await ids({ q: '_' })).toEqual([alan.id]);
    expect(await ids({ email: 'ALAN@bletchley.example' })).toEqual([alan.id]);
    expect(await ids({ createdFrom: start, order: 'asc' })).toEqual([grace.id, alan.id]);
    expect(await ids({ createdBefore: start, q: 'grace' })).toEqual([]);
  });
});
