import { z } from 'zod';
import { recordAudit } from '../../shared/audit.ts';
import { inTransaction, type Ctx } from '../../shared/context.ts';
import type { Timestamp } from '../../shared/db/tables.ts';
import { text } from '../../shared/validation/field-schemas.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { nowOf } from '../billing-db.ts';

// Mirrors migrations/202612060200_create_billing_seller_details.ts.
type SellerDetailsTable = { id: boolean; legal_name: string; address: string; vat_id: string | null; email: string | null; updated_at: Timestamp };
type SellerTables = { billing_seller_details: SellerDetailsTable };

export const sellerDetailsSchema = z.strictObject({
  legalName: text(200),
  address: z.string().trim().max(1000).default('').describe('Postal address, one line per line'),
  vatId: text(50).nullable().default(null),
  email: z.email().max(320).nullable().default(null),
});
export type SellerDetailsInput = z.input<typeof sellerDetailsSchema>;
export type SellerDetails = z.output<typeof sellerDetailsSchema>;

/** Until finance enters the company's details, documents name the seller by the product. */
export const DEFAULT_SELLER: SellerDetails = { legalName: 'Revline', address: '', vatId: null, email: null };

const sellerDb = (ctx: Ctx) => ctx.db.withTables<SellerTables>();

export async function getSellerDetails(ctx: Ctx): Promise<SellerDetails> {
  const row = await sellerDb(ctx).selectFrom('billing_seller_details').selectAll().executeTakeFirst();
  if (!row) return DEFAULT_SELLER;
  return { legalName: row.legal_name, address: row.address, vatId: row.vat_id, email: row.email };
}

/** One row (audited); affects documents rendered afterwards, issued ones included (the seller is the same company). */
export async function setSellerDetails(ctx: Ctx, input: SellerDetailsInput): Promise<SellerDetails> {
  const parsed = parseInput(sellerDetailsSchema, input);
  return inTransaction(ctx, async (tx) => {
    const db = sellerDb(tx);
    const before = await db.selectFrom('billing_seller_details').selectAll().forUpdate().executeTakeFirst();
    const values = { legal_name: parsed.legalName, address: parsed.address, vat_id: parsed.vatId, email: parsed.email, updated_at: nowOf(tx) };
    await db.insertInto('billing_seller_details').values({ id: true, ...values }).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
    await recordAudit(tx, { action: before ? 'update' : 'create', entityType: 'seller_details', entityId: 'default', before: before ?? null, after: parsed });
    return parsed;
  });
}
