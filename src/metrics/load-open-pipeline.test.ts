import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createAccount, createOpportunity, type OwnerScope } from '../crm/index.ts';
import { createUser } from '../identity/index.ts';
import type { Ctx } from '../shared/context.ts';
import { tableAsOf } from './as-of-tables.ts';
import { loadOpenPipelines, type OpenOpportunity } from './load-open-pipeline.ts';
import { metricsDb } from './read-model.ts';

/** The definition, one instant at a time: the two statements loadOpenPipeline ran per period end before issue #7. */
async function referenceOpenPipeline(ctx: Ctx, at: Date, asOf: Date | null): Promise<OpenOpportunity[]> {
  const db = metricsDb(ctx);
  const withHistory = await db.selectFrom(tableAsOf('opportunity_stage_history', asOf).as('h'))
    .innerJoin(tableAsOf('opportunities', asOf).as('o'), 'o.id', 'h.opportunity_id').innerJoin(tableAsOf('pipeline_stages', asOf).as('s'), 's.key', 'h.stage_key')
    .innerJoin(tableAsOf('accounts', asOf).as('a'), 'a.id', 'o.account_id')
    .select(['o.id', 'o.account_id', 'o.owner_user_id', 'h.stage_key', 's.default_probability_bps', 'o.close_date', 'o.source', 'o.campaign_id', 'a.segment', 'a.country', 'a.industry'])
    .select(sql<bigint>`case when h.left_at is null then o.amount_minor else h.amount_minor end`.as('amount_minor'))
    .select(sql<string>`case when h.left_at is null then o.currency else h.currency end`.as('currency'))
    .where('s.kind', '=', 'open').where('o.deleted_at', 'is', null).where('h.entered_at', '<', at)
    .where((eb) => eb.or([eb('h.left_at', 'is', null), eb('h.left_at', '>=', at)]))
    .execute();
  const withoutHistory = await db.selectFrom(tableAsOf('opportunities', asOf).as('o')).innerJoin(tableAsOf('accounts', asOf).as('a'), 'a.id', 'o.account_id')
    .select(['o.id', 'o.account_id', 'o.owner_user_id', 'o.close_date', 'o.source', 'o.campaign_id', 'a.segment', 'a.country', 'a.industry', 'o.amount_minor', 'o.currency'])
    .select(sql<string | null>`case when o.closed_at is null then o.stage_key end`.as('stage_key'))
    .select(sql<number>`case when o.closed_at is null then o.probability_bps else 0 end`.as('default_probability_bps'))
    .where('o.deleted_at', 'is', null).where('o.created_at', '<', at)
    .where((eb) => eb.or([eb('o.closed_at', 'is', null), eb('o.closed_at', '>=', at)]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom(tableAsOf('opportunity_stage_history', asOf).as('x')).select('x.id').whereRef('x.opportunity_id', '=', 'o.id'))))
    .execute();
  return [...withHistory, ...withoutHistory].map((row) => ({
    id: row.id, accountId: row.account_id, ownerUserId: row.owner_user_id, stage: row.stage_key, probabilityBps: row.default_probability_bps, amountMinor: BigInt(row.amount_minor), currency: row.currency,
    closeDate: row.close_date, source: row.source, campaignId: row.campaign_id, segment: row.segment, country: row.country, industry: row.industry,
  })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const STAGES = ['prospecting', 'qualification', 'discovery', 'proposal', 'negotiation', 'closed_won', 'closed_lost'];
const OPPORTUNITIES = 5;
/** Month starts of 2024: the instants a monthly report asks for (a date's pipeline at the next day's 00:00 UTC). */
const MONTH_STARTS = Array.from({ length: 13 }, (_, m) => new Date(Date.UTC(2024, m, 1)));

/** An instant near a month start: on it, or hours or a microsecond either side (timestamps keep microseconds in SQL). */
const instant = fc.record({ month: fc.integer({ min: 0, max: 12 }), shift: fc.constantFrom('on', 'before', 'after', 'hours'), hours: fc.integer({ min: -400, max: 400 }) })
  .map(({ month, shift, hours }) => {
    const base = (MONTH_STARTS[month] ?? new Date(0)).getTime();
    const iso = new Date(base + (shift === 'hours' ? hours * 3_600_000 : shift === 'before' ? -1 : 0)).toISOString();
    // 'before': 1 µs before the month start (…59.999999Z); 'after': 1 µs after it.
    return shift === 'before' ? iso.replace(/Z$/, '999Z') : shift === 'after' ? iso.replace(/\.000Z$/, '.000001Z') : iso;
  });

const stay = fc.record({ stage: fc.constantFrom(...STAGES), enteredAt: instant, amountMinor: fc.integer({ min: 0, max: 1_000_000 }), currency: fc.constantFrom('EUR', 'USD') });
const opportunity = fc.record({
  createdAt: instant, closedAt: fc.option(instant, { nil: null }), deleted: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  amountMinor: fc.integer({ min: 0, max: 1_000_000 }), currency: fc.constantFrom('EUR', 'USD'), stage: fc.constantFrom(...STAGES.slice(0, 5)),
  stays: fc.array(stay, { maxLength: 4 }), current: fc.boolean(), owner: fc.integer({ min: 0, max: 2 }),
});
const ALL: OwnerScope = { kind: 'all' };

type Generated<T> = T extends fc.Arbitrary<infer U> ? U : never;

/** An ISO instant with 3 or 6 fraction digits as text that sorts in time order. */
const microseconds = (iso: string) => iso.replace(/\.(\d+)Z$/, (_match, digits: string) => `.${digits.padEnd(6, '0')}Z`);

describe('loadOpenPipelines (all instants in two statements)', () => {
  let t: TestContext;
  const ids: string[] = [];
  /** Owners by the generated index: none, the team's rep, someone outside the team. */
  const owners: Array<string | null> = [null];

  beforeAll(async () => {
    t = await createTestContext({ start: '2025-06-01T00:00:00Z' });
    for (const name of ['rep', 'other']) owners.push((await createUser(t.ctx, { email: `${name}@example.com`, displayName: name, role: 'sales_rep', locale: 'en' })).id);
    const accounts = [
      (await createAccount(t.ctx, { name: 'Smb Co', segment: 'smb', country: 'DE', currency: 'EUR' })).id,
      (await createAccount(t.ctx, { name: 'Ent Co', segment: 'enterprise', currency: 'USD' })).id,
    ];
    for (let i = 0; i < OPPORTUNITIES; i++) {
      const accountId = accounts[i % accounts.length] ?? '';
      ids.push((await createOpportunity(t.ctx, { accountId, name: `O${i}`, amount: { amountMinor: 1000, currency: 'EUR' }, stage: 'prospecting', closeDate: `2024-0${(i % 9) + 1}-15` })).id);
    }
  });
  afterAll(async () => t.close());

  /** Writes the opportunities' state and stage histories as generated (stays in order, the last one current or left). */
  async function write(opportunities: Array<Generated<typeof opportunity>>): Promise<void> {
    await sql`delete from opportunity_stage_history`.execute(t.ctx.db);
    for (const [i, o] of opportunities.entries()) {
      const id = ids[i] ?? '';
      await sql`update opportunities set created_at = ${o.createdAt}::timestamptz, closed_at = ${o.closedAt}::timestamptz, deleted_at = ${o.deleted ? o.createdAt : null}::timestamptz,
        amount_minor = ${o.amountMinor}, currency = ${o.currency}, stage_key = ${o.stage}, owner_user_id = ${owners[o.owner] ?? null} where id = ${id}`.execute(t.ctx.db);
      const stays = [...o.stays].sort((a, b) => (microseconds(a.enteredAt) < microseconds(b.enteredAt) ? -1 : 1));
      for (const [j, s] of stays.entries()) {
        // Each stay is left when the next is entered; the last is current or was left at a month start.
        const leftAt = stays[j + 1]?.enteredAt ?? (o.current ? null : (MONTH_STARTS[12] ?? new Date()).toISOString());
        const left = leftAt === null ? sql`null` : sql`greatest(${leftAt}::timestamptz, ${s.enteredAt}::timestamptz)`;
        await sql`insert into opportunity_stage_history (opportunity_id, stage_key, entered_at, left_at, amount_minor, currency, actor_id)
          values (${id}, ${s.stage}, ${s.enteredAt}::timestamptz, ${left}, ${s.amountMinor}, ${s.currency}, 'usr_test')`.execute(t.ctx.db);
      }
    }
  }

  it('gives, at every instant, what the single-instant query gives (now and as of an instant; the company and a team)', async () => {
    const ats = fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 14 }).map((months) => months.map((m) => MONTH_STARTS[m] ?? new Date(0)));
    await fc.assert(fc.asyncProperty(fc.array(opportunity, { minLength: OPPORTUNITIES, maxLength: OPPORTUNITIES }), ats, async (opportunities, instants) => {
      await write(opportunities);
      const team: OwnerScope = { kind: 'owners', ownerUserIds: new Set([owners[1] ?? '']) };
      for (const asOf of [null, new Date()]) {
        const expected = await Promise.all(instants.map((at) => referenceOpenPipeline(t.ctx, at, asOf)));
        expect(await loadOpenPipelines(t.ctx, instants, asOf, ALL)).toEqual(expected);
        // A team's lists are the company's restricted to the opportunities its owners own (none unowned).
        expect(await loadOpenPipelines(t.ctx, instants, asOf, team)).toEqual(expected.map((list) => list.filter((o) => o.ownerUserId === owners[1])));
      }
    }), { numRuns: 40 });
  });

  it('answers no lists for no instants; a stay entered a microsecond before an instant is open at it, not at the millisecond before', async () => {
    expect(await loadOpenPipelines(t.ctx, [], null, ALL)).toEqual([]);
    await write([{ createdAt: '2024-01-10T00:00:00Z', closedAt: null, deleted: false, amountMinor: 500, currency: 'EUR', stage: 'proposal', current: true, owner: 0,
      stays: [{ stage: 'proposal', enteredAt: '2024-02-29T23:59:59.999999Z', amountMinor: 400, currency: 'EUR' }] }]);
    const [february, march] = await loadOpenPipelines(t.ctx, [new Date('2024-02-29T23:59:59.999Z'), new Date('2024-03-01T00:00:00Z')], null, ALL);
    const first = (list: OpenOpportunity[] | undefined) => (list ?? []).filter((o) => o.id === ids[0]);
    expect(first(february)).toEqual([]);
    expect(first(march).map((o) => [o.id, o.stage, o.amountMinor, o.probabilityBps])).toEqual([[ids[0], 'proposal', 500n, 6000]]);
  });
});
