export { createOpportunity } from './create-opportunity.ts';
export { getOpportunity, findOpportunity } from './get-opportunity.ts';
export { updateOpportunity, type UpdateOpportunityRequest } from './update-opportunity.ts';
export { changeOpportunityStage, type ChangeStageRequest } from './change-stage.ts';
export { deleteOpportunity } from './delete-opportunity.ts';
export { listOpportunities, type OpportunityPage } from './list-opportunities.ts';
export { listStageHistory, recordStageHistory } from './stage-history.ts';
export { opportunityRoutes } from './routes.ts';
export { accountScopeCondition } from './scope.ts';
export { assertAccountUsable } from './opportunity-rules.ts';
export { changedColumns } from './fields.ts';
export { afterPosition, decodePosition, escapeLike, sortKeys, type KeysetPosition, type SortKey, type SortValueKind } from './keyset.ts';
export { OPPORTUNITY_TYPES, OPPORTUNITY_STATUSES, OPPORTUNITY_SORTS, moneyInputSchema, moneyOutputSchema } from './schema.ts';
export type {
  Opportunity, OpportunityType, OpportunityStatus, OpportunitySort, CreateOpportunityInput, UpdateOpportunityInput, ListOpportunitiesQuery,
  StageHistoryEntry, StageHistoryImportEntry,
} from './schema.ts';
export type { OpportunityTables } from './tables.ts';
