import { upsertImportedSubscription, type ImportSubscriptionInput } from '../../billing/index.ts';
import { AppError } from '../../shared/errors.ts';
import type { MappedValue } from '../mapping/convert-value.ts';
import type { TargetAdapter, TargetRecord } from './adapter.ts';
import type { FieldKind } from './entities.ts';
import { currencyOf, minorIn } from './money-fields.ts';

const FIELDS = {
  accountId: { ref: 'account' },
  currency: 'currency',
  startDate: 'date',
  endDate: 'date',
  endDateIsLastActiveDay: 'boolean',
  trialEndDate: 'date',
  billingMode: 'text',
  autoRenew: 'boolean',
  planLabel: 'text',
  status: 'text',
  itemsChangedOnDate: 'date',
  itemKey: 'text',
  itemDescription: 'text',
  itemKind: 'text',
  quantity: 'integer',
  unitPrice: 'money',
  /** The item's monthly recurring revenue: the unit price per billing period is derived from it (mrr × months ÷ quantity). */
  mrr: 'money',
  billingIntervalMonths: 'integer',
  discountBps: 'bps',
} as const satisfies Record<string, FieldKind>;
const SCALARS = ['accountId', 'currency', 'startDate', 'endDate', 'endDateIsLastActiveDay', 'trialEndDate', 'billingMode', 'autoRenew', 'planLabel', 'status', 'itemsChangedOnDate'] as const;

/**
 * Subscriptions through billing's idempotent upsertImportedSubscription: one row of an export is
 * one subscription with one item (the plan). Item history is billing's business (changed terms
 * open a new item version).
 */
export const subscriptionAdapter: TargetAdapter = {
  entity: 'subscription',
  fields: FIELDS,
  required: ['accountId', 'startDate', 'currency'],
  customFields: false,
  async create(tx, record) {
    const result = await upsertImportedSubscription(tx, toInput(record));
    return { id: result.record.id, merged: false };
  },
  async update(tx, id, record) {
    // recordedId: a deleted subscription is reported as such, not silently re-created.
    const result = await upsertImportedSubscription(tx, toInput(record), { recordedId: id });
    return result.outcome === 'unchanged' ? 'unchanged' : 'updated';
  },
};

function toInput(record: TargetRecord): ImportSubscriptionInput {
  const values = record.values;
  const scalars: Record<string, MappedValue> = {};
  for (const key of SCALARS) if (values[key] !== undefined && values[key] !== null) scalars[key] = values[key];
  const currency = currencyOf(values, ['unitPrice', 'mrr']) ?? '';
  return { ...scalars, sourceSystem: record.sourceSystem, externalId: record.externalId, currency, items: [itemOf(values, currency)] } as ImportSubscriptionInput;
}

function itemOf(values: Readonly<Record<string, MappedValue>>, currency: string) {
  const quantity = typeof values['quantity'] === 'number' ? values['quantity'] : 1;
  const months = typeof values['billingIntervalMonths'] === 'number' ? values['billingIntervalMonths'] : 1;
  const unitPriceMinor = minorIn(values['unitPrice'], currency, 'unitPrice') ?? unitPriceFromMrr(minorIn(values['mrr'], currency, 'mrr'), months, quantity);
  return {
    itemKey: typeof values['itemKey'] === 'string' ? values['itemKey'] : 'plan',
    description: values['itemDescription'] ?? null,
    ...(typeof values['itemKind'] === 'string' ? { kind: values['itemKind'] } : {}),
    quantity,
    unitPriceMinor: unitPriceMinor?.toString(),
    billingIntervalMonths: months,
    ...(typeof values['discountBps'] === 'number' ? { discountBps: values['discountBps'] } : {}),
  };
}

/** Exact or refused: a price that does not divide into whole minor units is not guessed at. */
function unitPriceFromMrr(mrrMinor: bigint | undefined, months: number, quantity: number): bigint | undefined {
  if (mrrMinor === undefined) return undefined;
  const perPeriod = mrrMinor * BigInt(months);
  if (quantity <= 0 || perPeriod % BigInt(quantity) !== 0n) {
    throw new AppError('validation_failed', `MRR ${mrrMinor} × ${months} month(s) does not divide into ${quantity} equal unit prices`, {
      fieldErrors: [{ field: 'body.mrr', message: 'not a whole number of minor units per unit; map unitPrice instead' }],
    });
  }
  return perPeriod / BigInt(quantity);
}
