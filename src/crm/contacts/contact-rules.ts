import type { TxCtx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import type { OwnerScope } from '../owner-scope.ts';
import { findAccountRow } from '../repo.ts';
import { invalidField, lockKey } from './record-writes.ts';
import { findContactIdByEmail } from './repo.ts';
import type { ContactFields } from './schema.ts';

/**
 * The account must be live and visible to the actor (an id cannot probe for accounts outside the
 * scope: missing and invisible answer alike). Share-locked so a concurrent account delete waits.
 */
export async function assertAccountUsable(tx: TxCtx, scope: OwnerScope, accountId: string, field = 'body.accountId'): Promise<void> {
  const account = await findAccountRow(tx, scope, accountId, 'share');
  if (!account) throw invalidField(field, 'unknown account', `Account ${accountId} does not exist or is not visible to you`);
}

/**
 * Dedupe by normalized e-mail among live contacts: 409 naming the contact that has it. The lock on
 * the address makes the check and the insert one step for concurrent writers of the same address.
 */
export async function assertContactEmailFree(tx: TxCtx, email: string | null, exceptId?: string): Promise<void> {
  if (email === null) return;
  await lockKey(tx, `revline.contacts.email:${email}`);
  const existingId = await findContactIdByEmail(tx, email, exceptId);
  if (existingId === null) return;
  throw new AppError('conflict', `Contact ${existingId} already has the e-mail address ${email}`, {
    fieldErrors: [{ field: 'body.email', message: `already used by contact ${existingId}` }],
    extra: { existingContactId: existingId },
  });
}

/** Checked in code so the 400 names a field; the CHECK contacts_identified is the backstop. */
export function assertContactIdentified(fields: Pick<ContactFields, 'firstName' | 'lastName' | 'email'>): void {
  if (fields.firstName !== null || fields.lastName !== null || fields.email !== null) return;
  throw invalidField('body.lastName', 'a contact needs a first name, a last name or an e-mail', 'A contact needs a first name, a last name or an e-mail');
}
