import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createTeam } from '../identity/index.ts';
import { withActor } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { addQuoteLine, createQuote, deleteQuote, findQuote, getQuote, listQuotes, removeQuoteLine, reviseQuote, sendQuote, submitQuote, updateQuote, updateQuoteLine } from './index.ts';
import { auditTrail, makeActor, makeBook, makeDeal, makePricedProduct, type PricedProduct } from './test-fixtures/seed.ts';

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

describe('quote services', () => {
  let t: TestContext;
  let bookId = '';
  let seat: PricedProduct;
  let tiered: PricedProduct;
  let setup: PricedProduct;
  beforeAll(async () => {
    t = await createTestContext();
    bookId = await makeBook(t.ctx);
    seat = await makePricedProduct(t.ctx, bookId, { unitAmount: '30.00' });
    const tiers = [{ upTo: 10, unitAmount: '10.00' }, { upTo: 50, unitAmount: '8.00', flatAmount: '5.00' }, { upTo: null, unitAmount: '6.50' }];
    tiered = await makePricedProduct(t.ctx, bookId, { pricingModel: 'tiered', billingPeriod: 'annual', unitAmount: undefined, tiers });
    setup = await makePricedProduct(t.ctx, bookId, { billingPeriod: 'one_time', unitAmount: '1500.00' });
  });
  afterAll(() => t.close());

  it('creates a priced draft with per-unit, tiered, one-time lines, a ramp and discounts, exact to the cent, and audits it', async () => {
    const { opportunityId, accountId } = await makeDeal(t.ctx, { type: 'expansion' });
    const quote = await createQuote(t.ctx, {
      opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 36, discount: { percentBps: 500 },
      lines: [
        { productId: seat.productId, discount: { percentBps: 1000 }, ramp: [{ year: 1, quantity: 10 }, { year: 2, quantity: 20 }, { year: 3, quantity: 30 }] },
        { productId: tiered.productId, quantity: 60, discount: { amount: eur(7000) } },
        { productId: setup.productId, quantity: 1, description: 'Onboarding' },
      ],
    });
    expect(quote).toMatchObject({
      opportunityId, accountId, quoteType: 'expansion', currency: 'EUR', status: 'draft', versionNumber: 1, expiresOnDate: '2026-02-14', expired: false,
      discount: { percentBps: 500 },
    });
    // Subtotal 19,440.00 + 1,400.00 + 1,500.00 = 22,340.00; 5 % off rounds the net: 21,223.00.
    expect(quote.totals).toMatchObject({ list: eur(2_457_000), lineDiscount: eur(223_000), headerDiscount: eur(111_700), tcv: eur(2_122_300), oneTime: eur(142_500), acv: eur(707_433) });
    expect(quote.lines.map((line) => [line.lineNumber, line.priceId, line.amounts.net.amountMinor, line.amounts.headerDiscount.amountMinor])).toEqual([
      [1, seat.priceId, 1_846_800, 97_200], [2, tiered.priceId, 133_000, 7_000], [3, setup.priceId, 142_500, 7_500],
    ]);
    expect(quote.years).toEqual([
      { year: 1, startDate: '2026-02-01', endDate: '2027-02-01', amount: eur(494_633) },
      { year: 2, startDate: '2027-02-01', endDate: '2028-02-01', amount: eur(659_934) },
      { year: 3, startDate: '2028-02-01', endDate: '2029-02-01', amount: eur(967_733) },
    ]);
    expect(quote.lines[2]?.periods).toEqual([{ startDate: '2026-02-01', endDate: null, amount: eur(142_500) }]);
    expect(quote.lines[1]?.periods.map((p) => [p.startDate, p.endDate])).toEqual([['2026-02-01', '2027-02-01'], ['2027-02-01', '2028-02-01'], ['2028-02-01', '2029-02-01']]);
    expect(await getQuote(t.ctx, quote.id)).toEqual(quote);
    expect((await auditTrail(t.ctx, 'quote', quote.id)).map((row) => row.action)).toEqual(['create']);
    expect((await auditTrail(t.ctx, 'quote_line', quote.lines[0]?.id ?? '')).map((row) => [row.action, (row.after as { net_minor: string }).net_minor])).toEqual([['create', '1846800']]);
  });

  it('re-prices on every line change; a description change moves no amount and re-prices nothing', async () => {
    const { opportunityId } = await makeDeal(t.ctx);
    const quote = await createQuote(t.ctx, { opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 12, discount: { amount: eur(1_000) }, lines: [{ productId: seat.productId, quantity: 2 }] });
    const added = await addQuoteLine(t.ctx, { quoteId: quote.id, line: { productId: seat.productId, quantity: 1 } });
    expect(added.lines.map((line) => line.amounts.headerDiscount.amountMinor)).toEqual([667, 333]);
    expect(added.totals.tcv).toEqual(eur(107_000));
    const lineId = added.lines[1]?.id ?? '';
    const changed = await updateQuoteLine(t.ctx, { quoteId: quote.id, lineId, changes: { quantity: 2 } });
    expect(changed.lines.map((line) => line.amounts.headerDiscount.amountMinor)).toEqual([500, 500]);
    const described = await updateQuoteLine(t.ctx, { quoteId: quote.id, lineId, changes: { description: 'Second team' } });
    expect(described.totals).toEqual(changed.totals);
    expect((await auditTrail(t.ctx, 'quote_line', lineId)).map((row) => row.action)).toEqual(['create', 'update', 'update']);
    const removed = await removeQuoteLine(t.ctx, { quoteId: quote.id, lineId: quote.lines[0]?.id ?? '' });
    expect(removed.lines.map((line) => [line.lineNumber, line.amounts.net.amountMinor])).toEqual([[2, 71_000]]);
    expect(removed.version).toBe(5);
  });

  it('refuses a term that no longer fits a line as a field error naming the line', async () => {
    const { opportunityId } = await makeDeal(t.ctx);
    const quote = await createQuote(t.ctx, { opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 12, lines: [{ productId: tiered.productId, quantity: 5 }] });
    const error = await appError(updateQuote(t.ctx, { id: quote.id, expectedVersion: 1, changes: { termMonths: 18 } }));
    expect([error.code, error.fieldErrors.map((f) => f.field)]).toEqual(['validation_failed', ['lines.1.termMonths']]);
    const stale = await appError(updateQuote(t.ctx, { id: quote.id, expectedVersion: 7, changes: { termMonths: 24 } }));
    expect([stale.code, stale.extra['currentVersion']]).toEqual(['version_conflict', 1]);
    const wrongCurrency = await appError(updateQuote(t.ctx, { id: quote.id, expectedVersion: 1, changes: { discount: { amount: { amountMinor: 5, currency: 'USD' } } } }));
    expect(wrongCurrency.fieldErrors.map((f) => f.field)).toEqual(['body.discount.amount.currency']);
  });

  it('sends only an approved quote, publishes quote.sent, and revising supersedes it with the next version', async () => {
    const { opportunityId } = await makeDeal(t.ctx);
    const quote = await createQuote(t.ctx, { opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 12, lines: [{ productId: seat.productId, quantity: 1 }] });
    expect((await appError(sendQuote(t.ctx, { id: quote.id }))).code).toBe('business_rule_violated');
    const { quote: approved } = await submitQuote(t.ctx, { id: quote.id });
    expect(approved.status).toBe('approved');
    const sent = await sendQuote(t.ctx, { id: quote.id });
    expect([sent.status, sent.sentAt]).toEqual(['sent', '2026-01-15T09:00:00.000Z']);
    const events = await t.ctx.db.selectFrom('outbox_events').select(['type', 'payload']).where('aggregate_id', '=', quote.id).execute();
    expect(events.map((event) => [event.type, (event.payload as { totals: { tcv: unknown } }).totals.tcv])).toEqual([['quote.sent', eur(36_000)]]);
    expect((await appError(updateQuote(t.ctx, { id: quote.id, expectedVersion: sent.version, changes: { termMonths: 24 } }))).code).toBe('conflict');
    const revision = await reviseQuote(t.ctx, { id: quote.id });
    expect(revision).toMatchObject({ status: 'draft', versionNumber: 2, revisedFromQuoteId: quote.id, totals: sent.totals, sentAt: null });
    expect(revision.lines.map((line) => line.priceId)).toEqual([seat.priceId]);
    expect((await getQuote(t.ctx, quote.id)).status).toBe('superseded');
    expect((await appError(reviseQuote(t.ctx, { id: quote.id }))).code).toBe('conflict');
    expect((await appError(deleteQuote(t.ctx, { id: revision.id, expectedVersion: 1 }))).code).toBe('conflict');
  });

  it('keeps reps to their team\'s quotes (404 outside), and deletes a new draft', async () => {
    const team = await createTeam(t.ctx, { name: 'CPQ team' });
    const rep = await makeActor(t.ctx, 'sales_rep', { teamId: team.id });
    const outsider = await makeActor(t.ctx, 'sales_rep');
    const { opportunityId } = await makeDeal(t.ctx, { ownerUserId: rep.id });
    const asRep = withActor(t.ctx, rep);
    const quote = await createQuote(asRep, { opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 12 });
    expect(quote.ownerUserId).toBe(rep.id);
    expect(await findQuote(withActor(t.ctx, outsider), quote.id)).toBeNull();
    expect((await listQuotes(withActor(t.ctx, outsider), { opportunityId })).data).toEqual([]);
    expect((await listQuotes(asRep, { opportunityId })).data.map((q) => q.id)).toEqual([quote.id]);
    expect((await appError(createQuote(withActor(t.ctx, outsider), { opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 12 }))).fieldErrors[0]?.field).toBe('body.opportunityId');
    await deleteQuote(asRep, { id: quote.id, expectedVersion: 1 });
    expect(await findQuote(asRep, quote.id)).toBeNull();
  });

  it('lists quotes newest first (or oldest, order=asc) page by page, each with its account and opportunity names', async () => {
    const { opportunityId, accountId } = await makeDeal(t.ctx);
    const created: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      t.clock.advance({ seconds: 1 });
      created.push((await createQuote(t.ctx, { opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 12 })).id);
    }
    const pages = async (order: 'asc' | 'desc' | undefined) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listQuotes(t.ctx, { accountId, limit: 2, ...(order ? { order } : {}), ...(cursor ? { cursor } : {}) });
        ids.push(...page.data.map((quote) => quote.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return ids;
    };
    expect(await pages(undefined)).toEqual([...created].reverse());
    expect(await pages('desc')).toEqual([...created].reverse());
    expect(await pages('asc')).toEqual(created);
    const [first] = (await listQuotes(t.ctx, { accountId, limit: 1 })).data;
    expect(first).toMatchObject({ accountId, opportunityId, accountName: expect.stringMatching(/^CPQ customer \d+$/), opportunityName: expect.stringMatching(/^CPQ deal \d+$/) });
    expect((await appError(listQuotes(t.ctx, { accountId, order: 'newest' as 'asc' }))).fieldErrors[0]?.field).toBe('querystring.order');
  });
});
