import { AppError } from '../../shared/errors.ts';
import { withSavepoint } from '../../shared/db/savepoint.ts';
import { mappedFields, mergedCustomFields, type TargetAdapter } from './adapter.ts';
import { createContact, getContact, updateContact, type CreateContactInput, type UpdateContactInput } from './crm-api.ts';
import type { FieldKind } from './entities.ts';
import { updateByVersion } from './field-values.ts';

const FIELDS = {
  accountId: { ref: 'account' },
  firstName: 'text',
  lastName: 'text',
  email: 'text',
  phone: 'text',
  title: 'text',
  mailingCountry: 'text',
} as const satisfies Record<string, FieldKind>;
const KEYS = Object.keys(FIELDS) as Array<keyof typeof FIELDS>;

/**
 * Contacts. The CRM keeps one live contact per e-mail: a source contact whose e-mail is already
 * taken is linked to that contact (merged) instead of being rejected, so the same person from
 * two systems (or twice in one export) is one Revline contact.
 */
export const contactAdapter: TargetAdapter = {
  entity: 'contact',
  fields: FIELDS,
  required: [],
  customFields: true,
  async create(tx, record) {
    const input = { ...mappedFields(record, KEYS), customFields: record.customFields ?? {}, sourceSystem: record.sourceSystem, externalId: record.externalId };
    try {
      // A savepoint, so that a refused create leaves nothing behind before we link to the existing contact.
      return await withSavepoint(tx, 'import_contact', async () => ({ id: (await createContact(tx, input as CreateContactInput)).id, merged: false }));
    } catch (error) {
      const existing = error instanceof AppError && error.code === 'conflict' ? error.extra['existingContactId'] : undefined;
      if (typeof existing === 'string') return { id: existing, merged: true };
      throw error;
    }
  },
  async update(tx, id, record) {
    const before = await getContact(tx, id);
    const changes = { ...mappedFields(record, KEYS), customFields: mergedCustomFields(before.customFields, record) };
    return updateByVersion(before, changes, (expectedVersion) => updateContact(tx, { id, expectedVersion, changes: changes as UpdateContactInput }));
  },
};
