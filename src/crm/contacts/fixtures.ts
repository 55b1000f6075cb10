import type { Ctx } from '../../shared/context.ts';
import { contactsDb } from './repo.ts';
import type { CreateContactInput } from './schema.ts';

let sequence = 0;

/** A valid contact input with a unique e-mail, so tests never trip the dedupe rule by accident. */
export function makeContactInput(overrides: Partial<CreateContactInput> = {}): CreateContactInput {
  sequence += 1;
  return { firstName: 'Ada', lastName: `Contact ${sequence}`, email: `contact-${sequence}-${process.pid}@example.com`, ...overrides };
}

/** The audit trail of one record, oldest first, in the shape tests compare. */
export async function auditTrailOf(ctx: Ctx, entityType: string, entityId: string) {
  return ctx.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'before', 'after'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('seq')
    .execute();
}

/** Audit rows of every entity: "nothing was written" checks count these. */
export async function countAuditRows(ctx: Ctx): Promise<number> {
  const row = await ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every contact row, deleted ones included. */
export async function countContactRows(ctx: Ctx): Promise<number> {
  const row = await contactsDb(ctx).selectFrom('contacts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
