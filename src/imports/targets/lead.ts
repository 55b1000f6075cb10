import type { TxCtx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { withSavepoint } from '../../shared/db/savepoint.ts';
import { mappedFields, mergedCustomFields, type TargetAdapter, type TargetRecord } from './adapter.ts';
import { convertLead, createLead, getContact, getLead, updateLead, type CreateLeadInput, type UpdateLeadInput } from './crm-api.ts';
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
  /** The account, contact and opportunity the source's conversion made (Salesforce ConvertedAccountId/ContactId/OpportunityId): linked, not made again. */
  convertedAccountId: { ref: 'account' },
  convertedContactId: { ref: 'contact' },
  convertedOpportunityId: { ref: 'opportunity' },
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

/**
 * Converts through the CRM's conversion. The account, contact and opportunity the source names are linked;
 * otherwise the account is made, and the contact too unless one already has the lead's e-mail (the
 * CRM keeps one contact per e-mail): that contact is linked, with its account if it has one, the
 * way the contacts import merges a second contact with the same e-mail.
 */
async function convert(tx: TxCtx, id: string, record: TargetRecord): Promise<void> {
  const lead = await getLead(tx, id);
  const named = (field: string) => (typeof record.values[field] === 'string' ? record.values[field] : undefined);
  const contactId = named('convertedContactId');
  const opportunityId = named('convertedOpportunityId');
  const accountId = named('convertedAccountId') ?? (contactId === undefined ? undefined : await accountOfContact(tx, contactId));
  const attempt = (links: { accountId: string | undefined; contactId: string | undefined }) =>
    withSavepoint(tx, 'import_lead_convert', () => convertLead(tx, {
      id, expectedVersion: lead.version, input: { ...conversionInput(lead, record, links), ...(opportunityId === undefined ? {} : { opportunityId }) },
    }));
  try {
    await attempt({ accountId, contactId });
  } catch (error) {
    const existing = error instanceof AppError && error.code === 'conflict' ? error.extra['existingContactId'] : undefined;
    if (contactId !== undefined || typeof existing !== 'string') throw error;
    await attempt({ accountId: accountId ?? (await accountOfContact(tx, existing)), contactId: existing });
  }
}

async function accountOfContact(tx: TxCtx, contactId: string): Promise<string | undefined> {
  return (await getContact(tx, contactId)).accountId ?? undefined;
}

type Lead = Awaited<ReturnType<typeof getLead>>;

function conversionInput(lead: Lead, record: TargetRecord, links: { accountId: string | undefined; contactId: string | undefined }) {
  const contact = links.contactId === undefined ? {} : { contactId: links.contactId };
  if (links.accountId !== undefined) return { accountId: links.accountId, ...contact };
  const currency = record.values['accountCurrency'];
  if (typeof currency !== 'string') {
    throw new AppError('validation_failed', 'A converted lead needs accountCurrency for the account its conversion creates', {
      fieldErrors: [{ field: 'body.accountCurrency', message: 'required when converted is true' }],
    });
  }
  const name = lead.company ?? ([lead.firstName, lead.lastName].filter(Boolean).join(' ') || lead.email || record.externalId);
  return { createAccount: { name, currency }, ...contact };
}
