import type { TxCtx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { withSavepoint } from '../../shared/db/savepoint.ts';
import { mappedFields, mergedCustomFields, type TargetAdapter, type TargetRecord } from './adapter.ts';
import { convertLead, createLead, getLead, updateLead, type CreateLeadInput, type UpdateLeadInput } from './crm-api.ts';
import type { FieldKind } from './entities.ts';
import { updateByVersion, withoutNulls } from './field-values.ts';

const FIELDS = {
  company: 'text',
  firstName: 'text',
  lastName: 'text',
  email: 'text',
  phone: 'text',
  title: 'text',
  country: 'text',
  source: 'text',
  campaignId: { ref: 'campaign' },
  status: 'text',
  /** true: the source says the lead became a customer; it is converted (account and contact made) once. */
  converted: 'boolean',
  /** The currency of the account a conversion creates. */
  accountCurrency: 'currency',
} as const satisfies Record<string, FieldKind>;
const LEAD_KEYS = ['company', 'firstName', 'lastName', 'email', 'phone', 'title', 'country', 'source', 'campaignId', 'status'] as const;

/**
 * Leads. An open lead with an e-mail another open lead has is linked to it (merged). Converted
 * leads go through the CRM's conversion (the only way a lead reaches the converted stage, because
 * it makes the account and contact links), after which the status is the CRM's to keep.
 */
export const leadAdapter: TargetAdapter = {
  entity: 'lead',
  fields: FIELDS,
  required: [],
  customFields: true,
  async create(tx, record) {
    const input = { ...withoutNulls(mappedFields(record, LEAD_KEYS), ['status']), customFields: record.customFields ?? {}, sourceSystem: record.sourceSystem, externalId: record.externalId };
    let id: string;
    try {
      id = await withSavepoint(tx, 'import_lead', async () => (await createLead(tx, input as CreateLeadInput)).id);
    } catch (error) {
      const existing = error instanceof AppError && error.code === 'conflict' ? error.extra['existingLeadId'] : undefined;
      if (typeof existing === 'string') return { id: existing, merged: true };
      throw error;
    }
    if (record.values['converted'] === true) await convert(tx, id, record);
    return { id, merged: false };
  },
  async update(tx, id, record) {
    const before = await getLead(tx, id);
    const converted = before.stage === 'converted';
    const fields = withoutNulls(mappedFields(record, LEAD_KEYS), ['status']);
    if (converted) delete fields.status;
    const changes = { ...fields, customFields: mergedCustomFields(before.customFields, record) };
    const outcome = await updateByVersion(before, changes, (expectedVersion) => updateLead(tx, { id, expectedVersion, changes: changes as UpdateLeadInput }));
    if (converted || record.values['converted'] !== true) return outcome;
    await convert(tx, id, record);
    return 'updated';
  },
};

async function convert(tx: TxCtx, id: string, record: TargetRecord): Promise<void> {
  const lead = await getLead(tx, id);
  const currency = record.values['accountCurrency'];
  if (typeof currency !== 'string') {
    throw new AppError('validation_failed', 'A converted lead needs accountCurrency for the account its conversion creates', {
      fieldErrors: [{ field: 'body.accountCurrency', message: 'required when converted is true' }],
    });
  }
  const name = lead.company ?? ([lead.firstName, lead.lastName].filter(Boolean).join(' ') || lead.email || record.externalId);
  await convertLead(tx, { id, expectedVersion: lead.version, input: { createAccount: { name, currency } } });
}
