import { createHash } from 'node:crypto';
import { findOpenInvoices, findOpenInvoicesByNumber } from '../../billing/index.ts';
import { inTransaction, type Ctx } from '../../shared/context.ts';
import { AppError, type FieldError } from '../../shared/errors.ts';
import { formatMinor } from '../../shared/money.ts';
import { futureReceivedDate } from '../operation-dates.ts';
import { invoiceNumbersIn } from '../plan-application.ts';
import { findReceiptByImportKey } from '../receipt-repo.ts';
import { recordPayment } from '../record-payment.ts';
import { parseStatementCsv, type StatementLine, type StatementParseOptions, type StatementSkipReason } from './parse-statement.ts';

export type StatementRowOutcome = 'recorded' | 'would_record' | 'duplicate' | 'skipped' | 'error';
export type StatementRowResult = {
  line: number;
  outcome: StatementRowOutcome;
  paymentId: string | null;
  accountId: string | null;
  /** As read from the line (null when it could not be read). */
  receivedDate: string | null;
  reference: string | null;
  currency: string | null;
  amountMinor: bigint | null;
  appliedMinor: bigint;
  unappliedMinor: bigint;
  allocations: Array<{ invoiceId: string; invoiceNumber: string | null; amountMinor: bigint }>;
  errors: FieldError[];
  /** Why a line was skipped (outcome 'skipped'): zero or outgoing money. */
  skipReason: StatementSkipReason | null;
};
export type StatementImportResult = { dryRun: boolean; rows: StatementRowResult[]; counts: Record<StatementRowOutcome, number>; headerErrors: FieldError[] };
export type StatementImportOptions = StatementParseOptions & { dryRun?: boolean };

class DryRunRollback extends Error {}

/**
 * Imports a bank or processor statement: each line is one payment recorded and applied exactly
 * like `POST /payments` (same code), in its own transaction, so a bad line is reported and the
 * others go on. A line seen before (same transaction id, or the same date, amount, currency,
 * reference and account when the file has no ids) is a duplicate, so re-importing a file is a
 * no-op. Without an account column the account is the one of the invoice named in the reference.
 * A dry run does everything and rolls each line back.
 */
export async function importStatement(ctx: Ctx, csvText: string, options: StatementImportOptions = {}): Promise<StatementImportResult> {
  const dryRun = options.dryRun === true;
  const { rows, headerErrors } = parseStatementCsv(csvText, options.decimalSeparator ? { decimalSeparator: options.decimalSeparator } : {});
  const results: StatementRowResult[] = [];
  const occurrences = new Map<string, number>();
  for (const row of rows) {
    if (row.skipped !== undefined) {
      results.push({ ...errorResult(row.line, [], row.value ?? undefined), accountId: null, outcome: 'skipped', skipReason: row.skipped });
      continue;
    }
    if (!row.value) {
      results.push(errorResult(row.line, row.errors));
      continue;
    }
    const contentKey = contentKeyOf(row.value);
    const occurrence = (occurrences.get(contentKey) ?? 0) + 1;
    occurrences.set(contentKey, occurrence);
    results.push(await importLine(ctx, row.value, importKeyOf(row.value, contentKey, occurrence), dryRun));
  }
  const counts: Record<StatementRowOutcome, number> = { recorded: 0, would_record: 0, duplicate: 0, skipped: 0, error: 0 };
  for (const result of results) counts[result.outcome] += 1;
  return { dryRun, rows: results, counts, headerErrors };
}

async function importLine(ctx: Ctx, line: StatementLine, importKey: string, dryRun: boolean): Promise<StatementRowResult> {
  // Duplicates first: once a line's invoice is paid, its reference no longer finds the account.
  const seen = await findReceiptByImportKey(ctx, importKey);
  if (seen) {
    // A bank's transaction id names one movement: the same id with other money is an error to look at, not a duplicate.
    if (line.transactionId !== null && (seen.amount_minor !== line.amountMinor || seen.currency !== line.currency || seen.received_date !== line.receivedDate)) {
      const before = `${formatMinor(seen.amount_minor, seen.currency)} ${seen.currency} on ${seen.received_date}`;
      return errorResult(line.line, [{ field: 'transaction_id', message: `${line.transactionId} was imported before as ${before} (payment ${seen.payment_id}); this line says ${formatMinor(line.amountMinor, line.currency)} ${line.currency} on ${line.receivedDate}` }], line);
    }
    return { ...errorResult(line.line, [], line), outcome: 'duplicate', paymentId: seen.payment_id, accountId: seen.account_id };
  }
  // The file's column, not the API's field: the same rule recordPayment applies (docs/payments.md "Dates").
  const future = futureReceivedDate(ctx, line.receivedDate);
  if (future !== null) return errorResult(line.line, [{ field: 'date', message: future }], line);
  const accountId = line.accountId ?? (await accountFromReference(ctx, line));
  if (!accountId) return errorResult(line.line, [{ field: 'account', code: 'account_not_found', message: 'no account column and no open invoice number in the reference' }], line);
  let outcome: StatementRowResult | null = null;
  try {
    await inTransaction(ctx, async (tx) => {
      // A payment is applied only to its account's open invoices in its currency: read before it
      // pays them (one read), for the numbers of those it pays.
      const open = await findOpenInvoices(tx, accountId, line.currency);
      const numbers = new Map(open.map((invoice) => [invoice.id, invoice.number]));
      const payment = await recordPayment(tx, {
        accountId, amount: { amountMinor: line.amountMinor, currency: line.currency }, receivedDate: line.receivedDate, method: line.method, reference: line.reference,
      }, { importKey });
      outcome = {
        line: line.line, outcome: dryRun ? 'would_record' : 'recorded', paymentId: dryRun ? null : payment.id, accountId, receivedDate: line.receivedDate, reference: line.reference,
        currency: payment.currency, amountMinor: payment.amountMinor, appliedMinor: payment.appliedMinor, unappliedMinor: payment.unappliedMinor,
        allocations: payment.allocations.map((allocation) => ({ ...allocation, invoiceNumber: numbers.get(allocation.invoiceId) ?? null })), errors: [], skipReason: null,
      };
      if (dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (error instanceof DryRunRollback && outcome) return outcome;
    if (error instanceof AppError) return errorResult(line.line, error.fieldErrors.length > 0 ? error.fieldErrors : [{ field: 'row', message: error.message }], line);
    throw error;
  }
  if (!outcome) throw new Error(`statement line ${line.line} produced no outcome`);
  return outcome;
}

async function accountFromReference(ctx: Ctx, line: StatementLine): Promise<string | null> {
  const invoices = (await findOpenInvoicesByNumber(ctx, invoiceNumbersIn(line.reference))).filter((invoice) => invoice.currency === line.currency);
  const accounts = new Set(invoices.map((invoice) => invoice.accountId));
  return accounts.size === 1 ? ([...accounts][0] ?? null) : null;
}

/** What identifies a line without a transaction id: date, amount, currency, reference and account column. */
function contentKeyOf(line: StatementLine): string {
  return createHash('sha256').update([line.receivedDate, line.amountMinor.toString(), line.currency, line.reference ?? '', line.accountId ?? ''].join('\u001f')).digest('hex');
}

/**
 * A line's key: its transaction id, else its content and which occurrence of that content in the
 * file it is — two customers' identical transfers on one day are two payments, and a re-import (or
 * an overlapping export) meets the same keys again. The first occurrence keeps the key it always had.
 */
function importKeyOf(line: StatementLine, contentKey: string, occurrence: number): string {
  if (line.transactionId) return `statement:${line.transactionId}`.slice(0, 300);
  return occurrence === 1 ? `statement-line:${contentKey}` : `statement-line:${contentKey}:${occurrence}`;
}

/** An error row; with the line read, its date, reference, amount and currency as read. */
function errorResult(line: number, errors: FieldError[], read?: StatementLine): StatementRowResult {
  return {
    line, outcome: 'error', paymentId: null, accountId: read?.accountId ?? null, receivedDate: read?.receivedDate ?? null, reference: read?.reference ?? null,
    currency: read?.currency ?? null, amountMinor: read?.amountMinor ?? null, appliedMinor: 0n, unappliedMinor: 0n, allocations: [], errors, skipReason: null,
  };
}
