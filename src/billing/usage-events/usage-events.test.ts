import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createAccount } from '../../crm/index.ts';
import { scenarioKit } from '../invoicing/scenario-kit.ts';
import { loadUsageLookup } from '../usage-rating/usage-lookup.ts';
import { ingestUsageEvents } from './ingest-usage-events.ts';

describe('raw metered usage events', () => {
  let t: TestApp;
  const kit = scenarioKit(() => t);
  beforeAll(async () => { t = await createTestApp({ start: '2026-01-01T06:00:00Z' }); });
  afterAll(async () => { await t.close(); });
  const storedCount = async () => Number((await sql<{ n: string }>`select count(*)::text as n from usage_events`.execute(t.ctx.db)).rows[0]?.n);

  it('stores each event id once; duplicates are no-ops, conflicts and bad events are rejected per index', async () => {
    const accountId = (await createAccount(t.ctx, { name: 'Metered', currency: 'USD' })).id;
    const event = (id: string, extra: Record<string, unknown> = {}) => ({ eventId: id, accountId, featureKey: 'api.calls', occurredAt: '2026-01-05T23:30:00-02:00', value: 10, ...extra });
    const first = await ingestUsageEvents(t.ctx, { events: [
      event('e1'),
      event('e2', { value: '250' }),
      event('e1'), // same id, same content, in the same batch
      event('e2', { value: 251 }), // same id, other content
      event('e3', { value: -1, occurredAt: 'yesterday' }),
      event('e4', { accountId: 'acct_missing' }),
      'not an event',
    ] });
    expect(first.counts).toEqual({ created: 2, duplicate: 1, rejected: 4 });
    expect(first.results.map((result) => [result.index, result.eventId, result.outcome])).toEqual([
      [0, 'e1', 'created'], [1, 'e2', 'created'], [2, 'e1', 'duplicate'], [3, 'e2', 'rejected'], [4, 'e3', 'rejected'], [5, 'e4', 'rejected'], [6, null, 'rejected'],
    ]);
    expect(first.results[3]?.problem).toMatchObject({ status: 409, code: 'conflict', errors: [{ field: 'events.3.eventId' }] });
    expect(first.results[4]?.problem).toMatchObject({ status: 400, code: 'validation_failed', type: 'https://revline.dev/problems/validation-failed' });
    expect(first.results[4]?.problem?.errors.map((error) => error.field)).toEqual(['events.4.occurredAt', 'events.4.value']);
    expect(first.results[5]?.problem?.errors).toEqual([{ field: 'events.5.accountId', message: 'unknown account' }]);
    expect(first.results[6]?.problem?.errors.map((error) => error.field)).toEqual(['events.6']);

    const again = await ingestUsageEvents(t.ctx, { events: [event('e1'), event('e2', { value: 250 })] });
    expect(again.counts).toEqual({ created: 0, duplicate: 2, rejected: 0 });
    const changed = await ingestUsageEvents(t.ctx, { events: [event('e1', { value: 11 })] });
    expect(changed.results[0]?.problem).toMatchObject({ code: 'conflict', errors: [{ field: 'events.0.eventId' }] });
    expect(await storedCount()).toBe(2);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'entity_id', 'after']).where('entity_type', '=', 'usage_events').execute();
    expect(audit).toEqual([{ action: 'ingest', entity_id: 'e1', after: { eventIds: ['e1', 'e2'] } }]);

    // 23:30 at −02:00 is 01:30 UTC on the 6th: the event counts on 2026-01-06.
    const lookup = await loadUsageLookup(t.ctx, accountId, ['api.calls'], '2026-01-31');
    expect([lookup('api.calls', '2026-01-01', '2026-01-06'), lookup('api.calls', '2026-01-06', '2026-01-07')]).toEqual([0n, 260n]);
  });

  it('feeds the billing run: a usage item is rated on the sum of its events per period, late events as an adjustment', async () => {
    const sub = await kit.subscribe({ startDate: '2026-01-01', items: [{ itemKey: 'api.calls', kind: 'usage', quantity: 1, unitPriceDecimal: '0.0015', billingIntervalMonths: 1 }] });
    // Daily counts of the same feature are ignored once it has raw events (no double count).
    await sql`insert into product_usage_daily (account_id, usage_date, feature_key, usage_count, updated_at) values (${sub.accountId}, '2026-01-10', 'api.calls', 999999, now())`.execute(t.ctx.db);
    const events = [
      { eventId: 'run-1', accountId: sub.accountId, featureKey: 'api.calls', occurredAt: '2025-12-31T12:00:00Z', value: 1_000_000 }, // before the subscription
      { eventId: 'run-2', accountId: sub.accountId, featureKey: 'api.calls', occurredAt: '2026-01-05T08:00:00Z', value: 120_000 },
      { eventId: 'run-3', accountId: sub.accountId, featureKey: 'api.calls', occurredAt: '2026-01-20T08:00:00Z', value: 115_001 },
    ];
    const response = await t.request('revops', { method: 'POST', url: '/api/v1/usage/events', payload: { events } });
    expect(response.statusCode).toBe(200);
    expect(response.json().counts).toEqual({ created: 3, duplicate: 0, rejected: 0 });
    const first = await kit.billOn(sub.id, '2026-02-01');
    // 235001 × 0.0015 = 352.5015 USD → 35250
    expect(first.invoices.map((invoice) => invoice.lines.map((line) => [line.amountMinor, line.quantity]))).toEqual([[[35250n, '235001']]]);
    await t.request('revops', { method: 'POST', url: '/api/v1/usage/events', payload: { events: [...events, { eventId: 'run-4', accountId: sub.accountId, featureKey: 'api.calls', occurredAt: '2026-01-31T23:59:59Z', value: 1_000 }] } });
    const late = await kit.billOn(sub.id, '2026-02-02');
    expect(late.invoices.map((invoice) => invoice.lines.map((line) => [line.amountMinor, line.quantity]))).toEqual([[[150n, '236001']]]);

    const envelope = await t.request('revops', { method: 'POST', url: '/api/v1/usage/events', payload: { events: [] } });
    expect([envelope.statusCode, envelope.json().errors?.[0]?.field]).toEqual([400, 'body.events']);
    expect((await t.request('viewer', { method: 'POST', url: '/api/v1/usage/events', payload: { events } })).statusCode).toBe(403);
  });
});
