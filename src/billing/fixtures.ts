import { createAccount } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import { billingDb } from './billing-db.ts';
import type { ItemInput } from './item-input.ts';
import type { CreateSubscriptionInput } from './subscription-schema.ts';
import type { BillingTables } from './tables.ts';

let sequence = 0;

/** A USD account to hang billing records on. */
export async function makeAccount(ctx: Ctx, overrides: { ownerUserId?: string | null; billingAddress?: string | null } = {}): Promise<string> {
  sequence += 1;
  return (await createAccount(ctx, { name: `Billing customer ${sequence}`, currency: 'USD', ...overrides })).id;
}

/** 10 seats at 49.00 a month unless told otherwise. */
export function makeItemInput(overrides: Partial<ItemInput> = {}): ItemInput {
  return { itemKey: 'pro-seat', quantity: 10, unitPriceMinor: 4900, ...overrides };
}

export function makeSubscriptionInput(accountId: string, overrides: Partial<CreateSubscriptionInput> = {}): CreateSubscriptionInput {
  return { accountId, currency: 'USD', startDate: '2026-01-15', items: [makeItemInput()], ...overrides };
}

/** The audit trail of one billing record, oldest first. */
export async function auditTrail(ctx: Ctx, entityType: 'subscription' | 'invoice' | 'payment', entityId: string) {
  return ctx.db.selectFrom('audit_log').select(['action', 'actor_id', 'before', 'after'])
    .where('entity_type', '=', entityType).where('entity_id', '=', entityId).orderBy('seq').execute();
}

export async function countAuditEntries(ctx: Ctx, entityType: string): Promise<number> {
  const row = await ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('entity_type', '=', entityType).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countRows(ctx: Ctx, table: keyof BillingTables): Promise<number> {
  const row = await billingDb(ctx).selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
