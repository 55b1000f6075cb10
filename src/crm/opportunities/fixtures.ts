import type { Ctx } from '../../shared/context.ts';
import type { CreateOpportunityInput } from './schema.ts';

let sequence = 0;

/** A valid opportunity input for `accountId`; names are unique per process so tests can find their rows. */
export function makeOpportunityInput(accountId: string, overrides: Partial<CreateOpportunityInput> = {}): CreateOpportunityInput {
  sequence += 1;
  return {
    accountId,
    name: `Deal ${sequence}`,
    amount: { amountMinor: 1_000_000, currency: 'EUR' },
    closeDate: '2026-03-31',
    ...overrides,
  };
}

/** The audit trail of one record, oldest first, in the shape tests compare. */
export async function auditTrailOf(ctx: Ctx, entityType: string, entityId: string) {
  return ctx.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'before', 'after'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('seq')
    .execute();
}
