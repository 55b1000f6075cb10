import { money, type Money } from '../../shared/money.ts';
import type { CustomFieldValues } from '../custom-fields/index.ts';
import { withCanonicalCustomFields, type OpportunityColumns } from './repo.ts';
import type { OpportunityChanges, OpportunityType } from './schema.ts';
import type { StageState } from './stage-rules.ts';
import type { OpportunityRow } from './tables.ts';

/** Everything about an opportunity a write can set, resolved (no undefined), in service terms. */
export type OpportunityFields = {
  accountId: string;
  name: string;
  type: OpportunityType;
  amount: Money;
  stage: string;
  closeDate: string;
  ownerUserId: string | null;
  source: string | null;
  campaignId: string | null;
  customFields: CustomFieldValues;
  sourceSystem: string | null;
  externalId: string | null;
} & StageState;

/** Service terms → columns; the one mapping used for inserts, updates and change detection. */
export function toColumns(fields: OpportunityFields): OpportunityColumns {
  return withCanonicalCustomFields({
    account_id: fields.accountId,
    name: fields.name,
    type: fields.type,
    amount_minor: fields.amount.amountMinor,
    currency: fields.amount.currency,
    stage_key: fields.stage,
    probability_bps: fields.probabilityBps,
    close_date: fields.closeDate,
    owner_user_id: fields.ownerUserId,
    source: fields.source,
    campaign_id: fields.campaignId,
    forecast_category: fields.forecastCategory,
    lost_reason: fields.lostReason,
    closed_at: fields.closedAt,
    won: fields.won,
    custom_fields: fields.customFields,
    source_system: fields.sourceSystem,
    external_id: fields.externalId,
  });
}

export function fieldsOf(row: OpportunityRow): OpportunityFields {
  return {
    accountId: row.account_id,
    name: row.name,
    type: row.type,
    amount: money(row.amount_minor, row.currency),
    stage: row.stage_key,
    closeDate: row.close_date,
    ownerUserId: row.owner_user_id,
    source: row.source,
    campaignId: row.campaign_id,
    customFields: row.custom_fields as CustomFieldValues,
    sourceSystem: row.source_system,
    externalId: row.external_id,
    probabilityBps: row.probability_bps,
    forecastCategory: row.forecast_category,
    won: row.won,
    closedAt: row.closed_at,
    lostReason: row.lost_reason,
  };
}

/**
 * PATCH merge of the plain fields (absent = unchanged). The stage-decided fields are left to
 * resolveStageState; custom fields arrive already validated.
 */
export function applyChanges(previous: OpportunityFields, changes: OpportunityChanges, customFields: CustomFieldValues | undefined): OpportunityFields {
  const pick = <K extends keyof OpportunityChanges & keyof OpportunityFields>(key: K) =>
    (changes[key] === undefined ? previous[key] : changes[key]) as OpportunityFields[K];
  return {
    ...previous,
    accountId: pick('accountId'),
    name: pick('name'),
    type: pick('type'),
    amount: changes.amount === undefined ? previous.amount : money(changes.amount.amountMinor, changes.amount.currency),
    stage: pick('stage'),
    closeDate: pick('closeDate'),
    ownerUserId: pick('ownerUserId'),
    source: pick('source'),
    campaignId: pick('campaignId'),
    customFields: customFields ?? previous.customFields,
    sourceSystem: pick('sourceSystem'),
    externalId: pick('externalId'),
  };
}

/** Column values that differ; instants compare by time, everything else is a primitive. */
export function changedColumns<T extends object>(previous: T, next: T): Partial<T> {
  const changed: Partial<T> = {};
  for (const key of Object.keys(next) as Array<keyof T>) {
    const a: unknown = previous[key];
    const b: unknown = next[key];
    const same = a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
    if (!same) changed[key] = next[key];
  }
  return changed;
}
