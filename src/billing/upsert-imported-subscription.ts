import { ownerScope } from '../crm/index.ts';
import { inTransaction, type Ctx, type TxCtx } from '../shared/context.ts';
import { toIsoDate } from '../shared/dates.ts';
import { newId } from '../shared/ids.ts';
import { exclusiveEndFromLastActiveDay, laterDate } from './date-spans.ts';
import { toItemTerms } from './item-input.ts';
import { diffItemSnapshot, planItemChanges, type ItemTerms } from './item-versions.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { fieldError, ruleError } from './field-errors.ts';
import {
  auditSubscription, findImportedSubscriptionRow, getSubscriptionRow, insertSubscription, loadSubscriptionDetail, updateSubscriptionRow, writeVersionPlan,
  type SubscriptionColumns,
} from './subscription-repo.ts';
import { assertAccountUsable, assertInService, assertSubscriptionDates, deriveStatus, resolveAnchorDate } from './subscription-rules.ts';
import { importSubscriptionSchema, type ImportSubscriptionInput, type SubscriptionDetail, type UpsertResult } from './subscription-schema.ts';
import type { SubscriptionRow } from './tables.ts';

type Parsed = ReturnType<typeof importSubscriptionSchema.parse>;
type DesiredItem = { itemKey: string; terms: ItemTerms };

export type ImportedSubscriptionOptions = {
  /**
   * The subscription the caller's import key already points at. It must still exist and be visible
   * to the actor, exactly as getSubscription requires, and that is checked before anything else: a
   * subscription deleted since its import is reported (not_found), not silently re-created.
   */
  recordedId?: string;
};

/**
 * Creates or updates the subscription imported as (sourceSystem, externalId). The same input twice
 * changes nothing and writes no audit entry; a changed input updates the row and, for changed
 * items, closes their versions and opens new ones on itemsChangedOnDate — history is never
 * rewritten. endDate is the last active day unless endDateIsLastActiveDay is false.
 */
export async function upsertImportedSubscription(
  ctx: Ctx, input: ImportSubscriptionInput, options: ImportedSubscriptionOptions = {},
): Promise<UpsertResult<SubscriptionDetail>> {
  return inTransaction(ctx, async (tx) => {
    const recorded = options.recordedId === undefined ? undefined : await getSubscriptionRow(tx, await ownerScope(tx), options.recordedId, true);
    const { parsed, endDate, items } = validateImport(input);
    const today = toIsoDate(tx.clock.today());
    await assertAccountUsable(tx, parsed.accountId);
    // The recorded row, locked above, is the one the source key finds when its keys agree: not read twice.
    const existing = recorded?.source_system === parsed.sourceSystem && recorded.external_id === parsed.externalId
      ? recorded
      : await findImportedSubscriptionRow(tx, parsed.sourceSystem, parsed.externalId);
    const before = existing ? await loadSubscriptionDetail(tx, existing) : null;
    const columns = importedColumns(parsed, endDate, today, existing, before);
    if (!existing || !before) return { outcome: 'created', record: await createImported(tx, columns, items) };
    return updateImported(tx, { existing, before, columns, items, changeDate: parsed.itemsChangedOnDate ?? laterDate(today, columns.start_date) });
  });
}

/** The input's own rules, before any read of the subscription it names. */
function validateImport(input: ImportSubscriptionInput): { parsed: Parsed; endDate: string | null; items: DesiredItem[] } {
  const parsed = parseInput(importSubscriptionSchema, input);
  const endDate = parsed.endDate !== null && parsed.endDateIsLastActiveDay ? exclusiveEndFromLastActiveDay(parsed.endDate) : parsed.endDate;
  assertSubscriptionDates({ ...parsed, endDate });
  if ((parsed.status === 'canceled' || parsed.status === 'ended') && endDate === null) throw fieldError('body.endDate', `required when status is ${parsed.status}`);
  return { parsed, endDate, items: desiredItems(parsed) };
}

function desiredItems(parsed: Parsed): DesiredItem[] {
  const seen = new Set<string>();
  return parsed.items.map((item, index) => {
    if (seen.has(item.itemKey)) throw fieldError(`body.items.${index}.itemKey`, 'appears more than once');
    seen.add(item.itemKey);
    return { itemKey: item.itemKey, terms: toItemTerms(item, parsed.currency, `body.items.${index}`) };
  });
}

function importedColumns(parsed: Parsed, endDate: string | null, today: string, existing: SubscriptionRow | undefined, before: SubscriptionDetail | null): SubscriptionColumns {
  // A cancellation recorded in Revline stands while the source agrees on the end date.
  const keepCancel = existing?.cancel_date != null && existing.cancel_date === endDate;
  const canceledAt = keepCancel ? (existing?.canceled_at ?? null) : null;
  const dates = { startDate: parsed.startDate, endDate, trialEndDate: parsed.trialEndDate };
  const derived = deriveStatus({ ...dates, status: 'active', canceledAt: canceledAt?.toISOString() ?? null, pauses: before?.pauses ?? [] }, today);
  return {
    account_id: parsed.accountId,
    currency: parsed.currency,
    status: parsed.status ?? derived,
    plan_label: parsed.planLabel,
    start_date: parsed.startDate,
    trial_end_date: parsed.trialEndDate,
    end_date: endDate,
    cancel_date: keepCancel ? endDate : null,
    canceled_at: canceledAt,
    billing_mode: parsed.billingMode,
    billing_anchor_date: resolveAnchorDate(parsed.billingMode, parsed.startDate, parsed.billingAnchorDate),
    auto_renew: parsed.autoRenew,
    source_system: parsed.sourceSystem,
    external_id: parsed.externalId,
  };
}

async function createImported(tx: TxCtx, columns: SubscriptionColumns, items: DesiredItem[]): Promise<SubscriptionDetail> {
  const row = await insertSubscription(tx, { id: newId('sub'), ...columns });
  const plan = planItemChanges([], diffItemSnapshot([], items), columns.start_date, 'body.items');
  await writeVersionPlan(tx, row, plan, columns.start_date);
  return auditSubscription(tx, 'import', null, row);
}

type Update = { existing: SubscriptionRow; before: SubscriptionDetail; columns: SubscriptionColumns; items: DesiredItem[]; changeDate: string };

async function updateImported(tx: TxCtx, { existing, before, columns, items, changeDate }: Update): Promise<UpsertResult<SubscriptionDetail>> {
  if (columns.currency !== existing.currency) throw ruleError('body.currency', `is ${existing.currency}; a subscription's currency never changes`);
  const firstItemDate = before.itemVersions.map((version) => version.effectiveFromDate).sort()[0];
  if (firstItemDate !== undefined && columns.start_date < firstItemDate) {
    throw ruleError('body.startDate', `item history starts on ${firstItemDate}; an imported start may move later, not earlier`);
  }
  const changed = changedColumns(existing, columns);
  const itemChanges = diffItemSnapshot(before.itemVersions, items);
  if (Object.keys(changed).length === 0 && itemChanges.length === 0) return { outcome: 'unchanged', record: before };
  if (itemChanges.length > 0) {
    assertInService({ startDate: columns.start_date, endDate: columns.end_date }, changeDate, 'body.itemsChangedOnDate');
    await writeVersionPlan(tx, existing, planItemChanges(before.itemVersions, itemChanges, changeDate, 'body.items'), changeDate);
  }
  const after = await updateSubscriptionRow(tx, existing, changed);
  return { outcome: 'updated', record: await auditSubscription(tx, 'import', before, after) };
}

function changedColumns(row: SubscriptionRow, columns: SubscriptionColumns): Partial<SubscriptionColumns> {
  const comparable = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
  const entries = Object.entries(columns).filter(([key, value]) => comparable(value) !== comparable(row[key as keyof SubscriptionRow]));
  return Object.fromEntries(entries) as Partial<SubscriptionColumns>;
}
