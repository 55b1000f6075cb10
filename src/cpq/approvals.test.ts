import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createTeam } from '../identity/index.ts';
import type { Actor } from '../shared/access.ts';
import { withActor, type Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import {
  approveQuoteRequest, createApprovalRule, createQuote, listApprovalInbox, listQuoteApprovals, rejectQuoteRequest, sendQuote, submitQuote, updateQuote,
  updateQuoteLine, type ApprovalRequest, type CreateApprovalRuleInput, type Quote,
} from './index.ts';
import { auditTrail, makeActor, makeBook, makeDeal, makePricedProduct } from './test-fixtures/seed.ts';

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('approval chains', () => {
  let t: TestContext;
  let bookId = '';
  let seatId = '';
  const who = {} as Record<'rep' | 'manager' | 'otherManager' | 'finance' | 'dealDesk', Actor>;
  const rules = {} as Record<'manager' | 'finance' | 'bigDeal' | 'terms', string>;
  const as = (actor: Actor): Ctx => withActor(t.ctx, actor);

  /** A quote owned by the rep: one seat line at `discountBps` off, for `seats` seats, 12 months. */
  async function quoteFor(discountBps: number, seats = 1, owner: Actor = who.rep): Promise<Quote> {
    const { opportunityId } = await makeDeal(t.ctx, { ownerUserId: owner.id });
    return createQuote(as(owner), { opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 12, lines: [{ productId: seatId, quantity: seats, discount: { percentBps: discountBps } }] });
  }
  const requestFor = (requests: ApprovalRequest[], ruleId: string) => {
    const found = requests.find((r) => r.ruleId === ruleId && r.status === 'pending');
    expect(found, `a pending request for ${ruleId}`).toBeDefined();
    return found?.id ?? '';
  };
  const decide = (actor: Actor, quoteId: string, requestId: string) => approveQuoteRequest(as(actor), { quoteId, requestId, comment: 'ok' });

  beforeAll(async () => {
    t = await createTestContext();
    bookId = await makeBook(t.ctx);
    seatId = (await makePricedProduct(t.ctx, bookId)).productId;
    const team = await createTeam(t.ctx, { name: 'Approvals team' });
    who.rep = await makeActor(t.ctx, 'sales_rep', { teamId: team.id });
    who.manager = await makeActor(t.ctx, 'sales_manager', { teamId: team.id });
    who.otherManager = await makeActor(t.ctx, 'sales_manager');
    who.finance = await makeActor(t.ctx, 'finance');
    who.dealDesk = await makeActor(t.ctx, 'revops');
    type Approver = Pick<CreateApprovalRuleInput, 'approverRole' | 'approverUserId'>;
    const rule = async (name: string, condition: CreateApprovalRuleInput['condition'], approver: Approver, level: number) => (await createApprovalRule(t.ctx, { name, condition, level, ...approver })).id;
    rules.manager = await rule('Discount over 10 %', { metric: 'maxLineDiscountBps', op: '>', value: 1000 }, { approverRole: 'sales_manager' }, 1);
    rules.terms = await rule('Payment terms over 60 days', { metric: 'paymentTermsDays', op: '>', value: 60 }, { approverRole: 'finance' }, 1);
    rules.finance = await rule('Discount over 20 %', { metric: 'maxLineDiscountBps', op: '>', value: 2000 }, { approverRole: 'finance' }, 2);
    rules.bigDeal = await rule('ACV over 1,000.00 EUR', { metric: 'acvMinor', op: '>', value: 100_000, currency: 'EUR' }, { approverUserId: who.dealDesk.id }, 2);
  });
  afterAll(() => t.close());

  it('approves nothing-to-approve at once, and a quote needing approval cannot be sent', async () => {
    expect((await submitQuote(as(who.rep), { id: (await quoteFor(1000)).id })).quote.status).toBe('approved');
    const pending = await submitQuote(as(who.rep), { id: (await quoteFor(1500)).id });
    expect(pending.quote.status).toBe('pending_approval');
    expect((await appError(sendQuote(as(who.rep), { id: pending.quote.id }))).detail).toContain('waiting for approval');
  });

  it('runs a multi-level chain in order: level 2 opens only when level 1 is fully approved', async () => {
    const { quote, approvalRequests } = await submitQuote(as(who.rep), { id: (await quoteFor(2500)).id });
    expect(approvalRequests.map((r) => [r.ruleId, r.level, r.status, r.snapshot.actual])).toEqual([[rules.manager, 1, 'pending', 2500], [rules.finance, 2, 'pending', 2500]]);
    const early = await appError(decide(who.finance, quote.id, requestFor(approvalRequests, rules.finance)));
    expect([early.code, early.extra['openLevel']]).toEqual(['conflict', 1]);
    expect((await listApprovalInbox(as(who.finance), {})).data.map((item) => item.quoteId)).not.toContain(quote.id);
    expect((await listApprovalInbox(as(who.manager), {})).data.filter((item) => item.quoteId === quote.id).map((item) => item.ruleName)).toEqual(['Discount over 10 %']);
    const afterLevel1 = await decide(who.manager, quote.id, requestFor(approvalRequests, rules.manager));
    expect(afterLevel1.quote.status).toBe('pending_approval');
    const inbox = (await listApprovalInbox(as(who.finance), {})).data.filter((item) => item.quoteId === quote.id);
    expect(inbox.map((item) => [item.ruleName, item.level, item.quote.tcv])).toEqual([['Discount over 20 %', 2, { amountMinor: 9000, currency: 'EUR' }]]);
    const done = await decide(who.finance, quote.id, requestFor(approvalRequests, rules.finance));
    expect([done.quote.status, done.quote.approvedAt]).toEqual(['approved', '2026-01-15T09:00:00.000Z']);
    expect((await sendQuote(as(who.rep), { id: quote.id })).status).toBe('sent');
    expect((await auditTrail(t.ctx, 'quote', quote.id)).map((row) => [row.action, row.actor_id])).toEqual([
      ['create', who.rep.id], ['submit', who.rep.id], ['approve', who.finance.id], ['send', who.rep.id],
    ]);
  });

  it('needs every parallel approver of a level: a role and a named user', async () => {
    const { quote, approvalRequests } = await submitQuote(as(who.rep), { id: (await quoteFor(2500, 20)).id });
    expect(approvalRequests.map((r) => `${r.level}:${r.ruleId}`).sort()).toEqual([`1:${rules.manager}`, `2:${rules.bigDeal}`, `2:${rules.finance}`].sort());
    await decide(who.manager, quote.id, requestFor(approvalRequests, rules.manager));
    const notNamed = await appError(decide(who.finance, quote.id, requestFor(approvalRequests, rules.bigDeal)));
    expect([notNamed.code, notNamed.detail]).toEqual(['forbidden', expect.stringContaining(`user ${who.dealDesk.id}`)]);
    expect((await decide(who.dealDesk, quote.id, requestFor(approvalRequests, rules.bigDeal))).quote.status).toBe('pending_approval');
    expect((await decide(who.finance, quote.id, requestFor(approvalRequests, rules.finance))).quote.status).toBe('approved');
  });

  it('never lets the owner or the submitter approve (403), even with the approver role', async () => {
    const managersOwn = await quoteFor(1500, 1, who.manager);
    const { approvalRequests } = await submitQuote(as(who.manager), { id: managersOwn.id });
    const owner = await appError(decide(who.manager, managersOwn.id, requestFor(approvalRequests, rules.manager)));
    expect([owner.code, owner.detail]).toEqual(['forbidden', expect.stringContaining('segregation of duties')]);
    expect((await listApprovalInbox(as(who.manager), {})).data.map((item) => item.quoteId)).not.toContain(managersOwn.id);
    expect((await decide(who.otherManager, managersOwn.id, requestFor(approvalRequests, rules.manager))).quote.status).toBe('approved');

    const repsQuote = await quoteFor(1500);
    const submitted = await submitQuote(as(who.manager), { id: repsQuote.id });
    const submitter = await appError(decide(who.manager, repsQuote.id, requestFor(submitted.approvalRequests, rules.manager)));
    expect([submitter.code, submitter.detail]).toEqual(['forbidden', expect.stringContaining('You submitted')]);
    expect((await appError(decide(who.dealDesk, repsQuote.id, requestFor(submitted.approvalRequests, rules.manager)))).code).toBe('forbidden');
  });

  it('asks for re-approval only when an edit touches an approved condition', async () => {
    const quote = await quoteFor(1500);
    const submitted = await submitQuote(as(who.rep), { id: quote.id });
    let current = (await decide(who.manager, quote.id, requestFor(submitted.approvalRequests, rules.manager))).quote;
    const lineId = current.lines[0]?.id ?? '';
    const edit = async (changes: Parameters<typeof updateQuoteLine>[1]['changes']) => (current = await updateQuoteLine(as(who.rep), { quoteId: quote.id, lineId, changes }));

    expect((await edit({ description: 'Renamed line' })).status).toBe('approved');
    expect((await edit({ discount: { percentBps: 1200 } })).status).toBe('approved');
    expect((await edit({ discount: { percentBps: 1500 } })).status).toBe('approved');
    expect((await edit({ discount: { percentBps: 1800 } })).status).toBe('draft');

    const again = await submitQuote(as(who.rep), { id: quote.id });
    expect(again.approvalRequests.filter((r) => r.status === 'pending').map((r) => [r.ruleId, r.snapshot.actual])).toEqual([[rules.manager, 1800]]);
    current = (await decide(who.manager, quote.id, requestFor(again.approvalRequests, rules.manager))).quote;
    current = await updateQuote(as(who.rep), { id: quote.id, expectedVersion: current.version, changes: { paymentTermsDays: 90 } });
    expect(current.status).toBe('draft');
    const third = await submitQuote(as(who.rep), { id: quote.id });
    expect(third.approvalRequests.filter((r) => r.status === 'pending').map((r) => r.ruleId)).toEqual([rules.terms]);
  });

  it('rejects: the quote is rejected, the other open requests cancelled; editing returns it to draft', async () => {
    const { quote, approvalRequests } = await submitQuote(as(who.rep), { id: (await quoteFor(2500, 20)).id });
    await decide(who.manager, quote.id, requestFor(approvalRequests, rules.manager));
    const rejected = await rejectQuoteRequest(as(who.finance), { quoteId: quote.id, requestId: requestFor(approvalRequests, rules.finance), comment: 'too deep' });
    expect(rejected.quote.status).toBe('rejected');
    expect(rejected.approvalRequests.map((r) => [r.ruleId, r.status]).sort()).toEqual([[rules.bigDeal, 'cancelled'], [rules.finance, 'rejected'], [rules.manager, 'approved']].sort());
    const edited = await updateQuoteLine(as(who.rep), { quoteId: quote.id, lineId: quote.lines[0]?.id ?? '', changes: { discount: { percentBps: 1900 } } });
    expect(edited.status).toBe('draft');
    const resubmitted = await submitQuote(as(who.rep), { id: quote.id });
    expect(resubmitted.approvalRequests.filter((r) => r.status === 'pending').map((r) => r.ruleId)).toEqual([rules.bigDeal]);
    expect((await listQuoteApprovals(t.ctx, quote.id)).length).toBe(4);
  });
});
