import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { sharedDataPath } from '../../test/support/shared-data.ts';
import { createAccount, createTicket } from '../crm/index.ts';
import { computeMetric, type MetricResult } from './index.ts';
import { monthKey, parseMonthKey } from './month-numbers.ts';

const DATA = sharedDataPath('ravenstack-saas');
// Every 2nd of the 2,000 tickets keeps the import short on PGlite; all 24 close months stay covered.
const EVERY = 2;
type Ticket = Record<'ticket_id' | 'account_id' | 'submitted_at' | 'closed_at' | 'priority' | 'satisfaction_score', string>;
type Account = Record<'account_id' | 'account_name' | 'industry', string>;
const read = <T>(file: string) => parse(fs.readFileSync(`${DATA}/${file}`, 'utf8'), { columns: true, skip_empty_lines: true }) as T[];
const PRIORITIES: Record<string, 'low' | 'normal' | 'high' | 'urgent'> = { low: 'low', medium: 'normal', high: 'high', urgent: 'urgent' };
const MONTHS = Array.from({ length: 24 }, (_, i) => monthKey((parseMonthKey('2023-01') ?? 0) + i));

describe(`RavenStack support tickets (every ${EVERY}th) against an independent CSAT computation`, () => {
  let t: TestContext;
  let tickets: Ticket[];
  beforeAll(async () => {
    t = await createTestContext({ start: '2025-06-01T09:00:00Z' });
    tickets = read<Ticket>('ravenstack_support_tickets.csv').filter((_, i) => i % EVERY === 0);
    const accounts = new Map(read<Account>('ravenstack_accounts.csv').map((a) => [a.account_id, a]));
    const ids = new Map<string, string>();
    for (const ticket of tickets) {
      if (!ids.has(ticket.account_id)) {
        const source = accounts.get(ticket.account_id);
        ids.set(ticket.account_id, (await createAccount(t.ctx, { name: source?.account_name ?? ticket.account_id, currency: 'USD', industry: source?.industry ?? null, sourceSystem: 'ravenstack', externalId: ticket.account_id })).id);
      }
      // The data set's times carry no zone: read as UTC. Scores are 3.0, 4.0, 5.0 or empty.
      await createTicket(t.ctx, {
        accountId: ids.get(ticket.account_id) ?? '', subject: ticket.ticket_id, priority: PRIORITIES[ticket.priority] ?? 'normal', status: 'closed',
        openedAt: `${ticket.submitted_at}T00:00:00Z`, closedAt: `${ticket.closed_at.replace(' ', 'T')}Z`,
        csat: ticket.satisfaction_score === '' ? null : Number(ticket.satisfaction_score), sourceSystem: 'ravenstack', externalId: ticket.ticket_id,
      });
    }
  }, 300_000);
  afterAll(() => t.close());

  it('has the same share of satisfied (4–5) responses and the same average score in every close month', async () => {
    const result = (await computeMetric(t.ctx, 'csat', { from: '2023-01', to: '2024-12' })) as MetricResult;
    const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
    expect(result.series.map((p) => [p.period, p.value, p['average'], p['responses']])).toEqual(MONTHS.map((m) => {
      const scores = tickets.filter((x) => x.closed_at.startsWith(m) && x.satisfaction_score !== '').map((x) => Number(x.satisfaction_score));
      const satisfied = scores.filter((s) => s >= 4).length;
      return [m, scores.length ? round(satisfied / scores.length, 4) : null, scores.length ? round(scores.reduce((a, b) => a + b, 0) / scores.length, 2) : null, scores.length];
    }));
    expect(result.series.reduce((sum, p) => sum + Number(p['responses']), 0)).toBeGreaterThan(400);
  });
});
