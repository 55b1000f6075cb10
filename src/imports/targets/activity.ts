import type { MappedValue } from '../mapping/convert-value.ts';
import { mappedFields, type TargetAdapter } from './adapter.ts';
import { createActivity, getActivity, updateActivity, type CreateActivityInput, type UpdateActivityInput } from './crm-api.ts';
import type { FieldKind } from './entities.ts';
import { updateByVersion } from './field-values.ts';

const FIELDS = {
  type: 'text',
  subject: 'text',
  description: 'text',
  occurredAt: 'instant',
  dueDate: 'date',
  status: 'text',
  accountId: { ref: 'account' },
  contactId: { ref: 'contact' },
  leadId: { ref: 'lead' },
  opportunityId: { ref: 'opportunity' },
} as const satisfies Record<string, FieldKind>;
const KEYS = Object.keys(FIELDS) as Array<keyof typeof FIELDS>;

/**
 * Fits a source activity to the CRM's timing rules: calls, meetings and e-mails happened (their
 * one date is when, and they have no due date or status); a task is open with a due date or
 * completed with the time it was done. Exports give one "activity date" for all of them.
 */
function fitTiming(values: Partial<Record<keyof typeof FIELDS, MappedValue>>) {
  const fields = { ...values };
  if (fields.type !== 'task') {
    if (fields.occurredAt == null && typeof fields.dueDate === 'string') fields.occurredAt = `${fields.dueDate}T00:00:00.000Z`;
    if ('dueDate' in fields) fields.dueDate = null;
    if ('status' in fields) fields.status = null;
  } else if (fields.status !== 'completed' && 'occurredAt' in fields) {
    fields.occurredAt = null;
  }
  return fields;
}

export const activityAdapter: TargetAdapter = {
  entity: 'activity',
  fields: FIELDS,
  required: ['type', 'subject'],
  customFields: false,
  async create(tx, record) {
    const fields = fitTiming(mappedFields(record, KEYS));
    const created = await createActivity(tx, { ...fields, sourceSystem: record.sourceSystem, externalId: record.externalId } as CreateActivityInput);
    return { id: created.id, merged: false };
  },
  async update(tx, id, record) {
    const before = await getActivity(tx, id);
    // The type is fixed once written (a call does not become a task).
    const { type: _type, ...changes } = fitTiming({ ...mappedFields(record, KEYS), type: before.type });
    return updateByVersion(before, changes, (expectedVersion) => updateActivity(tx, { id, expectedVersion, changes: changes as UpdateActivityInput }));
  },
};
