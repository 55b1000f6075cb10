import type { Ctx } from '../shared/context.ts';
import { findAccountLeads, findCampaignTouches } from './read-model.ts';
import type { Customer360 } from './schema.ts';

const TOUCH_LIMIT = 200;
const LEAD_LIMIT = 100;

/** Campaign memberships of the account's people, the campaigns among them running now, and the account's converted leads. */
export async function loadMarketingSection(ctx: Ctx, accountId: string): Promise<Customer360['marketing']> {
  const touches = await findCampaignTouches(ctx, accountId, TOUCH_LIMIT);
  const active = new Map<string, Customer360['marketing']['activeCampaigns'][number]>();
  for (const touch of touches) {
    if (touch.campaign_status === 'active' && !active.has(touch.campaign_id)) {
      active.set(touch.campaign_id, { id: touch.campaign_id, name: touch.campaign_name, type: touch.campaign_type, startDate: touch.start_date, endDate: touch.end_date });
    }
  }
  const leads = await findAccountLeads(ctx, accountId, LEAD_LIMIT);
  return {
    touches: touches.map((touch) => ({
      campaignId: touch.campaign_id, campaignName: touch.campaign_name, campaignType: touch.campaign_type, campaignStatus: touch.campaign_status,
      memberType: touch.member_type, memberName: touch.member_name, memberStatus: touch.member_status, joinedAt: touch.joined_at, respondedAt: touch.responded_at,
    })),
    activeCampaigns: [...active.values()],
    leads: leads.map((lead) => ({
      id: lead.id, name: lead.name, company: lead.company, email: lead.email, status: lead.status, stage: lead.stage, createdAt: lead.created_at, convertedAt: lead.converted_at,
    })),
  };
}
