import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/support/test-app.ts';
import { createUser } from '../identity/index.ts';
import { ROLES, type Role } from '../shared/access.ts';
import type { Quote } from './index.ts';
import { createCpqTestApp, expectProblem } from './test-fixtures/cpq-test-app.ts';
import { makeBook, makeDeal, makePricedProduct } from './test-fixtures/seed.ts';

const PASSWORD = 'correct horse battery staple';
type Session = { cookie: string; csrfToken: string };
type State = { quote: Quote; approvalRequests: Array<{ id: string; ruleId: string; status: string }> };

describe('CPQ routes', () => {
  let t: TestApp;
  let bookId = '';
  let seatId = '';
  let addonId = '';
  let manager: Session;
  let managerId = '';
  const send = (role: Role, method: InjectOptions['method'], url: string, payload?: object) =>
    t.request(role, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
  const asSession = (session: Session, method: InjectOptions['method'], url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken }, ...(payload ? { payload } : {}) });

  async function signIn(email: string): Promise<Session> {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'revline_session')?.value ?? '';
    return { cookie: `revline_session=${cookie}`, csrfToken: (response.json() as { csrfToken: string }).csrfToken };
  }
  async function newQuote(discountBps: number, extra: object = {}): Promise<Quote> {
    const { opportunityId } = await makeDeal(t.ctx);
    const response = await send('revops', 'POST', '/quotes', {
      opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 12, lines: [{ productId: seatId, quantity: 2, discount: { percentBps: discountBps } }], ...extra,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Quote;
  }

  beforeAll(async () => {
    t = await createCpqTestApp();
    bookId = await makeBook(t.ctx);
    seatId = (await makePricedProduct(t.ctx, bookId)).productId;
    addonId = (await makePricedProduct(t.ctx, bookId)).productId;
    managerId = (await createUser(t.ctx, { email: 'cpq-manager@example.com', displayName: 'Manager', role: 'sales_manager', locale: 'en', password: PASSWORD })).id;
    manager = await signIn('cpq-manager@example.com');
    const rule = await send('revops', 'POST', '/approval-rules', { name: 'Discount over 10 %', condition: { metric: 'maxLineDiscountBps', op: '>', value: 1000 }, approverRole: 'sales_manager' });
    expect(rule.statusCode, rule.body).toBe(201);
    const config = await send('admin', 'POST', '/product-rules', { name: 'Add-on needs seats', kind: 'addon_of', productId: addonId, relatedProductId: seatId });
    expect(config.statusCode, config.body).toBe(201);
  });
  afterAll(() => t.close());

  it('answers 403 to every role outside a CPQ route\'s list, and not to the roles inside it', async () => {
    const routes = t.app.routeCatalog.filter((r) => /^\/api\/v1\/(quotes|approvals|approval-rules|validation-rules|product-rules|rules)\b/.test(r.url) && Array.isArray(r.access)
      // The cross-domain links view (src/http/links) is not CPQ's.
      && !r.url.endsWith('/links'));
    expect(routes.length).toBe(30);
    const failures: string[] = [];
    for (const route of routes) {
      const url = route.url.replace(/:([A-Za-z]+)/g, (_m, name: string) => `x_${name}`);
      const method = route.method as InjectOptions['method'];
      for (const role of ROLES) {
        const response = await t.request(role, { method, url, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) });
        if ((response.statusCode === 403) !== !(route.access as readonly string[]).includes(role)) failures.push(`${String(method)} ${route.url} as ${role}: ${response.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('documents every CPQ route in the OpenAPI document', async () => {
    const doc = (await t.request(null, { method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const paths = ['/api/v1/quotes/{id}/approvals/{requestId}/approve', '/api/v1/approvals/inbox', '/api/v1/rules/{id}/evaluate', '/api/v1/quotes/{id}/lines/{lineId}'];
    expect(paths.map((path) => Object.keys(doc.paths[path] ?? {}).sort())).toEqual([['post'], ['get'], ['post'], ['delete', 'patch']]);
  });

  it('runs a quote from draft to sent: submit, approval by a manager, send; the ETag follows the version', async () => {
    const quote = await newQuote(1500);
    expect(quote.totals.tcv).toEqual({ amountMinor: 20_400, currency: 'EUR' });
    const submitted = await send('revops', 'POST', `/quotes/${quote.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const state = submitted.json() as State;
    expect(state.quote.status).toBe('pending_approval');
    expectProblem(await send('revops', 'POST', `/quotes/${quote.id}/send`), 422, 'business_rule_violated');
    const inbox = (await asSession(manager, 'GET', '/approvals/inbox')).json() as { data: Array<{ id: string; quoteId: string; quote: Record<string, unknown> }> };
    expect(inbox.data.filter((item) => item.quoteId === quote.id).map((item) => item.id)).toEqual([state.approvalRequests[0]?.id]);
    // The approver sees whose deal it is, not only ids: the customer's and the deal's names beside the version and total.
    const account = (await send('revops', 'GET', `/accounts/${quote.accountId}`)).json() as { name: string };
    const opportunity = (await send('revops', 'GET', `/opportunities/${quote.opportunityId}`)).json() as { name: string };
    expect(inbox.data.find((item) => item.quoteId === quote.id)?.quote).toEqual({
      id: quote.id, opportunityId: quote.opportunityId, accountId: quote.accountId, ownerUserId: quote.ownerUserId,
      accountName: account.name, opportunityName: opportunity.name, versionNumber: 1, tcv: { amountMinor: 20_400, currency: 'EUR' },
    });
    expect([account.name, opportunity.name]).toEqual([expect.stringMatching(/^CPQ customer \d+$/), expect.stringMatching(/^CPQ deal \d+$/)]);
    const approved = await asSession(manager, 'POST', `/quotes/${quote.id}/approvals/${state.approvalRequests[0]?.id ?? ''}/approve`, { comment: 'fine' });
    expect((approved.json() as State).quote.status, approved.body).toBe('approved');
    const sent = await send('revops', 'POST', `/quotes/${quote.id}/send`);
    expect([sent.statusCode, (sent.json() as Quote).status, sent.headers['etag']]).toEqual([200, 'sent', `"${(sent.json() as Quote).version}"`]);
  });

  it('refuses the owner as approver with 403, and an approver of another role with 403', async () => {
    const quote = await newQuote(1500, { ownerUserId: managerId });
    const state = (await send('revops', 'POST', `/quotes/${quote.id}/submit`)).json() as State;
    const requestId = state.approvalRequests[0]?.id ?? '';
    const own = expectProblem(await asSession(manager, 'POST', `/quotes/${quote.id}/approvals/${requestId}/approve`), 403, 'forbidden');
    expect(own['detail']).toContain('segregation of duties');
    expectProblem(await send('finance', 'POST', `/quotes/${quote.id}/approvals/${requestId}/approve`), 403, 'forbidden');
    expect(((await send('sales_manager', 'POST', `/quotes/${quote.id}/approvals/${requestId}/reject`, { comment: 'no' })).json() as State).quote.status).toBe('rejected');
  });

  it('names the broken configuration rule in a 422 problem', async () => {
    const { opportunityId } = await makeDeal(t.ctx);
    const quote = (await send('revops', 'POST', '/quotes', { opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 12, lines: [{ productId: addonId, quantity: 1 }] })).json() as Quote;
    const problem = expectProblem(await send('revops', 'POST', `/quotes/${quote.id}/submit`), 422, 'business_rule_violated');
    expect(problem['detail']).toContain('Rule "Add-on needs seats" (addon_of)');
    expect(problem['rule']).toMatchObject({ type: 'product', name: 'Add-on needs seats', kind: 'addon_of' });
  });

  it('evaluates a rule against a quote with the values that fire, and lets only finance and admins override', async () => {
    const quote = await newQuote(2500);
    const rules = (await send('revops', 'GET', '/approval-rules?active=true')).json() as { data: Array<{ id: string }> };
    const evaluation = await send('revops', 'POST', `/rules/${rules.data[0]?.id ?? ''}/evaluate`, { quoteId: quote.id });
    expect(evaluation.json()).toMatchObject({ ruleType: 'approval', fires: true, checks: [{ check: 'maxLineDiscountBps', op: '>', value: 1000, actual: 2500, fires: true }] });
    expectProblem(await send('revops', 'POST', '/rules/rul_missing/evaluate', { quoteId: quote.id }), 404, 'not_found');
    expectProblem(await send('sales_rep', 'POST', `/quotes/${quote.id}/overrides`, { ruleKey: 'overdue_invoices', reason: 'x' }), 403, 'forbidden');
    expectProblem(await send('revops', 'POST', `/quotes/${quote.id}/overrides`, { ruleKey: 'overdue_invoices', reason: 'x' }), 403, 'forbidden');
    const override = await send('finance', 'POST', `/quotes/${quote.id}/overrides`, { ruleKey: 'overdue_invoices', reason: 'Paid by wire today' });
    expect([override.statusCode, (override.json() as { reason: string }).reason]).toEqual([201, 'Paid by wire today']);
    expectProblem(await send('finance', 'POST', `/quotes/${quote.id}/overrides`, { ruleKey: 'no_such_rule', reason: 'x' }), 400, 'validation_failed');
  });

  it('edits lines over HTTP, needs a version to patch the quote, and revises with a Location', async () => {
    const quote = await newQuote(0);
    expectProblem(await send('revops', 'PATCH', `/quotes/${quote.id}`, { termMonths: 24 }), 428, 'precondition_required');
    const patched = await send('revops', 'PATCH', `/quotes/${quote.id}`, { termMonths: 24, version: 1 });
    expect((patched.json() as Quote).totals.tcv).toEqual({ amountMinor: 48_000, currency: 'EUR' });
    const added = await t.request('revops', { method: 'POST', url: `/api/v1/quotes/${quote.id}/lines`, headers: { 'if-match': '"1"' }, payload: { productId: seatId, quantity: 1 } });
    expectProblem(added, 409, 'version_conflict');
    const lined = (await send('revops', 'POST', `/quotes/${quote.id}/lines`, { productId: seatId, quantity: 1 })).json() as Quote;
    expect(lined.totals.tcv).toEqual({ amountMinor: 72_000, currency: 'EUR' });
    const revised = await send('revops', 'POST', `/quotes/${quote.id}/revise`);
    expect([revised.statusCode, revised.headers['location']]).toEqual([201, `/api/v1/quotes/${(revised.json() as Quote).id}`]);
  });
});
