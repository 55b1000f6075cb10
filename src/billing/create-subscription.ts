import { inTransaction, type Ctx } from '../shared/context.ts';
import { toIsoDate } from '../shared/dates.ts';
import { newId } from '../shared/ids.ts';
import { assertAfterClosedPeriods } from './closed-period-guard.ts';
import { toItemTerms } from './item-input.ts';
import { planItemChanges } from './item-versions.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { auditSubscriptionDetail, insertFirstVersions, insertSubscription } from './subscription-repo.ts';
import { assertAccountUsable, assertSubscriptionDates, deriveStatus, resolveAnchorDate } from './subscription-rules.ts';
import { createSubscriptionSchema, type CreateSubscriptionInput, type SubscriptionDetail } from './subscription-schema.ts';

/** A new subscription whose items all take effect on its start date. */
export async function createSubscription(ctx: Ctx, input: CreateSubscriptionInput): Promise<SubscriptionDetail> {
  const parsed = parseInput(createSubscriptionSchema, input);
  assertSubscriptionDates(parsed);
  const today = toIsoDate(ctx.clock.today());
  const adds = parsed.items.map((item, index) => ({
    action: 'add' as const, itemKey: item.itemKey, terms: toItemTerms(item, parsed.currency, `body.items.${index}`),
  }));
  // Planning the first versions as "add" on an empty history rejects repeated item keys.
  const plan = planItemChanges([], adds, parsed.startDate, 'body.items');
  const status = deriveStatus({ ...parsed, status: 'active', canceledAt: null, pauses: [] }, today);
  return inTransaction(ctx, async (tx) => {
    await assertAccountUsable(tx, parsed.accountId);
    await assertAfterClosedPeriods(tx, [{ date: parsed.startDate, field: 'body.startDate' }]);
    const row = await insertSubscription(tx, {
      id: newId('sub'),
      account_id: parsed.accountId,
      currency: parsed.currency,
      status,
      plan_label: parsed.planLabel,
      start_date: parsed.startDate,
      trial_end_date: parsed.trialEndDate,
      end_date: parsed.endDate,
      cancel_date: null,
      canceled_at: null,
      billing_mode: parsed.billingMode,
      billing_anchor_date: resolveAnchorDate(parsed.billingMode, parsed.startDate, parsed.billingAnchorDate),
      auto_renew: parsed.autoRenew,
      source_system: null,
      external_id: null,
    });
    // The detail as written (not read back): the audit entry and the answer are the same as a read's.
    return auditSubscriptionDetail(tx, 'create', null, await insertFirstVersions(tx, row, plan));
  });
}
