import { inTransaction, type Ctx } from '../../shared/context.ts';
import { assertSourcePair } from '../account-rules.ts';
import { validateCustomFields } from '../custom-fields/index.ts';
import { assertOwnerAssignable, ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { assertAccountUsable, assertContactEmailFree, assertContactIdentified } from './contact-rules.ts';
import { assertVersion, changedValues, definedOnly, nowOf } from './record-writes.ts';
import { getContactRow, toContact, toContactColumns, updateContactRow } from './repo.ts';
import { updateContactSchema, type Contact, type ContactFields, type ContactRow, type UpdateContactInput } from './schema.ts';

export type UpdateContactRequest = { id: string; expectedVersion: number; changes: UpdateContactInput };

/**
 * Partial update based on `expectedVersion` (409 with currentVersion otherwise). A request that
 * changes nothing writes nothing. A new e-mail is deduped like a create.
 */
export async function updateContact(ctx: Ctx, request: UpdateContactRequest): Promise<Contact> {
  const parsed = parseInput(updateContactSchema, request.changes);
  const changes = parsed.customFields === undefined
    ? parsed
    : { ...parsed, customFields: await validateCustomFields(ctx, 'contact', parsed.customFields, { partial: false }) };
  const scope = await ownerScope(ctx);
  return inTransaction(ctx, async (tx) => {
    const before = await getContactRow(tx, scope, request.id, 'update');
    assertVersion('Contact', before, request.expectedVersion);
    const fields: ContactFields = { ...contactFieldsOf(before), ...definedOnly(changes) };
    const changed = changedValues(toContactColumns(contactFieldsOf(before)), toContactColumns(fields));
    if (Object.keys(changed).length === 0) return toContact(before);
    if ('owner_user_id' in changed) assertOwnerAssignable(scope, fields.ownerUserId);
    if (changed.account_id) await assertAccountUsable(tx, scope, changed.account_id);
    if (changed.email) await assertContactEmailFree(tx, changed.email, before.id);
    assertSourcePair(fields);
    assertContactIdentified(fields);
    const after = await updateContactRow(tx, before, { ...changed, updated_at: nowOf(tx) }, 'update');
    return toContact(after);
  });
}

export function contactFieldsOf(row: ContactRow): ContactFields {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, version: _version, ...fields } = toContact(row);
  return fields;
}
