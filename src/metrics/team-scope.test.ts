import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/support/test-app.ts';
import { getOpportunity, updateOpportunity } from '../crm/index.ts';
import { createApiKey, SESSION_COOKIE } from '../identity/index.ts';
import { METRICS, TEAM_METRICS } from './index.ts';
import type { OpportunityContribution } from './metric-types.ts';
import { createMetricsTestApp } from './test-fixtures/metrics-test-app.ts';
import { seedTeamExample, TEAM_PASSWORD, type TeamExample } from './test-fixtures/team-example.ts';

type Point = Record<string, unknown> & { period: string; value: number | null; explain?: { contributions: OpportunityContribution[]; settings: Record<string, unknown> } };
type Result = { metric: string; scope?: { kind: string; ownerCount: number }; series: Point[] };

// docs/metrics.md "Who sees what": a sales manager's, a rep's and an admin's figures over the team example.
describe('metrics for the sales roles: their team\'s opportunities and leads only', () => {
  let t: TestApp;
  let example: TeamExample;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await createMetricsTestApp();
    example = await seedTeamExample(t.ctx);
    for (const [name, user] of Object.entries(example.users)) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: TEAM_PASSWORD } });
      expect(response.statusCode, response.body).toBe(200);
      cookies[name] = `${SESSION_COOKIE}=${response.cookies.find((cookie) => cookie.name === SESSION_COOKIE)?.value ?? ''}`;
    }
  });
  afterAll(() => t.close());

  type Who = 'admin' | 'mia' | 'rob' | 'rae' | 'ben';
  const get = (who: Who, url: string): Promise<LightMyRequestResponse> =>
    (who === 'admin' ? t.request('admin', { method: 'GET', url }) : t.app.inject({ method: 'GET', url, headers: { cookie: cookies[who] ?? '' } }));
  const report = async (who: Who, url: string): Promise<Result> => {
    const response = await get(who, `/api/v1/metrics/${url}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Result;
  };
  const march = async (who: Who, metric: string, extra = '') => (await report(who, `${metric}?from=2024-03&to=2024-03${extra}`)).series;

  it('win rate: the manager over her team A (Rob, Rae and her own), a rep over his team, the admin over everyone', async () => {
    // Mia: won Rob 10,000, Rae 5,000, Mia 2,000; lost Rob 20,000 → 3 ÷ 4; by value 17,000 ÷ 37,000.
    expect(await march('mia', 'win-rate')).toEqual([{ period: '2024-03', value: 0.75, wonCount: 3, lostCount: 1, byValue: [{ currency: 'USD', value: 0.4595, wonMinor: 1_700_000, lostMinor: 2_000_000 }] }]);
    // Rob: his team's members (Rob, Rae); Mia manages team A but is not a member → 2 ÷ 3; 15,000 ÷ 35,000.
    expect(await march('rob', 'win-rate')).toEqual([{ period: '2024-03', value: 0.6667, wonCount: 2, lostCount: 1, byValue: [{ currency: 'USD', value: 0.4286, wonMinor: 1_500_000, lostMinor: 2_000_000 }] }]);
    // Ben (team B): 1 ÷ 2; 40,000 ÷ 48,000.
    expect(await march('ben', 'win-rate')).toMatchObject([{ value: 0.5, wonCount: 1, lostCount: 1, byValue: [{ value: 0.8333 }] }]);
    // Admin: every deal, the unowned one too: 5 ÷ 7; 58,000 ÷ 86,000.
    expect(await march('admin', 'win-rate')).toEqual([{ period: '2024-03', value: 0.7143, wonCount: 5, lostCount: 2, byValue: [{ currency: 'USD', value: 0.6744, wonMinor: 5_800_000, lostMinor: 2_800_000 }] }]);
  });

  it('says whose figure it is: scope team with the number of owners, none for the company', async () => {
    expect((await report('mia', 'win-rate?from=2024-03&to=2024-03')).scope).toEqual({ kind: 'team', ownerCount: 3 });
    expect((await report('rob', 'win-rate?from=2024-03&to=2024-03')).scope).toEqual({ kind: 'team', ownerCount: 2 });
    expect((await report('ben', 'win-rate?from=2024-03&to=2024-03')).scope).toEqual({ kind: 'team', ownerCount: 1 });
    expect(await report('admin', 'win-rate?from=2024-03&to=2024-03')).not.toHaveProperty('scope');
  });

  it('open pipeline, velocity, bookings and sales cycle over the team\'s opportunities', async () => {
    // Mia at the end of March: Rob 8,000 (proposal 60 %), Rae 4,000 (qualification 20 %), Mia 6,000 (discovery 40 %).
    expect(await march('mia', 'pipeline-value')).toEqual([{ period: '2024-03', currency: 'USD', value: 1_800_000, weightedMinor: 800_000, count: 3 }]);
    expect(await march('rob', 'pipeline-value')).toEqual([{ period: '2024-03', currency: 'USD', value: 1_200_000, weightedMinor: 560_000, count: 2 }]);
    // + Ben 50,000 (negotiation 80 %).
    expect(await march('admin', 'pipeline-value')).toEqual([{ period: '2024-03', currency: 'USD', value: 6_800_000, weightedMinor: 4_800_000, count: 4 }]);
    // 3 open × 17,000.00 won × 3 won ÷ (4 closed × 118 days) = 324.15 a day.
    expect(await march('mia', 'pipeline-velocity')).toMatchObject([{ value: 32_415, openCount: 3, averageDealSizeMinor: 566_667, winRate: 0.75, salesCycleDays: 39.33 }]);
    expect(await march('mia', 'bookings')).toEqual([{ period: '2024-03', currency: 'USD', value: 1_700_000, count: 3 }]);
    expect(await march('mia', 'sales-cycle-days')).toMatchObject([{ value: 39.33, median: 30, count: 3 }]);
  });

  it('explains a team figure with the team\'s opportunities only', async () => {
    const [point] = await march('mia', 'win-rate', '&explain=true');
    const { deals } = example;
    expect(point?.explain?.contributions.map((c) => c.opportunityId).sort()).toEqual([deals['Rob won'], deals['Rob lost'], deals['Rae won'], deals['Mia won']].sort());
    expect(point?.explain?.settings).toMatchObject({ scope: 'team', ownerCount: 3 });
    const [pipeline] = await march('rob', 'pipeline-value', '&explain=true');
    expect(pipeline?.explain?.contributions.map((c) => c.opportunityId).sort()).toEqual([deals['Rob open'], deals['Rae open']].sort());
  });

  it('breaks down by owner: a manager sees her team\'s owners only, the admin every owner and the unowned', async () => {
    const { users } = example;
    const byOwner = async (who: Who) => (await march(who, 'win-rate', '&segment=owner')).map((p) => [p['segment'], p.value, p['wonCount'], p['lostCount']]);
    // Series in code-point order of the user ids (null last), as every breakdown.
    const sorted = (rows: unknown[][]) => [...rows].sort((a, b) => ((a[0] ?? '\uffff') < (b[0] ?? '\uffff') ? -1 : 1));
    expect(await byOwner('mia')).toEqual(sorted([[users.rob.id, 0.5, 1, 1], [users.rae.id, 1, 1, 0], [users.mia.id, 1, 1, 0]]));
    expect(await byOwner('rob')).toEqual(sorted([[users.rob.id, 0.5, 1, 1], [users.rae.id, 1, 1, 0]]));
    expect(await byOwner('admin')).toEqual(sorted([[users.rob.id, 0.5, 1, 1], [users.rae.id, 1, 1, 0], [users.mia.id, 1, 1, 0], [users.ben.id, 0.5, 1, 1], [null, 1, 1, 0]]));
    const pipeline = (await march('mia', 'pipeline-value', '&segment=owner')).map((p) => [p['segment'], p.value]);
    expect(pipeline).toEqual(sorted([[users.rob.id, 800_000], [users.rae.id, 400_000], [users.mia.id, 600_000]]));
    const leads = (await report('rob', 'new-leads?from=2026-01&to=2026-01&segment=owner')).series.map((p) => [p['segment'], p.value]);
    expect(leads).toEqual(sorted([[users.rob.id, 2], [users.rae.id, 1]]));
    // Only records with an owner break down by it: MRR and coverage (targets have no owner) are a 400 naming the field.
    for (const url of ['mrr?from=2024-03&to=2024-03&segment=owner', 'pipeline-coverage?from=2024-03&to=2024-03&segment=owner']) {
      const refused = await get('admin', `/api/v1/metrics/${url}`);
      expect(refused.statusCode, url).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'querystring.segment' }] });
    }
  });

  it('counts the leads the team owns', async () => {
    const january = async (who: Who) => (await report(who, 'new-leads?from=2026-01&to=2026-01')).series.map((p) => p.value);
    expect(await january('mia')).toEqual([4]);
    expect(await january('rob')).toEqual([3]);
    expect(await january('ben')).toEqual([3]);
    expect(await january('admin')).toEqual([8]);
  });

  it('a sales rep API key of team A counts team A\'s members, one without a team nothing', async () => {
    const teamKey = (await createApiKey(t.ctx, { name: 'team A key', role: 'sales_rep', teamId: example.teamAId })).secret;
    const asKey = (secret: string) => t.app.inject({ method: 'GET', url: '/api/v1/metrics/win-rate?from=2024-03&to=2024-03', headers: { authorization: `Bearer ${secret}` } });
    expect((await asKey(teamKey)).json()).toMatchObject({ scope: { kind: 'team', ownerCount: 3 }, series: [{ value: 0.6667, wonCount: 2, lostCount: 1 }] });
    // The key owns nothing: no closed deal, so no point (as for the company over a range without deals).
    expect((await asKey(t.keys.sales_rep)).json()).toEqual({ metric: 'win-rate', unit: 'ratio', scope: { kind: 'team', ownerCount: 1 }, series: [] });
  });

  it('refuses the sales roles every company-wide metric with a 403 naming why; other roles still read them', async () => {
    for (const who of ['mia', 'rob'] as const) {
      for (const metric of ['mrr', 'arr', 'nrr', 'billings', 'dso', 'ar-aging', 'cac', 'ltv', 'csat', 'campaign-roi']) {
        const response = await get(who, `/api/v1/metrics/${metric}?from=2024-03&to=2024-03`);
        expect(response.statusCode, `${who} ${metric}`).toBe(403);
        expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
        expect(response.json()).toMatchObject({ code: 'forbidden', detail: expect.stringMatching(new RegExp(`^${metric} .*only be reported for the whole company`)) });
      }
    }
    const dso = (await get('rob', '/api/v1/metrics/dso?from=2024-03&to=2024-03')).json() as { detail: string };
    expect(dso.detail).toMatch(/finance figure computed from invoices/);
    expect(dso.detail).toMatch(/the role sales_rep sees metrics over its team's opportunities and leads only/);
    // Coverage divides by company targets: a team's pipeline over the company's target would be a wrong figure.
    expect(((await get('mia', '/api/v1/metrics/pipeline-coverage?from=2024-03&to=2024-03')).json() as { detail: string }).detail).toMatch(/sales targets/);
    for (const role of ['admin', 'revops', 'finance', 'success', 'viewer'] as const) {
      expect((await t.request(role, { method: 'GET', url: '/api/v1/metrics/mrr?from=2024-03&to=2024-03' })).statusCode).toBe(200);
    }
  });

  it('lists to a sales role only the metrics it may ask for, each marked team; to the others every metric', async () => {
    const catalogue = async (who: Who) => ((await get(who, '/api/v1/metrics')).json() as { data: Array<{ name: string; scope?: string }> }).data;
    const teamNames = METRICS.map((m) => m.name).filter((name) => TEAM_METRICS.has(name));
    for (const who of ['mia', 'rob'] as const) {
      const data = await catalogue(who);
      expect(data.map((m) => m.name)).toEqual(teamNames);
      expect(data.every((m) => m.scope === 'team')).toBe(true);
      expect(data.map((m) => m.name)).not.toContain('mrr');
      // Everything listed answers; nothing listed is refused.
      for (const { name } of data) expect((await get(who, `/api/v1/metrics/${name}?from=2024-03&to=2024-03`)).statusCode, name).toBe(200);
    }
    const all = await catalogue('admin');
    expect(all.map((m) => m.name)).toEqual(METRICS.map((m) => m.name));
    expect(all.some((m) => 'scope' in m)).toBe(false);
  });

  it('answers a batch item by item: team figures, a 403 problem for a finance metric', async () => {
    const queries = [{ metric: 'win-rate', from: '2024-03', to: '2024-03' }, { metric: 'mrr', from: '2024-03', to: '2024-03' }, { metric: 'pipeline-value', from: '2024-03', to: '2024-03' }];
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/metrics/batch', headers: { cookie: cookies['mia'] ?? '', 'x-csrf-token': await csrfOf('mia') }, payload: { queries } });
    expect(response.statusCode, response.body).toBe(200);
    const { results } = response.json() as { results: Array<{ metric: string; status: number; data?: Result; problem?: Record<string, unknown> }> };
    expect(results.map((r) => [r.metric, r.status])).toEqual([['win-rate', 200], ['mrr', 403], ['pipeline-value', 200]]);
    expect(results[0]?.data).toMatchObject({ scope: { kind: 'team', ownerCount: 3 }, series: [{ value: 0.75 }] });
    expect(results[1]?.problem).toMatchObject({ status: 403, code: 'forbidden' });
    expect(results[2]?.data).toMatchObject({ series: [{ value: 1_800_000, count: 3 }] });
  });

  it('shares nothing between actors: the same report, one after the other, is each one\'s own', async () => {
    const values = [];
    for (const who of ['admin', 'mia', 'admin', 'rob', 'mia'] as const) values.push((await march(who, 'pipeline-value'))[0]?.value);
    expect(values).toEqual([6_800_000, 1_800_000, 6_800_000, 1_200_000, 1_800_000]);
  });

  it('as of an instant, counts the opportunities the team owned then', async () => {
    const before = t.clock.now().toString();
    t.clock.advance({ hours: 1 });
    // Rae's won deal moves to Ben (team B): Mia's win rate as restated loses it.
    const rae = await getOpportunity(t.ctx, example.deals['Rae won'] ?? '');
    await updateOpportunity(t.ctx, { id: rae.id, expectedVersion: rae.version, changes: { ownerUserId: example.users.ben.id } });
    const [point] = await march('mia', 'win-rate', `&asOf=${encodeURIComponent(before)}`);
    expect(point).toMatchObject({ value: 0.75, wonCount: 3, restatedValue: 0.6667, restatement: -0.0833 });
  });

  async function csrfOf(who: Who): Promise<string> {
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: cookies[who] ?? '' } });
    return (me.json() as { csrfToken: string }).csrfToken;
  }
});
