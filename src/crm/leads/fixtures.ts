import type { Ctx } from '../../shared/context.ts';
import { leadsDb } from './repo.ts';
import type { CreateLeadInput } from './schema.ts';

let sequence = 0;

/** A valid lead input with a unique e-mail, so tests never trip the dedupe rule by accident. */
export function makeLeadInput(overrides: Partial<CreateLeadInput> = {}): CreateLeadInput {
  sequence += 1;
  return { firstName: 'Grace', lastName: `Lead ${sequence}`, company: `Company ${sequence}`, email: `lead-${sequence}-${process.pid}@example.com`, ...overrides };
}

/** Row counts per table, deleted rows included: "nothing was written" checks compare these. */
export async function countLeadWorld(ctx: Ctx) {
  const db = leadsDb(ctx);
  const count = async (table: 'leads' | 'contacts' | 'accounts' | 'lead_status_history' | 'audit_log' | 'outbox_events') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    leads: await count('leads'),
    contacts: await count('contacts'),
    accounts: await count('accounts'),
    history: await count('lead_status_history'),
    audit: await count('audit_log'),
    events: await count('outbox_events'),
  };
}

export async function statusHistoryOf(ctx: Ctx, leadId: string) {
  return leadsDb(ctx)
    .selectFrom('lead_status_history')
    .select(['from_status', 'to_status', 'changed_at', 'actor_id'])
    .where('lead_id', '=', leadId)
    .orderBy('id')
    .execute();
}
