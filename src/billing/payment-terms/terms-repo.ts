import { findAccount } from '../../crm/index.ts';
import { recordAudit } from '../../shared/audit.ts';
import { notFound } from '../../shared/errors.ts';
import { inTransaction, type Ctx } from '../../shared/context.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { nowOf } from '../billing-db.ts';
import { assertAccountUsable } from '../subscription-rules.ts';
import { BUILT_IN_PAYMENT_TERMS, paymentTermsSchema, termsDb, type PaymentTerms, type PaymentTermsInput } from './payment-terms.ts';

// The only code touching billing_payment_terms_default and account_payment_terms; every write audited.

export type PaymentTermsSource = 'account' | 'default' | 'built_in';
export type AccountPaymentTerms = { accountId: string; terms: PaymentTerms; source: PaymentTermsSource };

/** The default for accounts without their own terms (one row). */
export async function setDefaultPaymentTerms(ctx: Ctx, input: PaymentTermsInput): Promise<PaymentTerms> {
  const terms = parseInput(paymentTermsSchema, input);
  return inTransaction(ctx, async (tx) => {
    const db = termsDb(tx);
    const before = await db.selectFrom('billing_payment_terms_default').select(['kind', 'days']).forUpdate().executeTakeFirst();
    const values = { kind: terms.kind, days: terms.days, updated_at: nowOf(tx) };
    await db.insertInto('billing_payment_terms_default').values({ id: true, ...values }).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
    await recordAudit(tx, { action: before ? 'update' : 'create', entityType: 'payment_terms', entityId: 'default', before: before ?? null, after: terms });
    return terms;
  });
}

export async function findDefaultPaymentTerms(ctx: Ctx): Promise<{ terms: PaymentTerms; source: 'default' | 'built_in' }> {
  const row = await termsDb(ctx).selectFrom('billing_payment_terms_default').select(['kind', 'days']).executeTakeFirst();
  return row ? { terms: { kind: row.kind, days: row.days }, source: 'default' } : { terms: BUILT_IN_PAYMENT_TERMS, source: 'built_in' };
}

/** An account's own terms (null: back to the default). Applies to invoices issued from now on. */
export async function setAccountPaymentTerms(ctx: Ctx, accountId: string, input: PaymentTermsInput | null): Promise<AccountPaymentTerms> {
  const terms = input === null ? null : parseInput(paymentTermsSchema, input);
  return inTransaction(ctx, async (tx) => {
    await assertAccountUsable(tx, accountId, 'params.accountId');
    const db = termsDb(tx);
    const before = await db.selectFrom('account_payment_terms').select(['kind', 'days']).where('account_id', '=', accountId).forUpdate().executeTakeFirst();
    if (terms === null) {
      if (before) await db.deleteFrom('account_payment_terms').where('account_id', '=', accountId).execute();
    } else {
      const values = { kind: terms.kind, days: terms.days, updated_at: nowOf(tx) };
      await db.insertInto('account_payment_terms').values({ account_id: accountId, ...values }).onConflict((oc) => oc.column('account_id').doUpdateSet(values)).execute();
    }
    if (before || terms) {
      await recordAudit(tx, { action: terms ? (before ? 'update' : 'create') : 'delete', entityType: 'payment_terms', entityId: accountId, before: before ?? null, after: terms });
    }
    return getPaymentTerms(tx, accountId);
  });
}

/** The terms of an account the caller names (GET): an unknown account is a 404, not the default's terms. */
export async function getAccountPaymentTerms(ctx: Ctx, accountId: string): Promise<AccountPaymentTerms> {
  if (!(await findAccount(ctx, accountId))) throw notFound('Account', accountId);
  return getPaymentTerms(ctx, accountId);
}

export async function getPaymentTerms(ctx: Ctx, accountId: string): Promise<AccountPaymentTerms> {
  const own = await termsDb(ctx).selectFrom('account_payment_terms').select(['kind', 'days']).where('account_id', '=', accountId).executeTakeFirst();
  if (own) return { accountId, terms: { kind: own.kind, days: own.days }, source: 'account' };
  return { accountId, ...(await findDefaultPaymentTerms(ctx)) };
}

/** Terms per account for a batch of documents (two queries, whatever the batch size). */
export async function findPaymentTermsFor(ctx: Ctx, accountIds: readonly string[]): Promise<Map<string, PaymentTerms>> {
  const unique = [...new Set(accountIds)];
  const fallback = (await findDefaultPaymentTerms(ctx)).terms;
  const byAccount = new Map<string, PaymentTerms>(unique.map((id) => [id, fallback]));
  if (unique.length === 0) return byAccount;
  const rows = await termsDb(ctx).selectFrom('account_payment_terms').select(['account_id', 'kind', 'days']).where('account_id', 'in', unique).execute();
  for (const row of rows) byAccount.set(row.account_id, { kind: row.kind, days: row.days });
  return byAccount;
}
