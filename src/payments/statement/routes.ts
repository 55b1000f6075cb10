import { z } from 'zod';
import type { Role } from '../../shared/access.ts';
import type { App } from '../../shared/http/route-types.ts';
import { AppError } from '../../shared/errors.ts';
import { moneyToJson, money } from '../../shared/money.ts';
import { moneyJsonSchema } from '../json.ts';
import { importStatement, type StatementImportResult } from './import-statement.ts';
import { statementText } from './statement-text.ts';

/** A statement is a bank's export of days or weeks, not a data migration: 5 MiB is ~50,000 lines. */
export const STATEMENT_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

const querySchema = z.strictObject({
  dryRun: z.enum(['true', 'false']).default('false').describe('true: record and apply every line, report, and roll each line back'),
  decimalSeparator: z.enum(['.', ',']).default('.').describe('"," for amounts written 1.234,56'),
});

const fieldErrorSchema = z.object({ field: z.string(), message: z.string(), code: z.string().optional().describe('account_not_found: no account column and no open invoice number in the reference') });
const rowSchema = z.object({
  line: z.number().int().describe('The line of the file the row starts on'),
  outcome: z.enum(['recorded', 'would_record', 'duplicate', 'skipped', 'error']),
  paymentId: z.string().nullable(),
  accountId: z.string().nullable(),
  receivedDate: z.string().nullable(),
  reference: z.string().nullable(),
  amount: moneyJsonSchema.nullable(),
  applied: moneyJsonSchema.nullable(),
  unapplied: moneyJsonSchema.nullable().describe('Kept as customer credit'),
  allocations: z.array(z.object({ invoiceId: z.string(), invoiceNumber: z.string().nullable(), amount: moneyJsonSchema })),
  errors: z.array(fieldErrorSchema),
  skipReason: z.enum(['zero_amount', 'outgoing_amount']).nullable().describe('Why a line was skipped: no money, or money going out (a fee, a transfer out)'),
});
export const statementImportJsonSchema = z.object({
  dryRun: z.boolean(),
  counts: z.object({ recorded: z.number().int(), would_record: z.number().int(), duplicate: z.number().int(), skipped: z.number().int(), error: z.number().int() }),
  headerErrors: z.array(fieldErrorSchema),
  rows: z.array(rowSchema),
});

export function statementImportToJson(result: StatementImportResult): z.infer<typeof statementImportJsonSchema> {
  return {
    dryRun: result.dryRun, counts: result.counts, headerErrors: result.headerErrors,
    rows: result.rows.map((row) => {
      const of = (amountMinor: bigint) => (row.currency === null ? null : moneyToJson(money(amountMinor, row.currency)));
      const known = row.outcome === 'recorded' || row.outcome === 'would_record';
      return {
        line: row.line, outcome: row.outcome, paymentId: row.paymentId, accountId: row.accountId, receivedDate: row.receivedDate, reference: row.reference,
        amount: row.amountMinor === null ? null : of(row.amountMinor), applied: known ? of(row.appliedMinor) : null, unapplied: known ? of(row.unappliedMinor) : null,
        allocations: row.allocations.map((a) => ({ invoiceId: a.invoiceId, invoiceNumber: a.invoiceNumber, amount: of(a.amountMinor) ?? { amountMinor: a.amountMinor.toString(), currency: '' } })),
        errors: row.errors, skipReason: row.skipReason,
      };
    }),
  };
}

/**
 * POST /payments/statement-imports: a bank or processor statement as the body (text/csv), each line
 * recorded and applied as POST /payments records one (docs/payments.md "Statement import"); answered
 * when done. In a scope of its own, so the CSV body parser applies to this route only.
 */
export function registerStatementImportRoute(app: App, access: readonly Role[], tags: string[]): void {
  void app.register(async (scoped) => {
    for (const type of ['text/csv', 'text/plain']) {
      scoped.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: STATEMENT_BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body));
    }
    (scoped as App).post(
      '/payments/statement-imports',
      {
        bodyLimit: STATEMENT_BODY_LIMIT_BYTES,
        config: { access, idempotent: false },
        schema: {
          tags, summary: 'Import a bank or processor statement (text/csv): every line a payment, applied; re-importing the file records nothing twice',
          querystring: querySchema, response: { 200: statementImportJsonSchema },
        },
      },
      async (request) => {
        const body = request.body;
        if (!Buffer.isBuffer(body)) throw new AppError('unsupported_media_type', `Send the statement file itself as the body, with Content-Type text/csv (not ${request.headers['content-type'] ?? 'no content type'})`);
        if (body.length === 0) throw new AppError('malformed_request', 'The body is empty: send the statement as text/csv');
        const result = await importStatement(request.ctx, statementText(body), { dryRun: request.query.dryRun === 'true', decimalSeparator: request.query.decimalSeparator });
        return statementImportToJson(result);
      },
    );
  });
}
