import { accountAdapter } from './account.ts';
import { activityAdapter } from './activity.ts';
import type { TargetAdapter } from './adapter.ts';
import { campaignMemberAdapter } from './campaign-member.ts';
import { campaignAdapter } from './campaign.ts';
import { contactAdapter } from './contact.ts';
import type { EntityName } from './entities.ts';
import { invoiceAdapter } from './invoice.ts';
import { leadAdapter } from './lead.ts';
import { opportunityAdapter } from './opportunity.ts';
import { paymentAdapter } from './payment.ts';
import { stageHistoryAdapter } from './stage-history.ts';
import { subscriptionAdapter } from './subscription.ts';
import { ticketAdapter } from './ticket.ts';
import { usageAdapter } from './usage.ts';

const ADAPTERS = [
  accountAdapter, contactAdapter, leadAdapter, campaignAdapter, campaignMemberAdapter, opportunityAdapter, stageHistoryAdapter,
  activityAdapter, ticketAdapter, subscriptionAdapter, usageAdapter, invoiceAdapter, paymentAdapter,
];

/** Every entity the engine can write, each through its owning domain's public functions. */
export const IMPORT_TARGETS: ReadonlyMap<EntityName, TargetAdapter> = new Map(ADAPTERS.map((adapter) => [adapter.entity, adapter]));
