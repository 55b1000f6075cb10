import type { Temporal } from 'temporal-polyfill';
import { changeOpportunityStage, convertLead, createLead, updateLead, type Opportunity } from '../crm/index.ts';
import type { Actor } from '../shared/access.ts';
import { withActor } from '../shared/context.ts';
import { LEAD_SOURCES, LOST_REASONS, REGIONS, type Region } from './company.ts';
import { makeProspect, type Prospect } from './names.ts';
import { runQuote } from './quote-flow.ts';
import { PHASE, schedule, today, type Customer, type PayerProfile, type World } from './world.ts';

/**
 * How a lead's story ends: a customer, a disqualified lead, a deal lost at some stage, or a deal
 * still open when the history ends (a longer cycle that closes next quarter: the open pipeline).
 */
export type LeadOutcome = 'win' | 'disqualified' | 'lost' | 'open';

const OPEN_STAGES = ['qualification', 'discovery', 'proposal', 'negotiation'] as const;

function pickRegion(world: World): Region {
  return world.random.weighted(REGIONS.map((region) => [region, region.weight] as const));
}

function pickPayer(world: World): PayerProfile {
  return world.random.weighted<PayerProfile>([['prompt', 72], ['late', 16], ['partial', 6], ['never', 6]]);
}

function campaignOn(world: World, day: Temporal.PlainDate): string | null {
  const iso = day.toString();
  const running = world.campaigns.filter((c) => c.startDate <= iso && iso <= c.endDate);
  return running.length > 0 && world.random.chance(0.7) ? world.random.pick(running).id : null;
}

/** A lead from marketing: new → MQL → SQL → converted to account, contact and opportunity (or disqualified). */
export function startLeadJourney(world: World, day: Temporal.PlainDate, outcome: LeadOutcome): void {
  schedule(world, day, PHASE.business, 'lead', async () => {
    const region = pickRegion(world);
    const rep = world.random.pick(world.actors.reps.get(region.key) ?? []);
    world.counts.leads += 1;
    const prospect = makeProspect(world.random, region, world.counts.leads);
    const lead = await createLead(world.ctx, {
      company: prospect.company, firstName: prospect.firstName, lastName: prospect.lastName, email: prospect.email, country: prospect.country,
      title: world.random.pick(['Head of Data', 'CFO', 'VP Operations', 'BI Lead', 'CTO']), source: world.random.weighted(LEAD_SOURCES),
      campaignId: campaignOn(world, today(world)), ownerUserId: rep.id,
    });
    const random = world.random;
    schedule(world, today(world).add({ days: random.int(1, 4) }), PHASE.business, 'mql', async () => {
      const mql = await updateLead(world.ctx, { id: lead.id, expectedVersion: lead.version, changes: { status: 'mql' } });
      if (outcome === 'disqualified') {
        schedule(world, today(world).add({ days: random.int(3, 12) }), PHASE.business, 'disqualify', async () => {
          await updateLead(world.ctx, { id: lead.id, expectedVersion: mql.version, changes: { status: 'disqualified' } });
        });
        return;
      }
      schedule(world, today(world).add({ days: random.int(2, 6) }), PHASE.business, 'sql', async () => {
        const sql = await updateLead(world.ctx, { id: lead.id, expectedVersion: mql.version, changes: { status: 'sql' } });
        schedule(world, today(world).add({ days: random.int(1, 5) }), PHASE.business, 'convert', async () => {
          await convertQualifiedLead(world, { leadId: lead.id, version: sql.version, prospect, region, rep, outcome });
        });
      });
    });
  });
}

async function convertQualifiedLead(
  world: World,
  input: { leadId: string; version: number; prospect: Prospect; region: Region; rep: Actor; outcome: LeadOutcome },
): Promise<void> {
  const { prospect, region } = input;
  const estimateMinor = prospect.seats * 48_000;
  const converted = await convertLead(world.ctx, {
    id: input.leadId, expectedVersion: input.version,
    input: {
      createAccount: {
        name: prospect.company, domain: prospect.domain, country: prospect.country, industry: prospect.industry, segment: prospect.segment,
        employeeBand: prospect.employeeBand, currency: region.currency, ownerUserId: input.rep.id, taxId: prospect.vatId,
        billingAddress: prospect.billingAddress,
      },
      createOpportunity: {
        name: `${prospect.company} — Nordlicht Platform`, amount: { amountMinor: estimateMinor, currency: region.currency },
        closeDate: today(world).add({ days: input.outcome === 'open' ? world.random.int(60, 150) : 45 }).toString(), stage: 'prospecting',
      },
    },
  });
  world.counts.opportunities += 1;
  const customer: Customer = {
    serial: world.customers.size + 1, accountId: converted.accountId, name: prospect.company, region, country: prospect.country, repActor: input.rep, payer: pickPayer(world),
    subscriptionId: null, startDate: null, endDate: null, plan: world.random.chance(0.88) ? 'seatAnnual' : 'seatMonthly', seats: prospect.seats, insightsSeats: 0,
    status: 'prospect', churnedOn: null, renewalPlanned: false,
  };
  world.customers.set(customer.accountId, customer);
  if (!converted.opportunityId) throw new Error(`lead ${input.leadId} converted without an opportunity`);
  advanceOpportunity(world, customer, { opportunityId: converted.opportunityId, version: 1 }, input.outcome === 'disqualified' ? 'lost' : input.outcome, 0);
}

/**
 * Walks an opportunity through the open stages; at the proposal stage the quote takes over. An open
 * deal moves every two to four weeks, without a quote, and stays in negotiation: wherever the end of
 * the history finds it is its stage.
 */
export function advanceOpportunity(
  world: World,
  customer: Customer,
  opportunity: { opportunityId: string; version: number },
  outcome: 'win' | 'lost' | 'open',
  stageIndex: number,
): void {
  const random = world.random;
  const loseAt = outcome === 'lost' ? random.int(0, OPEN_STAGES.length - 1) : -1;
  if (outcome === 'open' && stageIndex >= OPEN_STAGES.length) return;
  schedule(world, today(world).add({ days: outcome === 'open' ? random.int(12, 28) : random.int(4, 10) }), PHASE.business, 'stage', async () => {
    const repCtx = withActor(world.ctx, customer.repActor);
    if (stageIndex === loseAt) {
      await loseOpportunity(world, customer, opportunity);
      return;
    }
    const stage = OPEN_STAGES[stageIndex] ?? 'negotiation';
    const moved: Opportunity = await changeOpportunityStage(repCtx, { id: opportunity.opportunityId, expectedVersion: opportunity.version, stage });
    const next = { opportunityId: moved.id, version: moved.version };
    if (stage === 'proposal' && outcome !== 'open') {
      runQuote(world, customer, next, { kind: 'new', outcome });
      return;
    }
    advanceOpportunity(world, customer, next, outcome, stageIndex + 1);
  });
}

export async function loseOpportunity(world: World, customer: Customer, opportunity: { opportunityId: string; version: number }): Promise<void> {
  await changeOpportunityStage(withActor(world.ctx, customer.repActor), {
    id: opportunity.opportunityId, expectedVersion: opportunity.version, stage: 'closed_lost', lostReason: world.random.pick(LOST_REASONS),
  });
  world.counts.opportunitiesLost += 1;
}
