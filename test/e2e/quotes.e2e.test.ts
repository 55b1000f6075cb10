import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPriceBook, createProduct, setPrice } from '../../src/catalog/index.ts';
import type { AcceptanceTables } from '../../src/cpq/acceptance/tables.ts';
import { createApprovalRule, findQuote } from '../../src/cpq/index.ts';
import { createAccount, createOpportunity } from '../../src/crm/index.ts';
import { orderFromQuoteSubscriber } from '../../src/orders/index.ts';
import type { OrderTables } from '../../src/orders/tables.ts';
import { defaultSubscriberRegistry, dispatchDueDeliveries, registerSubscriber } from '../../src/shared/events/index.ts';
import { seriousAxeViolations, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/**
 * The quote journey: a rep builds a quote (two lines, live server totals), a 30 % discount shows
 * the approval it needs, the rep submits; a sales manager approves from the inbox; the rep sends
 * it and gets the customer's link; the customer, on a phone, accepts with a drawn signature; the
 * quote is accepted and an order placed; the link then says "already accepted". Axe on the
 * builder, the inbox and the acceptance page. Seeds through the services; waits on conditions only.
 */

const REP = { email: 'rita.rep@example.com', name: 'Rita Rep', role: 'sales_rep' as const };
const MANAGER = { email: 'max.manager@example.com', name: 'Max Manager', role: 'sales_manager' as const };
const PHONE = { width: 390, height: 844 };

describe('quotes in the browser', () => {
  let h: BrowserHarness;
  let rep: Page;
  const errors: string[][] = [];
  let opportunityId = '';
  let quoteId = '';
  let acceptanceUrl = '';

  beforeAll(async () => {
    h = await startBrowserHarness();
    // The chain from acceptance to order runs in this process, drained below (no background worker here).
    registerSubscriber(orderFromQuoteSubscriber);
    const book = await createPriceBook(h.ctx, { name: 'Standard EUR', currency: 'EUR', isDefault: true });
    const seat = await createProduct(h.ctx, { sku: 'PLAT-SEAT', name: 'Platform seat', type: 'subscription', family: 'platform' });
    await setPrice(h.ctx, { priceBookId: book.id, productId: seat.id, pricingModel: 'per_unit', billingPeriod: 'monthly', unitAmount: '30.00' });
    const onboarding = await createProduct(h.ctx, { sku: 'ONBOARD', name: 'Onboarding', type: 'one_time', family: 'services' });
    await setPrice(h.ctx, { priceBookId: book.id, productId: onboarding.id, pricingModel: 'flat', billingPeriod: 'one_time', unitAmount: '1500.00' });
    await createApprovalRule(h.ctx, { name: 'Discount over 20 %', condition: { metric: 'maxLineDiscountBps', op: '>', value: 2000 }, approverRole: 'sales_manager' });
    const opened = await h.newPage();
    rep = opened.page;
    errors.push(opened.pageErrors);
    await h.signIn(rep, REP);
    const repUser = await h.ctx.db.selectFrom('users').select('id').where('email', '=', REP.email).executeTakeFirstOrThrow();
    const account = await createAccount(h.ctx, { name: 'Globex GmbH', currency: 'EUR', ownerUserId: repUser.id });
    opportunityId = (await createOpportunity(h.ctx, {
      accountId: account.id, name: 'Globex Platform', amount: { amountMinor: 500_000, currency: 'EUR' }, closeDate: '2026-03-31', ownerUserId: repUser.id,
    })).id;
  });
  afterAll(async () => {
    await h.close();
    expect(errors.flat()).toEqual([]);
  });

  const total = (page: Page, name: string) => page.getByTestId(`total-${name}`);
  const expectText = async (page: Page, testId: string, text: string) => {
    await page.getByTestId(testId).filter({ hasText: text }).first().waitFor();
  };

  it('builds a quote with live totals, shows the approval a 30 % discount needs and submits it', async () => {
    await rep.goto(`/quotes/new?opportunityId=${opportunityId}`);
    await expectText(rep, 'chosen-opportunity', 'Globex Platform');
    await rep.getByLabel('Start date').fill('02/01/2026');
    await rep.getByLabel('Document language').selectOption('de');
    await rep.getByRole('button', { name: 'Create quote' }).click();
    await rep.waitForURL(/\/quotes\/quo_/);
    quoteId = new URL(rep.url()).pathname.split('/').at(-1) ?? '';

    const addProduct = async (text: string, lines: number) => {
      await rep.getByRole('combobox', { name: 'Add a product' }).fill(text);
      await rep.getByRole('option', { name: new RegExp(text) }).click();
      await expect.poll(() => rep.getByTestId('quote-line').count()).toBe(lines);
    };
    await addProduct('Platform', 1);
    await rep.locator('#line-1-quantity').fill('10');
    // 10 seats × 30.00 × 12 months, priced by the server.
    await total(rep, 'tcv').filter({ hasText: '€3,600.00' }).waitFor();
    await addProduct('Onboarding', 2);
    await total(rep, 'tcv').filter({ hasText: '€5,100.00' }).waitFor();
    await expect.poll(() => total(rep, 'mrr').textContent()).toBe('€300.00');
    await expect.poll(() => total(rep, 'oneTime').textContent()).toBe('€1,500.00');
    expect(await seriousAxeViolations(rep)).toEqual([]);

    await rep.locator('#line-1-discount-kind').selectOption('percent');
    await rep.locator('#line-1-discount').fill('30');
    await total(rep, 'tcv').filter({ hasText: '€4,020.00' }).waitFor();
    const line1 = rep.getByTestId('quote-line').first();
    await line1.getByTestId('approval-needed').filter({ hasText: 'Needs approval: Discount over 20 % (Sales manager)' }).waitFor();
    expect(await rep.getByTestId('quote-line').nth(1).getByTestId('approval-needed').count()).toBe(0);
    await h.screenshot(rep, 'quotes-builder');

    await rep.getByRole('button', { name: 'Submit for approval' }).click();
    await expectText(rep, 'quote-status', 'Awaiting approval');
    await rep.getByTestId('approval-request').filter({ hasText: 'Sales manager' }).waitFor();
    // The rep's own inbox holds nothing to approve: segregation of duties.
    await rep.goto('/quotes/approvals');
    await rep.getByText('Nothing is waiting for your approval.').waitFor();
    expect(await rep.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    // The list names the quote by its deal and shows whose it is.
    await rep.goto('/quotes');
    const row = rep.getByTestId('quote-list').getByRole('row').filter({ hasText: 'Globex Platform · v1' });
    await row.getByText('Globex GmbH').waitFor();
    await row.getByText('Awaiting approval').waitFor();
  });

  it('a sales manager approves it from the inbox with a comment', async () => {
    const { page: manager, pageErrors } = await h.newPage();
    errors.push(pageErrors);
    await h.signIn(manager, MANAGER);
    await manager.goto('/quotes/approvals');
    const row = manager.getByTestId('approvals-inbox').locator('tbody tr').filter({ hasText: 'Discount over 20 %' });
    await row.waitFor();
    // The approver sees whose deal it is, not a quote id.
    await row.getByText('Globex GmbH').waitFor();
    expect(await seriousAxeViolations(manager)).toEqual([]);
    await row.getByRole('button', { name: 'Review' }).click();
    await manager.getByLabel('Comment').fill('Strategic logo, fine.');
    await manager.getByRole('button', { name: 'Approve' }).click();
    await manager.getByText(`Approved the request on quote ${quoteId}.`).waitFor();
    await manager.getByText('Nothing is waiting for your approval.').waitFor();
  });

  it('the rep sends it and gets the web link for the customer', async () => {
    await rep.goto(`/quotes/${quoteId}`);
    await expectText(rep, 'quote-status', 'Approved');
    await rep.getByTestId('approval-request').filter({ hasText: 'Strategic logo, fine.' }).waitFor();
    await rep.getByRole('button', { name: 'Send for acceptance' }).click();
    const link = rep.getByTestId('acceptance-link');
    await link.waitFor();
    acceptanceUrl = await link.inputValue();
    expect(acceptanceUrl).toMatch(new RegExp(`^${h.baseUrl}/accept/[A-Za-z0-9_-]{43}$`));
    await expectText(rep, 'quote-status', 'Sent');
  });

  it('the customer accepts on a phone with a drawn signature; an order follows; the link then says so', async () => {
    const { page: phone, pageErrors } = await h.newPage({ viewport: PHONE, locale: 'en-GB' });
    errors.push(pageErrors);
    await phone.goto(acceptanceUrl);
    // The quote's language is German: labels and amounts follow it.
    await phone.getByTestId('public-total-tcv').filter({ hasText: '4.020,00 €' }).waitFor();
    await phone.getByRole('heading', { name: 'Angebot annehmen' }).waitFor();
    expect(await phone.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousAxeViolations(phone)).toEqual([]);

    await phone.getByLabel('Vollständiger Name').fill('Greta Globex');
    await phone.getByLabel('E-Mail').fill('greta@globex.example');
    const canvas = phone.getByTestId('signature-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the signature canvas is not visible');
    await phone.mouse.move(box.x + 20, box.y + box.height * 0.7);
    await phone.mouse.down();
    for (const [dx, dy] of [[60, -30], [110, 10], [170, -25], [230, 15], [290, -10]] as const) await phone.mouse.move(box.x + dx, box.y + box.height * 0.5 + dy, { steps: 4 });
    await phone.mouse.up();
    await h.screenshot(phone, 'quotes-acceptance-phone');
    await phone.getByRole('button', { name: 'Angebot annehmen' }).click();
    await phone.getByText('Vielen Dank: Das Angebot ist angenommen').waitFor();

    expect((await findQuote(h.ctx, quoteId))?.status).toBe('accepted');
    const acceptance = await h.ctx.db.withTables<AcceptanceTables>().selectFrom('quote_acceptances').selectAll().where('quote_id', '=', quoteId).executeTakeFirstOrThrow();
    expect(acceptance).toMatchObject({ signature_kind: 'drawn', signer_name: 'Greta Globex' });
    for (let i = 0; i < 10; i += 1) if ((await dispatchDueDeliveries(h.ctx, { registry: defaultSubscriberRegistry })).claimed === 0) break;
    const orders = await h.ctx.db.withTables<OrderTables>().selectFrom('orders').select(['quote_id', 'tcv_minor']).where('quote_id', '=', quoteId).execute();
    expect(orders.map((order) => String(order.tcv_minor))).toEqual(['402000']);

    await phone.reload();
    const state = phone.getByTestId('accept-state');
    await state.filter({ hasText: 'Dieses Angebot wurde bereits angenommen' }).waitFor();
    expect(await state.getAttribute('data-state')).toBe('accepted');
    expect(await phone.getByRole('button', { name: 'Angebot annehmen' }).count()).toBe(0);
  });
});
