import type { MappedValue } from '../mapping/convert-value.ts';
import { mappedFields, mergedCustomFields, type TargetAdapter } from './adapter.ts';
import { createOpportunity, getOpportunity, updateOpportunity, type CreateOpportunityInput, type UpdateOpportunityInput } from './crm-api.ts';
import type { FieldKind } from './entities.ts';
import { moneyInput, updateByVersion, withoutNulls } from './field-values.ts';

const FIELDS = {
  accountId: { ref: 'account' },
  name: 'text',
  type: 'text',
  amount: 'money',
  stage: 'text',
  probabilityBps: 'bps',
  closeDate: 'date',
  source: 'text',
  campaignId: { ref: 'campaign' },
  forecastCategory: 'text',
  lostReason: 'text',
  closedAt: 'instant',
} as const satisfies Record<string, FieldKind>;
const KEYS = Object.keys(FIELDS) as Array<keyof typeof FIELDS>;
// Optional in the CRM but not nullable: an empty source value means "let the stage decide".
const DEFAULTED = ['type', 'stage', 'probabilityBps', 'forecastCategory', 'closedAt'] as const;

function input(values: Partial<Record<keyof typeof FIELDS, MappedValue>>) {
  const { amount, ...rest } = withoutNulls(values, DEFAULTED);
  return { ...rest, ...(amount !== undefined ? { amount: moneyInput(amount) } : {}) };
}

/** Opportunities; a stage change through an import is a stage change (history row, closedAt) like any other. */
export const opportunityAdapter: TargetAdapter = {
  entity: 'opportunity',
  fields: FIELDS,
  required: ['accountId', 'name', 'amount', 'closeDate'],
  customFields: true,
  async create(tx, record) {
    const fields = { ...input(mappedFields(record, KEYS)), customFields: record.customFields ?? {}, sourceSystem: record.sourceSystem, externalId: record.externalId };
    return { id: (await createOpportunity(tx, fields as CreateOpportunityInput)).id, merged: false };
  },
  async update(tx, id, record) {
    const before = await getOpportunity(tx, id);
    const changes = { ...input(mappedFields(record, KEYS)), customFields: mergedCustomFields(before.customFields, record) } as UpdateOpportunityInput;
    return updateByVersion(before, changes, (expectedVersion) => updateOpportunity(tx, { id, expectedVersion, changes }));
  },
};
