import { z } from 'zod';
import type { Role } from '../../shared/access.ts';
import { pageSchema } from '../../shared/http/pagination.ts';
import type { App } from '../../shared/http/route-types.ts';
import { money, moneyToJson } from '../../shared/money.ts';
import { moneyJsonSchema } from '../api-json.ts';
import { creditNoteReasonJsonSchema } from '../invoicing/documents-json.ts';
import { getCreditNoteSettlements } from './credit-note-settlements.ts';
import { listCreditNotes } from './list-credit-notes.ts';
import { CREDIT_NOTE_KINDS, listCreditNotesQuerySchema, type CreditNoteSummary } from './list-schema.ts';

// The roles that read invoices (billing/routes.ts): they see every account, so no owner scope.
const READ_ROLES: readonly Role[] = ['admin', 'revops', 'finance', 'success', 'viewer'];
const tags = ['billing'];
const idParams = z.object({ id: z.string().min(1).max(100) });
const date = z.string().describe('YYYY-MM-DD');

const creditNoteSummaryJsonSchema = z.object({
  id: z.string(), number: z.string(), kind: z.enum(CREDIT_NOTE_KINDS), accountId: z.string(),
  accountName: z.string().describe("The customer's name as the credit note was issued to it (the account's name today for credit notes from before Revline kept it)"),
  subscriptionId: z.string().nullable(),
  invoiceId: z.string().nullable().describe('The invoice it corrects (a void); null for an adjustment (applied to invoices later)'),
  invoiceNumber: z.string().nullable(), currency: z.string(), issueDate: date,
  net: moneyJsonSchema.describe('The credit before tax, positive'), tax: moneyJsonSchema.describe('The tax credited, positive'),
  total: moneyJsonSchema.describe('The credit, positive: net + tax'),
  applied: moneyJsonSchema.describe('Settled on invoices: a void credits its invoice in full when issued; an adjustment, what it was applied (net of unapplications)'),
  refunded: moneyJsonSchema.describe('Paid back in cash (POST /credit-notes/{id}/refunds)'),
  remaining: moneyJsonSchema.describe('Open credit: total − applied − refunded'),
  reason: z.string().describe('English, as stored'), reasonParts: creditNoteReasonJsonSchema.describe('reason as parts, to word it in any language'),
});

const settlementsJsonSchema = z.object({
  creditNote: creditNoteSummaryJsonSchema,
  applications: z.array(z.object({
    invoiceId: z.string(), invoiceNumber: z.string().nullable(), reason: z.enum(['apply', 'unapply', 'chargeback']),
    amount: moneyJsonSchema.describe('Positive when applied, negative when taken back'), effectiveDate: date,
  })).describe('Applied to invoices and taken back, in order; empty for a void (it credited its invoice in full when issued)'),
  refunds: z.array(z.object({ id: z.string(), amount: moneyJsonSchema, date, reason: z.string().nullable(), journalEntryId: z.string() })),
});

function summaryToJson(note: CreditNoteSummary) {
  const { netMinor, taxMinor, totalMinor, appliedMinor, refundedMinor, remainingMinor, ...rest } = note;
  const of = (amountMinor: bigint) => moneyToJson(money(amountMinor, note.currency));
  return {
    ...rest, net: of(netMinor), tax: of(taxMinor), total: of(totalMinor),
    applied: of(appliedMinor), refunded: of(refundedMinor), remaining: of(remainingMinor),
  };
}

/** The credit note list and what became of one credit note's credit (docs/billing.md "Credit notes"). */
export function registerCreditNoteListRoutes(app: App): void {
  app.get(
    '/credit-notes',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'List credit notes with what is left of their credit (keyset pages, newest issue date first)', querystring: listCreditNotesQuerySchema, response: { 200: pageSchema(creditNoteSummaryJsonSchema) } } },
    async (request) => {
      const page = await listCreditNotes(request.ctx, request.query);
      return { data: page.data.map(summaryToJson), nextCursor: page.nextCursor };
    },
  );
  app.get(
    '/credit-notes/:id/settlements',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'A credit note’s amounts and what became of its credit: applied to invoices (and taken back), refunded', params: idParams, response: { 200: settlementsJsonSchema } } },
    async (request) => {
      const { summary, applications, refunds } = await getCreditNoteSettlements(request.ctx, request.params.id);
      const of = (amountMinor: bigint) => moneyToJson(money(amountMinor, summary.currency));
      return {
        creditNote: summaryToJson(summary),
        applications: applications.map(({ amountMinor, ...rest }) => ({ ...rest, amount: of(amountMinor) })),
        refunds: refunds.map((r) => ({ id: r.id, amount: of(r.amountMinor), date: r.refundDate, reason: r.reason, journalEntryId: r.journalEntryId })),
      };
    },
  );
}
