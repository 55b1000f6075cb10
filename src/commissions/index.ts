// The commissions domain's public surface (issue #4, chain step 6). Composition layers import only this file.
export { createPlan } from './create-plan.ts';
export { updatePlan } from './update-plan.ts';
export { deletePlan } from './delete-plan.ts';
export { getPlan, findPlan, listPlans, findPlanOfRep } from './plan-repo.ts';
export { getStatement } from './get-statement.ts';
export { accrueCommission, type AccrualOutcome } from './accrue-commission.ts';
export { clawBackCommission, type SubscriptionCanceled } from './claw-back-commission.ts';
export { computeCommissionLines, findRate, type BookingLine } from './compute-commission.ts';
export { listEntriesOfDeals } from './entry-repo.ts';
export { commissionSubscribers, commissionAccrualSubscriber, commissionClawbackSubscriber } from './on-events.ts';
export { commissionRoutes } from './routes.ts';
export { entryJsonSchema, entryToJson, planJsonSchema, statementJsonSchema, statementToJson } from './api-json.ts';
export { DEAL_TYPES, COMMISSION_BASES, ENTRY_KINDS } from './tables.ts';
export type { DealType, CommissionBasis, EntryKind, CommissionTables } from './tables.ts';
export type {
  CommissionPlan, CommissionEntry, CommissionLine, CommissionStatement, CreatePlanInput, UpdatePlanInput, Rate, StatementQuery,
} from './schema.ts';
