import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { makeAccountInput } from '../fixtures.ts';
import { createAccount, getAccount } from '../index.ts';
import { auditTrailOf, makeContactInput } from '../contacts/fixtures.ts';
import { createContact, getContact } from '../contacts/index.ts';
import { createScopeWorld, rejectionOf } from '../contacts/test-fixtures/scope-world.ts';
import { createOpportunity, getOpportunity } from '../opportunities/index.ts';
import { countLeadWorld, makeLeadInput, statusHistoryOf } from './fixtures.ts';
import { convertLead, createLead, getLead, updateLead } from './index.ts';

describe('lead conversion', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());
  const at = () => new Date(t.clock.now().epochMilliseconds).toISOString();
  const countOpportunities = async () =>
    Number((await sql<{ n: string }>`select count(*) as n from opportunities`.execute(t.ctx.db)).rows[0]?.n);

  it('creates account, contact and opportunity, links them, and stamps the lead converted in one go', async () => {
    const lead = await createLead(t.ctx, makeLeadInput({ firstName: 'Grace', lastName: 'Hopper', email: 'grace@navy.example', title: 'Rear Admiral', country: 'US', source: 'event' }));
    t.clock.advance({ days: 3 });
    const result = await convertLead(t.ctx, {
      id: lead.id,
      input: {
        createAccount: { name: 'US Navy', currency: 'usd' },
        createOpportunity: { name: 'Navy – compilers', amount: { amountMinor: 4_200_000, currency: 'USD' }, closeDate: '2026-06-30' },
      },
    });
    expect(result).toMatchObject({ accountCreated: true, contactCreated: true, opportunityId: expect.stringMatching(/^opp_/) });
    expect(result.lead).toMatchObject({
      status: 'converted', stage: 'converted', convertedAt: at(), convertedAccountId: result.accountId,
      convertedContactId: result.contactId, convertedOpportunityId: result.opportunityId, version: 2,
    });
    expect(await getAccount(t.ctx, result.accountId)).toMatchObject({ name: 'US Navy', currency: 'USD' });
    expect(await getContact(t.ctx, result.contactId)).toMatchObject({
      accountId: result.accountId, firstName: 'Grace', lastName: 'Hopper', email: 'grace@navy.example', title: 'Rear Admiral', mailingCountry: 'US',
    });
    expect(await getOpportunity(t.ctx, result.opportunityId ?? '')).toMatchObject({ accountId: result.accountId, amount: { amountMinor: 4_200_000, currency: 'USD' }, source: 'event' });
    expect((await statusHistoryOf(t.ctx, lead.id)).map((h) => h.to_status)).toEqual(['new', 'converted']);
    expect((await auditTrailOf(t.ctx, 'lead', lead.id)).map((r) => r.action)).toEqual(['create', 'convert']);
    const event = await t.ctx.db.selectFrom('outbox_events').select(['type', 'payload']).where('aggregate_id', '=', lead.id).executeTakeFirstOrThrow();
    expect(event).toEqual({ type: 'lead.converted', payload: { leadId: lead.id, accountId: result.accountId, contactId: result.contactId, opportunityId: result.opportunityId } });
  });

  it('links an existing account and contact, attaching a contact that had no account', async () => {
    const account = await createAccount(t.ctx, makeAccountInput());
    const contact = await createContact(t.ctx, makeContactInput());
    const lead = await createLead(t.ctx, makeLeadInput({ email: contact.email }));
    const result = await convertLead(t.ctx, { id: lead.id, input: { accountId: account.id, contactId: contact.id } });
    expect(result).toMatchObject({ accountId: account.id, accountCreated: false, contactId: contact.id, contactCreated: false, opportunityId: null });
    expect(await getContact(t.ctx, contact.id)).toMatchObject({ accountId: account.id, version: 2 });
    const elsewhere = await createContact(t.ctx, makeContactInput({ accountId: (await createAccount(t.ctx, makeAccountInput())).id }));
    const other = await createLead(t.ctx, makeLeadInput());
    const refused = await rejectionOf(convertLead(t.ctx, { id: other.id, input: { accountId: account.id, contactId: elsewhere.id } }));
    expect(refused).toMatchObject({ code: 'business_rule_violated', fieldErrors: [expect.objectContaining({ field: 'body.contactId' })] });
  });

  it('links an existing opportunity of the account instead of creating one, and refuses one of another account', async () => {
    const account = await createAccount(t.ctx, makeAccountInput());
    const deal = await createOpportunity(t.ctx, { accountId: account.id, name: 'Existing deal', amount: { amountMinor: 50_000, currency: account.currency }, closeDate: '2026-09-30' });
    const lead = await createLead(t.ctx, makeLeadInput());
    const opportunities = await countOpportunities();
    const result = await convertLead(t.ctx, { id: lead.id, input: { accountId: account.id, opportunityId: deal.id } });
    expect(result).toMatchObject({ accountId: account.id, opportunityId: deal.id });
    expect(result.lead.convertedOpportunityId).toBe(deal.id);
    expect(await countOpportunities()).toBe(opportunities);

    const elsewhere = await createOpportunity(t.ctx, { accountId: (await createAccount(t.ctx, makeAccountInput())).id, name: 'Other deal', amount: { amountMinor: 1, currency: account.currency }, closeDate: '2026-09-30' });
    const other = await createLead(t.ctx, makeLeadInput());
    const before = await countLeadWorld(t.ctx);
    const foreign = await rejectionOf(convertLead(t.ctx, { id: other.id, input: { accountId: account.id, opportunityId: elsewhere.id } }));
    expect(foreign).toMatchObject({ code: 'business_rule_violated', fieldErrors: [expect.objectContaining({ field: 'body.opportunityId', message: 'belongs to another account' })] });
    const missing = await rejectionOf(convertLead(t.ctx, { id: other.id, input: { accountId: account.id, opportunityId: 'opp_missing' } }));
    expect(missing.fieldErrors?.map((f) => f.field)).toEqual(['body.opportunityId']);
    const both = await rejectionOf(convertLead(t.ctx, {
      id: other.id, input: { accountId: account.id, opportunityId: deal.id, createOpportunity: { name: 'D', amount: { amountMinor: 5, currency: 'EUR' }, closeDate: '2026-01-01' } },
    }));
    expect(both.fieldErrors?.map((f) => f.field)).toEqual(['body.opportunityId']);
    expect(await countLeadWorld(t.ctx)).toEqual(before);
    expect((await getLead(t.ctx, other.id)).stage).toBe('new');
  });

  it('converts once: a second conversion is a 409 naming the first one\'s links', async () => {
    const lead = await createLead(t.ctx, makeLeadInput());
    const first = await convertLead(t.ctx, { id: lead.id, input: { createAccount: makeAccountInput() } });
    const before = await countLeadWorld(t.ctx);
    const again = await rejectionOf(convertLead(t.ctx, { id: lead.id, input: { createAccount: makeAccountInput() } }));
    expect(again).toMatchObject({ code: 'conflict', extra: { convertedAccountId: first.accountId, convertedContactId: first.contactId } });
    expect(await countLeadWorld(t.ctx)).toEqual(before);
    const status = await rejectionOf(updateLead(t.ctx, { id: lead.id, expectedVersion: 2, changes: { status: 'working' } }));
    expect(status.code).toBe('business_rule_violated');
  });

  it('leaves nothing half-written when the contact step fails after the account was created', async () => {
    const holder = await createContact(t.ctx, makeContactInput({ email: 'taken@example.com' }));
    const lead = await createLead(t.ctx, makeLeadInput({ email: 'taken@example.com' }));
    const before = await countLeadWorld(t.ctx);
    const error = await rejectionOf(convertLead(t.ctx, { id: lead.id, input: { createAccount: makeAccountInput({ name: 'Half Written Inc' }) } }));
    expect(error).toMatchObject({ code: 'conflict', extra: { existingContactId: holder.id }, fieldErrors: [expect.objectContaining({ field: 'body.contactId' })] });
    expect(await countLeadWorld(t.ctx)).toEqual(before);
    expect(await getLead(t.ctx, lead.id)).toEqual(lead);
  });

  it('leaves nothing half-written when the opportunity step fails after account and contact', async () => {
    const lead = await createLead(t.ctx, makeLeadInput());
    const [before, opportunities] = [await countLeadWorld(t.ctx), await countOpportunities()];
    const error = await rejectionOf(convertLead(t.ctx, {
      id: lead.id,
      input: { createAccount: makeAccountInput(), createOpportunity: { name: 'Deal', amount: { amountMinor: 100, currency: 'EUR' }, closeDate: '2026-02-01', stage: 'no_such_stage' } },
    }));
    expect(error.fieldErrors?.map((f) => f.field)).toEqual(['body.createOpportunity.stage']);
    expect(await countLeadWorld(t.ctx)).toEqual(before);
    expect(await countOpportunities()).toBe(opportunities);
    expect((await getLead(t.ctx, lead.id)).stage).toBe('new');
  });

  it('names nested fields: which account, a bad currency in createAccount, a bad amount', async () => {
    const lead = await createLead(t.ctx, makeLeadInput());
    const fields = async (input: object) => (await rejectionOf(convertLead(t.ctx, { id: lead.id, input: input as never }))).fieldErrors?.map((f) => f.field);
    expect(await fields({})).toEqual(['body.accountId']);
    expect(await fields({ accountId: 'acct_x', createAccount: makeAccountInput() })).toEqual(['body.accountId']);
    expect(await fields({ accountId: 'acct_missing' })).toEqual(['body.accountId']);
    expect(await fields({ createAccount: { name: 'X', currency: 'EURO' } })).toEqual(['body.createAccount.currency']);
    expect(await fields({ createAccount: { name: 'X', currency: 'EUR', parentAccountId: 'acct_missing' } })).toEqual(['body.createAccount.parentAccountId']);
    expect(await fields({ createAccount: makeAccountInput(), createOpportunity: { name: 'D', amount: { amountMinor: -5, currency: 'EUR' }, closeDate: '2026-01-01' } }))
      .toEqual(['body.createOpportunity.amount.amountMinor']);
    expect(await fields({ createAccount: makeAccountInput(), createOpportunity: { name: 'D', amount: { amountMinor: 5, currency: 'EUR' }, closeDate: '2026-02-31' } }))
      .toEqual(['body.createOpportunity.closeDate']);
    expect((await getLead(t.ctx, lead.id)).version).toBe(1);
  });

  it('lets a rep convert a team lead; what it creates belongs to the lead owner', async () => {
    const w = await createScopeWorld(t.ctx, 'convert');
    const lead = await createLead(t.ctx, makeLeadInput({ ownerUserId: w.users.teammate.id }));
    const result = await convertLead(w.as(w.users.rep), { id: lead.id, input: { createAccount: makeAccountInput() } });
    expect((await getAccount(t.ctx, result.accountId)).ownerUserId).toBe(w.users.teammate.id);
    expect((await getContact(t.ctx, result.contactId)).ownerUserId).toBe(w.users.teammate.id);
    const foreign = await createLead(t.ctx, makeLeadInput({ ownerUserId: w.users.outsider.id }));
    expect((await rejectionOf(convertLead(w.as(w.users.rep), { id: foreign.id, input: { createAccount: makeAccountInput() } }))).code).toBe('not_found');
  });

  it('lets one of two concurrent conversions win; the other gets the 409', async () => {
    const lead = await createLead(t.ctx, makeLeadInput());
    const results = await Promise.allSettled([
      convertLead(t.ctx, { id: lead.id, input: { createAccount: makeAccountInput() } }),
      convertLead(t.ctx, { id: lead.id, input: { createAccount: makeAccountInput() } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected')?.reason as { code: string }).code).toBe('conflict');
  });
});
