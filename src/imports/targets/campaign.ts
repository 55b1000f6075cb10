import type { MappedValue } from '../mapping/convert-value.ts';
import { mappedFields, type TargetAdapter } from './adapter.ts';
import { createCampaign, getCampaign, updateCampaign, type CreateCampaignInput, type UpdateCampaignInput } from './crm-api.ts';
import type { FieldKind } from './entities.ts';
import { moneyInput, updateByVersion, withoutNulls } from './field-values.ts';

const FIELDS = {
  name: 'text',
  type: 'text',
  status: 'text',
  startDate: 'date',
  endDate: 'date',
  budget: 'money',
  actualCost: 'money',
  parentCampaignId: { ref: 'campaign' },
  description: 'text',
} as const satisfies Record<string, FieldKind>;
const KEYS = Object.keys(FIELDS) as Array<keyof typeof FIELDS>;

function input(values: Partial<Record<keyof typeof FIELDS, MappedValue>>) {
  const { budget, actualCost, ...rest } = values;
  return {
    ...withoutNulls(rest, ['status']),
    ...(budget !== undefined ? { budget: moneyInput(budget) } : {}),
    ...(actualCost !== undefined ? { actualCost: moneyInput(actualCost) } : {}),
  };
}

/** Campaigns (budget and actual cost in the campaign's one currency). */
export const campaignAdapter: TargetAdapter = {
  entity: 'campaign',
  fields: FIELDS,
  required: ['name', 'type'],
  customFields: false,
  async create(tx, record) {
    const created = await createCampaign(tx, { ...input(mappedFields(record, KEYS)), sourceSystem: record.sourceSystem, externalId: record.externalId } as CreateCampaignInput);
    return { id: created.id, merged: false };
  },
  async update(tx, id, record) {
    const before = await getCampaign(tx, id);
    const changes = input(mappedFields(record, KEYS)) as UpdateCampaignInput;
    return updateByVersion(before, changes, (expectedVersion) => updateCampaign(tx, { id, expectedVersion, changes }));
  },
};
