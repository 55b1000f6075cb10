import type { Ctx } from '../shared/context.ts';
import { crmDb } from './repo.ts';
import type { CreateAccountInput } from './schema.ts';

let sequence = 0;

/** A valid account input; names are unique per process so tests can find their rows. */
export function makeAccountInput(overrides: Partial<CreateAccountInput> = {}): CreateAccountInput {
  sequence += 1;
  return { name: `Account ${sequence}`, currency: 'EUR', ...overrides };
}

/** The audit trail of one account, oldest first, in the shape tests compare. */
export async function auditTrail(ctx: Ctx, accountId: string) {
  return ctx.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'before', 'after'])
    .where('entity_type', '=', 'account')
    .where('entity_id', '=', accountId)
    .orderBy('seq')
    .execute();
}

/** Every row, deleted ones included: "nothing was written" checks count these. */
export async function countAccountRows(ctx: Ctx): Promise<number> {
  const row = await crmDb(ctx).selectFrom('accounts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
