/** API shapes the pipeline pages read (src/crm/opportunities, pipeline, leads, board, saved-views). */
export type MoneyJson = { amountMinor: string | number; currency: string };

export type StageKind = 'open' | 'won' | 'lost';
export type Stage = { key: string; label: string; sortOrder: number; kind: StageKind; defaultProbabilityBps: number; active: boolean };

export const OPPORTUNITY_TYPES = ['new', 'expansion', 'renewal'] as const;
export type OpportunityType = (typeof OPPORTUNITY_TYPES)[number];

export type Opportunity = {
  id: string;
  accountId: string;
  name: string;
  type: OpportunityType;
  amount: MoneyJson;
  stage: string;
  probabilityBps: number;
  closeDate: string;
  ownerUserId: string | null;
  status: 'open' | 'won' | 'lost';
  lostReason: string | null;
  closedAt: string | null;
  createdAt: string;
  version: number;
};

export type BoardCard = Opportunity & { accountName: string | null; ownerName: string | null };
export type StageSummary = { stage: string; count: number; totals: MoneyJson[] };
export type OwnerOption = { id: string; displayName: string };
export type StageHistoryEntry = { stage: string; enteredAt: string; leftAt: string | null; timeInStageMs: number; amountAtEntry: MoneyJson; actorId: string };

export type LeadStage = 'new' | 'mql' | 'sql' | 'converted' | 'disqualified';
export type Lead = {
  id: string;
  company: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  status: string;
  stage: LeadStage;
  ownerUserId: string | null;
  convertedOpportunityId: string | null;
  convertedAccountId: string | null;
  createdAt: string;
  version: number;
};
export type LeadStatus = { key: string; label: string; stage: LeadStage; sortOrder: number };
export type LeadFunnel = { leads: number; mqls: number; sqls: number; opportunities: number; won: number };
export type ConvertLeadResult = { lead: Lead; accountId: string; accountCreated: boolean; contactId: string; contactCreated: boolean; opportunityId: string | null };

export type SavedViewScope = 'opportunities' | 'leads';
export type SavedView = { id: string; scope: SavedViewScope; name: string; filters: Record<string, string>; version: number };
export type AccountOption = { id: string; name: string; currency: string };
