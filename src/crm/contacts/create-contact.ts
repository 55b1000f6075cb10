import { inTransaction, type Ctx } from '../../shared/context.ts';
import { newId } from '../../shared/ids.ts';
import { assertSourcePair, defaultOwnerId } from '../account-rules.ts';
import { validateCustomFields } from '../custom-fields/index.ts';
import { assertOwnerAssignable, ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { assertAccountUsable, assertContactEmailFree, assertContactIdentified } from './contact-rules.ts';
import { nowOf } from './record-writes.ts';
import { insertContact, toContact, toContactColumns } from './repo.ts';
import { createContactSchema, type Contact, type CreateContactInput } from './schema.ts';

/** Creates a contact; 409 `conflict` (with existingContactId) when a live contact has the e-mail. */
export async function createContact(ctx: Ctx, input: CreateContactInput): Promise<Contact> {
  const { ownerUserId, ...rest } = parseInput(createContactSchema, input);
  const customFields = await validateCustomFields(ctx, 'contact', rest.customFields, { partial: false });
  const fields = { ...rest, customFields, ownerUserId: ownerUserId === undefined ? defaultOwnerId(ctx.actor) : ownerUserId };
  assertSourcePair(fields);
  assertContactIdentified(fields);
  const scope = await ownerScope(ctx);
  assertOwnerAssignable(scope, fields.ownerUserId);
  return inTransaction(ctx, async (tx) => {
    if (fields.accountId !== null) await assertAccountUsable(tx, scope, fields.accountId);
    await assertContactEmailFree(tx, fields.email);
    const now = nowOf(tx);
    const row = await insertContact(tx, { id: newId('cont'), ...toContactColumns(fields), created_at: now, updated_at: now });
    return toContact(row);
  });
}
