import { z } from 'zod';
import { findOverdueInvoices, getInvoice } from '../../billing/index.ts';
import { findAccount } from '../../crm/index.ts';
import { inTransaction, type Ctx } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { currencySchema, plainDateSchema, recordId, text } from '../../shared/validation/field-schemas.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { positiveMinorSchema } from '../schema.ts';
import { LANGUAGES, type AccountHoldRow, type HoldOrigin } from '../tables.ts';
import { todayOf } from '../today.ts';
import { insertNote, insertPromise, notesOfAccounts, promisesOfAccounts, type CollectionNote, type PaymentPromise } from './collections-repo.ts';
import { findOpenHold, noticesOf, placeHold, releaseHold, takeOverHold, upsertCollectionSettings } from './dunning-repo.ts';
import { daysPastDue } from './run-dunning.ts';

export const addNoteSchema = z.strictObject({
  accountId: recordId, invoiceId: recordId.nullable().default(null), body: text(5000),
  contacted: z.boolean().default(false).describe('The note records a contact with the customer (counts as last contact)'),
});
export const addPromiseSchema = z.strictObject({
  accountId: recordId, invoiceId: recordId.nullable().default(null).describe('Null: the promise covers the account'),
  promisedDate: plainDateSchema, amount: z.strictObject({ amountMinor: positiveMinorSchema, currency: currencySchema }), note: text(1000).nullable().default(null),
});
export const collectionSettingsSchema = z.strictObject({
  billingEmail: z.string().trim().regex(/^[^@\s]+@[^@\s]+$/, 'an e-mail address').max(300).nullable(),
  language: z.enum(LANGUAGES),
});

async function assertAccountAndInvoice(ctx: Ctx, accountId: string, invoiceId: string | null): Promise<void> {
  if (!(await findAccount(ctx, accountId))) throw notFound('account', accountId);
  if (invoiceId === null) return;
  const invoice = await getInvoice(ctx, invoiceId);
  if (invoice.accountId !== accountId) {
    throw new AppError('business_rule_violated', `invoice ${invoiceId} belongs to another account`, { fieldErrors: [{ field: 'body.invoiceId', message: 'belongs to another account' }] });
  }
}

export async function addCollectionNote(ctx: Ctx, input: z.input<typeof addNoteSchema>): Promise<CollectionNote> {
  const parsed = parseInput(addNoteSchema, input);
  return inTransaction(ctx, async (tx) => {
    await assertAccountAndInvoice(tx, parsed.accountId, parsed.invoiceId);
    return insertNote(tx, parsed);
  });
}

/**
 * A promise to pay pauses dunning until its date, so it must be one that can still be kept: today or
 * later, and — for one invoice — on an invoice still open, in that invoice's currency.
 */
export async function addPaymentPromise(ctx: Ctx, input: z.input<typeof addPromiseSchema>): Promise<PaymentPromise> {
  const parsed = parseInput(addPromiseSchema, input);
  const today = todayOf(ctx);
  if (parsed.promisedDate < today) throw promiseError('body.promisedDate', `${parsed.promisedDate} has passed (today is ${today}); a promise pauses dunning until its date`);
  return inTransaction(ctx, async (tx) => {
    await assertAccountAndInvoice(tx, parsed.accountId, parsed.invoiceId);
    if (parsed.invoiceId !== null) {
      const invoice = await getInvoice(tx, parsed.invoiceId);
      if (invoice.status !== 'issued') throw promiseError('body.invoiceId', `invoice ${invoice.number ?? invoice.id} is ${invoice.status}; nothing is left to promise`);
      if (invoice.currency !== parsed.amount.currency) throw promiseError('body.amount.currency', `invoice ${invoice.number ?? invoice.id} is in ${invoice.currency}, not ${parsed.amount.currency}`);
    }
    return insertPromise(tx, {
      accountId: parsed.accountId, invoiceId: parsed.invoiceId, promisedDate: parsed.promisedDate, currency: parsed.amount.currency, amountMinor: parsed.amount.amountMinor, note: parsed.note,
    });
  });
}

function promiseError(field: string, message: string): AppError {
  return new AppError('business_rule_violated', `${field}: ${message}`, { fieldErrors: [{ field, message }] });
}

export async function setCollectionSettings(ctx: Ctx, accountId: string, input: z.input<typeof collectionSettingsSchema>) {
  const parsed = parseInput(collectionSettingsSchema, input);
  return inTransaction(ctx, async (tx) => {
    if (!(await findAccount(tx, accountId))) throw notFound('account', accountId);
    const row = await upsertCollectionSettings(tx, accountId, parsed);
    return { accountId: row.account_id, billingEmail: row.billing_email, language: row.language };
  });
}

export type WorklistInvoice = { invoiceId: string; number: string | null; currency: string; dueDate: string | null; daysPastDue: number; amountDueMinor: bigint; stage: string | null; lastNoticeDate: string | null };
export type WorklistEntry = {
  accountId: string; accountName: string; onHold: boolean; invoices: WorklistInvoice[];
  lastContactDate: string | null; promise: PaymentPromise | null; notes: CollectionNote[];
};

/**
 * The collections worklist as of a date: every account with overdue invoices, most overdue
 * first, each invoice with its dunning stage, plus last contact (latest notice sent or contact
 * note), the latest promise to pay, the notes, and whether the account is on hold.
 */
export async function collectionsWorklist(ctx: Ctx, query: { asOf?: string | undefined; accountId?: string | undefined }): Promise<WorklistEntry[]> {
  const asOf = query.asOf ?? todayOf(ctx);
  const overdue = await findOverdueInvoices(ctx, asOf, query.accountId ? { accountId: query.accountId } : {});
  const accountIds = [...new Set(overdue.map((invoice) => invoice.accountId))];
  const notices = await noticesOf(ctx, overdue.map((invoice) => invoice.id));
  const notes = await notesOfAccounts(ctx, accountIds);
  const promises = await promisesOfAccounts(ctx, accountIds);
  const entries: WorklistEntry[] = [];
  for (const accountId of accountIds) {
    const invoices = overdue.filter((invoice) => invoice.accountId === accountId).map((invoice): WorklistInvoice => {
      const own = notices.filter((notice) => notice.invoice_id === invoice.id);
      const last = own.at(-1);
      return {
        invoiceId: invoice.id, number: invoice.number, currency: invoice.currency, dueDate: invoice.dueDate, daysPastDue: daysPastDue(invoice, asOf),
        amountDueMinor: invoice.amountDueMinor, stage: last?.stage_code ?? null, lastNoticeDate: last?.run_date ?? null,
      };
    });
    const accountNotes = notes.filter((note) => note.accountId === accountId);
    const contactDates = [
      ...notices.filter((notice) => notice.account_id === accountId && notice.channel !== 'none').map((notice) => notice.run_date),
      ...accountNotes.filter((note) => note.contacted).map((note) => note.createdAt.slice(0, 10)),
    ].sort();
    entries.push({
      accountId, accountName: overdue.find((invoice) => invoice.accountId === accountId)?.accountName ?? accountId,
      onHold: (await findOpenHold(ctx, accountId)) !== undefined, invoices, lastContactDate: contactDates.at(-1) ?? null,
      promise: promises.find((promise) => promise.accountId === accountId) ?? null, notes: accountNotes,
    });
  }
  const worst = (entry: WorklistEntry) => Math.max(...entry.invoices.map((invoice) => invoice.daysPastDue));
  return entries.sort((a, b) => worst(b) - worst(a) || a.accountName.localeCompare(b.accountName));
}

/** Whether the account is on hold (dunning's last stage or by hand) — for CPQ and the worklist. */
export async function isAccountOnHold(ctx: Ctx, accountId: string): Promise<boolean> {
  return (await findOpenHold(ctx, accountId)) !== undefined;
}

export type AccountHold = { id: string; accountId: string; origin: HoldOrigin; reason: string; placedDate: string; placedAt: string };

function holdOf(row: AccountHoldRow): AccountHold {
  return { id: row.id, accountId: row.account_id, origin: row.origin, reason: row.reason, placedDate: row.placed_date, placedAt: row.placed_at.toISOString() };
}

/** The account's open hold, if any (404 for an unknown account). */
export async function getAccountHold(ctx: Ctx, accountId: string): Promise<AccountHold | null> {
  if (!(await findAccount(ctx, accountId))) throw notFound('account', accountId);
  const row = await findOpenHold(ctx, accountId);
  return row ? holdOf(row) : null;
}

export const placeHoldSchema = z.strictObject({ reason: text(500).describe('Why: a dispute, a credit risk … (shown to sales when a quote is refused)') });

/**
 * Finance puts the account on hold by hand (CPQ's overdue rule then refuses its quotes). Such a hold
 * stays until released by hand: the dunning run lifts only its own. If dunning's hold is open, finance
 * takes it over (`takenOver`), with the new reason. A hold already placed by hand is a 409.
 */
export async function placeHoldByHand(ctx: Ctx, accountId: string, input: z.input<typeof placeHoldSchema>): Promise<{ hold: AccountHold; takenOver: boolean }> {
  const { reason } = parseInput(placeHoldSchema, input);
  return inTransaction(ctx, async (tx) => {
    if (!(await findAccount(tx, accountId))) throw notFound('account', accountId);
    const open = await findOpenHold(tx, accountId);
    if (open?.origin === 'manual') {
      throw new AppError('conflict', `account ${accountId} is already on hold by hand since ${open.placed_date}: ${open.reason}`);
    }
    if (open) return { hold: holdOf(await takeOverHold(tx, open, reason)), takenOver: true };
    const placed = await placeHold(tx, accountId, reason, todayOf(tx), 'manual');
    if (!placed) throw new AppError('conflict', `account ${accountId} was put on hold by someone else at the same moment`);
    return { hold: holdOf(placed), takenOver: false };
  });
}

/** Releases the account's open hold by hand; false when it has none. An unknown account is a 404, like placing one. */
export async function releaseHoldByHand(ctx: Ctx, accountId: string, reason: string): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    if (!(await findAccount(tx, accountId))) throw notFound('account', accountId);
    return releaseHold(tx, accountId, reason);
  });
}
