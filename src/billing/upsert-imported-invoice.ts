import { inTransaction, type Ctx, type TxCtx } from '../shared/context.ts';
import { assertNotOpenedAtCutOver } from './cut-over/assert-not-opened.ts';
import { AppError, assert } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { canonicalJson } from '../shared/json.ts';
import {
  auditInvoice, findImportedInvoiceRow, insertInvoiceWithLines, isAllowedInvoiceTransition, loadInvoiceDetail, PAYMENT_PROGRESS_COLUMNS,
  updateInvoiceProgress, type InvoiceColumns, type LineColumns,
} from './invoice-repo.ts';
import { importInvoiceSchema, type ImportInvoiceInput, type InvoiceDetail, type ParsedInvoiceImport } from './invoice-schema.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { fieldError, ruleError } from './field-errors.ts';
import { findImportedSubscriptionRef } from './subscription-repo.ts';
import { assertAccountUsable } from './subscription-rules.ts';
import type { UpsertResult } from './subscription-schema.ts';
import type { InvoiceRow } from './tables.ts';

/**
 * Creates or updates the invoice imported as (sourceSystem, externalId). Imported invoices are
 * issued documents: a re-import may move their payment progress (paid, void, amounts paid/due)
 * and nothing else — a source that changed an issued invoice's money or lines is reported as a
 * broken rule for that row, since corrections are new documents (credit notes).
 */
export async function upsertImportedInvoice(ctx: Ctx, input: ImportInvoiceInput): Promise<UpsertResult<InvoiceDetail>> {
  const parsed = parseInput(importInvoiceSchema, input);
  const lines = parsed.lines?.map(({ description, quantity, unitAmountMinor, amountMinor, periodStartDate, periodEndDate }) => ({
    description, quantity, unitAmountMinor, amountMinor, periodStartDate, periodEndDate,
  }));
  checkDocument(parsed, lines);
  return inTransaction(ctx, async (tx) => {
    await assertAccountUsable(tx, parsed.accountId);
    const columns = await invoiceColumns(tx, parsed);
    const existing = await findImportedInvoiceRow(tx, parsed.sourceSystem, parsed.externalId);
    if (!existing) {
      const row = await insertInvoiceWithLines(tx, newId('inv'), columns, lines ?? []);
      return { outcome: 'created', record: await auditInvoice(tx, 'import', null, row) };
    }
    assert(existing.status !== 'draft', `imported invoice ${existing.id} is a draft`);
    const before = await loadInvoiceDetail(tx, existing);
    assertIssuedContentUnchanged(existing, before, columns, lines);
    const progress = Object.fromEntries(PAYMENT_PROGRESS_COLUMNS.filter((key) => !sameValue(existing[key], columns[key])).map((key) => [key, columns[key]]));
    if (Object.keys(progress).length === 0) return { outcome: 'unchanged', record: before };
    if (!isAllowedInvoiceTransition(existing.status, columns.status)) throw ruleError('body.status', `an invoice cannot go from ${existing.status} to ${columns.status}`);
    await assertNotOpenedAtCutOver(tx, existing.id);
    const after = await updateInvoiceProgress(tx, existing, progress);
    return { outcome: 'updated', record: await auditInvoice(tx, 'import', before, after) };
  });
}

function checkDocument(parsed: ParsedInvoiceImport, lines: LineColumns[] | undefined): void {
  const total = parsed.subtotalMinor - parsed.discountMinor + parsed.taxMinor;
  if (parsed.totalMinor !== undefined && parsed.totalMinor !== total) throw fieldError('body.totalMinor', `is not subtotal − discount + tax = ${total}`);
  if (total < 0n) throw fieldError('body.subtotalMinor', 'the total would be negative; credits are credit notes');
  if (parsed.status === 'paid' && (parsed.amountDueMinor ?? 0n) !== 0n) throw fieldError('body.amountDueMinor', 'a paid invoice has nothing due');
  if (parsed.dueDate !== null && parsed.dueDate < parsed.issueDate) throw fieldError('body.dueDate', 'before issueDate');
  checkPeriod(parsed, 'body');
  lines?.forEach((line, index) => checkPeriod(line, `body.lines.${index}`));
  const linesSum = lines?.reduce((sum, line) => sum + line.amountMinor, 0n);
  if (linesSum !== undefined && lines && lines.length > 0 && linesSum !== parsed.subtotalMinor) {
    throw fieldError('body.lines', `line amounts add up to ${linesSum}, the subtotal is ${parsed.subtotalMinor}`);
  }
}

function checkPeriod(period: { periodStartDate: string | null; periodEndDate: string | null }, at: string): void {
  if ((period.periodStartDate === null) !== (period.periodEndDate === null)) throw fieldError(`${at}.periodEndDate`, 'give both period dates or neither');
  if (period.periodStartDate !== null && period.periodEndDate !== null && period.periodEndDate <= period.periodStartDate) {
    throw fieldError(`${at}.periodEndDate`, 'must be after periodStartDate (periods are half-open)');
  }
}

async function invoiceColumns(tx: TxCtx, parsed: ParsedInvoiceImport): Promise<InvoiceColumns> {
  const total = parsed.subtotalMinor - parsed.discountMinor + parsed.taxMinor;
  const paid = parsed.amountPaidMinor ?? (parsed.status === 'paid' ? total : 0n);
  const remaining = total - paid > 0n ? total - paid : 0n;
  const instant = (text: string | null) => (text === null ? null : new Date(text));
  return {
    account_id: parsed.accountId,
    subscription_id: await resolveSubscriptionId(tx, parsed),
    number: parsed.number,
    status: parsed.status,
    currency: parsed.currency,
    issue_date: parsed.issueDate,
    due_date: parsed.dueDate,
    period_start_date: parsed.periodStartDate,
    period_end_date: parsed.periodEndDate,
    subtotal_minor: parsed.subtotalMinor,
    discount_minor: parsed.discountMinor,
    tax_minor: parsed.taxMinor,
    total_minor: total,
    amount_paid_minor: paid,
    amount_due_minor: parsed.amountDueMinor ?? (parsed.status === 'issued' ? remaining : 0n),
    source_system: parsed.sourceSystem,
    external_id: parsed.externalId,
    issued_at: instant(parsed.issuedAt),
    paid_at: instant(parsed.paidAt),
    voided_at: instant(parsed.voidedAt),
  };
}

async function resolveSubscriptionId(tx: TxCtx, parsed: ParsedInvoiceImport): Promise<string | null> {
  if (parsed.subscriptionExternalId === null) return null;
  const ref = await findImportedSubscriptionRef(tx, parsed.sourceSystem, parsed.subscriptionExternalId);
  if (!ref) throw fieldError('body.subscriptionExternalId', `no subscription imported from ${parsed.sourceSystem} with this id`);
  if (ref.account_id !== parsed.accountId) throw fieldError('body.subscriptionExternalId', 'the subscription belongs to another account');
  return ref.id;
}

function assertIssuedContentUnchanged(row: InvoiceRow, before: InvoiceDetail, columns: InvoiceColumns, lines: LineColumns[] | undefined): void {
  const progress: ReadonlySet<string> = new Set(PAYMENT_PROGRESS_COLUMNS);
  const changed = (Object.keys(columns) as Array<keyof InvoiceColumns>)
    .filter((key) => !progress.has(key) && !sameValue(row[key], columns[key]))
    .map((key) => `body.${key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())}`);
  if (lines !== undefined && canonicalJson(lines) !== canonicalJson(before.lines.map(({ lineNumber: _n, subscriptionItemId: _s, unitAmountDecimal: _d, ...line }) => line))) {
    changed.push('body.lines');
  }
  if (changed.length === 0) return;
  throw new AppError('business_rule_violated', `Invoice ${row.number ?? row.id} is ${row.status}; issued invoices are immutable, so corrections are credit notes`, {
    fieldErrors: changed.map((field) => ({ field, message: 'differs from the issued invoice' })),
  });
}

function sameValue(a: unknown, b: unknown): boolean {
  const comparable = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
  return comparable(a) === comparable(b);
}
