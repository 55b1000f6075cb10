import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createAccount } from '../crm/index.ts';
import { insertContact, insertRow } from './fixtures.ts';
import { dedupeContacts, findDuplicateContacts, listMerges, resolveContactId, unmergeRecords } from './index.ts';

describe('contact dedupe by normalized e-mail', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const members = async () =>
    (await sql<{ campaign_id: string; contact_id: string }>`select campaign_id, contact_id from campaign_members`.execute(t.ctx.db)).rows
      .map((row) => [row.campaign_id, row.contact_id])
      .sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));

  const contactRow = async (id: string) =>
    (await sql<{ account_id: string | null; phone: string | null; deleted: boolean }>`
      select account_id, phone, deleted_at is not null as deleted from contacts where id = ${id}`.execute(t.ctx.db)).rows[0];

  it('finds mailboxes the exact e-mail check lets through, and merges each group into its oldest contact', async () => {
    const account = await createAccount(t.ctx, { name: 'Mailbox Co', currency: 'EUR' });
    const oldest = await insertContact(t.ctx, { email: 'ada@acme.com' });
    t.clock.advance({ seconds: 1 });
    const tagged = await insertContact(t.ctx, { email: 'ada+crm@acme.com', accountId: account.id });
    await sql`update contacts set phone = '+49 30 1234' where id = ${tagged}`.execute(t.ctx.db);
    const gmailA = await insertContact(t.ctx, { email: 'bob.smith@gmail.com' });
    t.clock.advance({ seconds: 1 });
    const gmailB = await insertContact(t.ctx, { email: 'bobsmith@googlemail.com' });
    await insertContact(t.ctx, { email: 'carol@acme.com' });
    await insertRow(t.ctx, 'activities', {
      id: 'act_dedupe_1', type: 'call', subject: 'Intro', occurred_at: new Date(), contact_id: tagged, created_at: new Date(), updated_at: new Date(),
    });
    // Both in the spring campaign (the tagged one's membership cannot move: one member per campaign), only the tagged one in the autumn one.
    for (const id of ['cmp_spring', 'cmp_autumn']) {
      await insertRow(t.ctx, 'campaigns', { id, name: id, type: 'email', status: 'active', created_at: new Date(), updated_at: new Date() });
    }
    const member = (campaignId: string, contactId: string) => ({ campaign_id: campaignId, contact_id: contactId, status: 'sent', created_at: new Date(), updated_at: new Date() });
    await insertRow(t.ctx, 'campaign_members', member('cmp_spring', oldest));
    await insertRow(t.ctx, 'campaign_members', member('cmp_spring', tagged));
    await insertRow(t.ctx, 'campaign_members', member('cmp_autumn', tagged));

    const groups = await findDuplicateContacts(t.ctx);
    expect([...groups].map(([mailbox, group]) => [mailbox, group.map((c) => c.id)])).toEqual([
      ['ada@acme.com', [oldest, tagged]],
      ['bobsmith@gmail.com', [gmailA, gmailB]],
    ]);

    const result = await dedupeContacts(t.ctx, { emails: ['Ada@acme.com'] });
    expect(result.failed).toEqual([]);
    expect(result.merged.map((m) => [m.entityType, m.survivorId, m.mergedId, m.filledFields])).toEqual([['contact', oldest, tagged, ['account_id', 'phone']]]);
    expect(result.merged[0]?.keptRows).toEqual([{ table: 'campaign_members', column: 'contact_id', rowKey: { campaign_id: 'cmp_spring', member_id: tagged } }]);
    expect(await members()).toEqual([['cmp_autumn', oldest], ['cmp_spring', oldest], ['cmp_spring', tagged]]);
    expect(await contactRow(oldest)).toEqual({ account_id: account.id, phone: '+49 30 1234', deleted: false });
    expect(await contactRow(tagged)).toMatchObject({ deleted: true });
    const activity = await sql<{ contact_id: string }>`select contact_id from activities where id = 'act_dedupe_1'`.execute(t.ctx.db);
    expect(activity.rows).toEqual([{ contact_id: oldest }]);
    expect((await findDuplicateContacts(t.ctx)).size).toBe(1);
    expect(await resolveContactId(t.ctx, tagged)).toBe(oldest);
  });

  it('unmerges a contact merge exactly, and does not merge that pair again', async () => {
    const [merge] = (await listMerges(t.ctx, 'contact', { status: 'merged' })).data;
    await unmergeRecords(t.ctx, 'contact', merge!.id);
    expect(await contactRow(merge!.survivorId)).toEqual({ account_id: null, phone: null, deleted: false });
    expect(await contactRow(merge!.mergedId)).toMatchObject({ phone: '+49 30 1234', deleted: false });
    const activity = await sql<{ contact_id: string }>`select contact_id from activities where id = 'act_dedupe_1'`.execute(t.ctx.db);
    expect(activity.rows).toEqual([{ contact_id: merge!.mergedId }]);
    expect(await resolveContactId(t.ctx, merge!.mergedId)).toBe(merge!.mergedId);
    expect(await members()).toEqual([['cmp_autumn', merge!.mergedId], ['cmp_spring', merge!.survivorId], ['cmp_spring', merge!.mergedId]]);
    const again = await dedupeContacts(t.ctx);
    expect(again.merged.map((m) => m.reasons[0]?.value)).toEqual(['bobsmith@gmail.com']);
  });
});
