import { mappedFields, type TargetAdapter } from './adapter.ts';
import { createTicket, getTicket, updateTicket, type CreateTicketInput, type UpdateTicketInput } from './crm-api.ts';
import type { FieldKind } from './entities.ts';
import { updateByVersion, withoutNulls } from './field-values.ts';

const FIELDS = {
  accountId: { ref: 'account' },
  contactId: { ref: 'contact' },
  subject: 'text',
  description: 'text',
  priority: 'text',
  status: 'text',
  channel: 'text',
  openedAt: 'instant',
  firstResponseAt: 'instant',
  closedAt: 'instant',
  csat: 'integer',
} as const satisfies Record<string, FieldKind>;
const KEYS = Object.keys(FIELDS) as Array<keyof typeof FIELDS>;
const DEFAULTED = ['priority', 'status', 'openedAt'] as const;

/**
 * Support tickets. A ticket belongs to an account; exports that name only the contact (a
 * Salesforce Case with ContactId and no AccountId) map accountId `through` the contact.
 */
export const ticketAdapter: TargetAdapter = {
  entity: 'ticket',
  fields: FIELDS,
  required: ['subject'],
  customFields: false,
  async create(tx, record) {
    const fields = withoutNulls(mappedFields(record, KEYS), DEFAULTED);
    const created = await createTicket(tx, { ...fields, sourceSystem: record.sourceSystem, externalId: record.externalId } as CreateTicketInput);
    return { id: created.id, merged: false };
  },
  async update(tx, id, record) {
    const before = await getTicket(tx, id);
    const changes = withoutNulls(mappedFields(record, KEYS), DEFAULTED) as UpdateTicketInput;
    return updateByVersion(before, changes, (expectedVersion) => updateTicket(tx, { id, expectedVersion, changes }));
  },
};
