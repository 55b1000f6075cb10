import { createAccount, createLead, createOpportunity, recordStageHistory } from '../../crm/index.ts';
import { createTeam, createUser } from '../../identity/index.ts';
import type { Role } from '../../shared/access.ts';
import type { Ctx } from '../../shared/context.ts';
import { seedDeal } from './worked-example.ts';

export const TEAM_PASSWORD = 'correct horse battery staple';

/**
 * docs/metrics.md "Who sees what", worked example: two teams and a manager of one (USD).
 * Team A: reps Rob and Rae, managed by Mia (who is not a member: she sees A through teams.manager_user_id).
 * Team B: rep Ben. One opportunity and one lead have no owner.
 *
 * | owner | closed in March 2024 (first stage → close) | open at the end of March (stage since) | leads |
 * | Rob | won 10,000.00 (01-02 → 03-01, 59 days); lost 20,000.00 (01-20 → 03-20) | 8,000.00 proposal (03-05) | 2 |
 * | Rae | won 5,000.00 (02-15 → 03-15, 29 days) | 4,000.00 qualification (03-20) | 1 |
 * | Mia | won 2,000.00 (03-01 → 03-31, 30 days) | 6,000.00 discovery (03-25) | 1 |
 * | Ben | won 40,000.00 (03-05 → 03-25, 20 days); lost 8,000.00 (02-01 → 03-10) | 50,000.00 negotiation (03-10) | 3 |
 * | none | won 1,000.00 (03-02 → 03-12, 10 days) | — | 1 |
 */
export type TeamExample = { users: Record<'mia' | 'rob' | 'rae' | 'ben', { id: string; email: string }>; deals: Record<string, string>; teamAId: string };

const CLOSED = [
  { name: 'Rob won', owner: 'rob', won: true, amountMinor: 1_000_000, firstStageDate: '2024-01-02', closeDate: '2024-03-01' },
  { name: 'Rob lost', owner: 'rob', won: false, amountMinor: 2_000_000, firstStageDate: '2024-01-20', closeDate: '2024-03-20' },
  { name: 'Rae won', owner: 'rae', won: true, amountMinor: 500_000, firstStageDate: '2024-02-15', closeDate: '2024-03-15' },
  { name: 'Mia won', owner: 'mia', won: true, amountMinor: 200_000, firstStageDate: '2024-03-01', closeDate: '2024-03-31' },
  { name: 'Ben won', owner: 'ben', won: true, amountMinor: 4_000_000, firstStageDate: '2024-03-05', closeDate: '2024-03-25' },
  { name: 'Ben lost', owner: 'ben', won: false, amountMinor: 800_000, firstStageDate: '2024-02-01', closeDate: '2024-03-10' },
  { name: 'Nobody won', owner: null, won: true, amountMinor: 100_000, firstStageDate: '2024-03-02', closeDate: '2024-03-12' },
] as const;

const OPEN = [
  { name: 'Rob open', owner: 'rob', amountMinor: 800_000, stage: 'proposal', enteredAt: '2024-03-05T09:00:00Z', closeDate: '2024-04-15' },
  { name: 'Rae open', owner: 'rae', amountMinor: 400_000, stage: 'qualification', enteredAt: '2024-03-20T09:00:00Z', closeDate: '2024-05-20' },
  { name: 'Mia open', owner: 'mia', amountMinor: 600_000, stage: 'discovery', enteredAt: '2024-03-25T09:00:00Z', closeDate: '2024-04-30' },
  { name: 'Ben open', owner: 'ben', amountMinor: 5_000_000, stage: 'negotiation', enteredAt: '2024-03-10T09:00:00Z', closeDate: '2024-04-30' },
] as const;

const LEADS = { rob: 2, rae: 1, mia: 1, ben: 3 } as const;

/** Writes the example through identity's and crm's services; users sign in with TEAM_PASSWORD. */
export async function seedTeamExample(ctx: Ctx): Promise<TeamExample> {
  const user = async (name: string, role: Role, teamId: string | null) => {
    const email = `${name}@example.com`;
    return { id: (await createUser(ctx, { email, displayName: name, role, teamId, locale: 'en', password: TEAM_PASSWORD })).id, email };
  };
  const mia = await user('mia', 'sales_manager', null);
  const teamA = await createTeam(ctx, { name: 'Team A', managerUserId: mia.id });
  const teamB = await createTeam(ctx, { name: 'Team B' });
  const users = { mia, rob: await user('rob', 'sales_rep', teamA.id), rae: await user('rae', 'sales_rep', teamA.id), ben: await user('ben', 'sales_rep', teamB.id) };
  const ownerOf = (owner: keyof typeof users | null) => (owner === null ? null : users[owner].id);
  const accountId = (await createAccount(ctx, { name: 'Team Co', segment: 'smb', currency: 'USD' })).id;
  const deals: Record<string, string> = {};
  for (const deal of CLOSED) deals[deal.name] = await seedDeal(ctx, accountId, { ...deal, ownerUserId: ownerOf(deal.owner) });
  for (const deal of OPEN) {
    const opportunity = await createOpportunity(ctx, { accountId, name: deal.name, amount: { amountMinor: deal.amountMinor, currency: 'USD' }, stage: deal.stage, closeDate: deal.closeDate, ownerUserId: ownerOf(deal.owner) });
    await recordStageHistory(ctx, opportunity.id, [{ stage: deal.stage, enteredAt: deal.enteredAt, leftAt: null }]);
    deals[deal.name] = opportunity.id;
  }
  for (const [owner, count] of Object.entries(LEADS) as Array<[keyof typeof LEADS, number]>) {
    for (let n = 1; n <= count; n += 1) await createLead(ctx, { firstName: `${owner} lead ${n}`, email: `${owner}.lead${n}@example.com`, ownerUserId: users[owner].id });
  }
  await createLead(ctx, { firstName: 'Nobody lead', email: 'nobody.lead@example.com', ownerUserId: null });
  return { users, deals, teamAId: teamA.id };
}
