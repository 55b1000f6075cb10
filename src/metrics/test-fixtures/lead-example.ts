import { changeOpportunityStage, convertLead, createLead, getOpportunity, updateLead } from '../../crm/index.ts';
import type { FakeClock } from '../../shared/clock.ts';
import type { Ctx } from '../../shared/context.ts';

type Step = { at: string; status?: 'mql' | 'sql' | 'disqualified'; convert?: { won: boolean; wonAt?: string } };
type ExampleLead = { name: string; country: string; createdAt: string; steps: Step[] };

/** docs/metrics.md "Lead funnel": five leads through their statuses, each step at its time (09:00 UTC). */
export const EXAMPLE_LEADS: readonly ExampleLead[] = [
  { name: 'L1', country: 'US', createdAt: '2024-01-05', steps: [{ at: '2024-01-10', status: 'mql' }, { at: '2024-01-20', status: 'sql' }, { at: '2024-02-05', convert: { won: true, wonAt: '2024-03-01' } }] },
  { name: 'L2', country: 'US', createdAt: '2024-01-08', steps: [{ at: '2024-01-15', status: 'mql' }, { at: '2024-02-10', status: 'sql' }] },
  { name: 'L3', country: 'US', createdAt: '2024-01-12', steps: [{ at: '2024-02-01', status: 'mql' }, { at: '2024-02-20', status: 'disqualified' }] },
  { name: 'L4', country: 'DE', createdAt: '2024-01-20', steps: [] },
  { name: 'L5', country: 'DE', createdAt: '2024-02-03', steps: [{ at: '2024-02-25', convert: { won: false } }] },
];

/** Writes the example through crm's services on the fake clock (events in time order); returns lead ids by name. */
export async function seedLeadExample(ctx: Ctx, clock: FakeClock): Promise<Record<string, string>> {
  type Event = { at: string; run: () => Promise<void> };
  const ids: Record<string, string> = {};
  const versions: Record<string, number> = {};
  const events: Event[] = [];
  for (const lead of EXAMPLE_LEADS) {
    events.push({ at: lead.createdAt, run: async () => {
      const created = await createLead(ctx, { firstName: lead.name, email: `${lead.name.toLowerCase()}@example.com`, country: lead.country });
      ids[lead.name] = created.id;
      versions[lead.name] = created.version;
    } });
    for (const step of lead.steps) {
      events.push({ at: step.at, run: async () => {
        const id = ids[lead.name] ?? '';
        if (step.status) {
          versions[lead.name] = (await updateLead(ctx, { id, expectedVersion: versions[lead.name] ?? 1, changes: { status: step.status } })).version;
          return;
        }
        const converted = await convertLead(ctx, { id, input: {
          createAccount: { name: `${lead.name} Co`, currency: 'USD' },
          createOpportunity: { name: `${lead.name} deal`, amount: { amountMinor: 100_000, currency: 'USD' }, closeDate: step.convert?.wonAt ?? '2024-06-30' },
        } });
        const wonAt = step.convert?.wonAt;
        if (wonAt && converted.opportunityId) {
          events.push({ at: wonAt, run: async () => {
            const opportunity = await getOpportunity(ctx, converted.opportunityId ?? '');
            await changeOpportunityStage(ctx, { id: opportunity.id, expectedVersion: opportunity.version, stage: 'closed_won' });
          } });
        }
      } });
    }
  }
  for (let next = takeEarliest(events); next; next = takeEarliest(events)) {
    clock.set(`${next.at}T09:00:00Z`);
    await next.run();
  }
  return ids;
}

function takeEarliest<T extends { at: string }>(events: T[]): T | undefined {
  let index = -1;
  events.forEach((event, i) => { if (index < 0 || event.at < (events[index]?.at ?? '')) index = i; });
  return index < 0 ? undefined : events.splice(index, 1)[0];
}
