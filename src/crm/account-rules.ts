import type { Actor } from '../shared/access.ts';
import type { TxCtx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import type { OwnerScope } from './owner-scope.ts';
import { findAccountRow, wouldCreateCycle } from './repo.ts';
import type { AccountFields } from './schema.ts';

/** Left out on create, the owner is the signed-in user; an API key or the system owns nothing. */
export function defaultOwnerId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.id : null;
}

/**
 * The parent must be a live account the actor can see (so a parent id cannot be used to probe for
 * accounts outside the scope: missing and invisible give the same answer). It is share-locked so a
 * concurrent delete of the parent waits for this child. When re-parenting an existing account the
 * new link must not close a loop; the caller holds lockAccountHierarchy.
 */
export async function assertParentUsable(tx: TxCtx, scope: OwnerScope, parentId: string, childId?: string): Promise<void> {
  const parent = await findAccountRow(tx, scope, parentId, 'share');
  if (!parent) {
    throw new AppError('validation_failed', `Parent account ${parentId} does not exist or is not visible to you`, {
      fieldErrors: [{ field: 'body.parentAccountId', message: 'unknown account' }],
    });
  }
  if (childId !== undefined && (parentId === childId || (await wouldCreateCycle(tx, childId, parentId)))) {
    throw new AppError('business_rule_violated', `Account ${parentId} is ${childId} itself or one of its descendants`, {
      fieldErrors: [{ field: 'body.parentAccountId', message: 'would make the hierarchy a loop' }],
    });
  }
}

/** The import key is a pair: an external id means nothing without the system it came from. */
export function assertSourcePair(fields: Pick<AccountFields, 'sourceSystem' | 'externalId'>): void {
  if ((fields.sourceSystem === null) === (fields.externalId === null)) return;
  const missing = fields.sourceSystem === null ? 'sourceSystem' : 'externalId';
  throw new AppError('validation_failed', 'sourceSystem and externalId are set together or not at all', {
    fieldErrors: [{ field: `body.${missing}`, message: 'required together with the other half of the import key' }],
  });
}
