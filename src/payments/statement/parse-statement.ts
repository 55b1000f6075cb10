import { parse } from 'csv-parse/sync';
import { isCurrencyCode, MoneyError, parseDecimalToMinor } from '../../shared/money.ts';
import { isPlainDateText } from '../../shared/validation/field-schemas.ts';
import { PAYMENT_METHODS, type PaymentMethod } from '../../billing/index.ts';
import type { FieldError } from '../../shared/errors.ts';

/**
 * One line of a bank or processor statement. Columns, by header name (case-insensitive, the
 * first alias present wins): date (date, received_date, value_date, booking_date), amount,
 * currency, reference (reference, description, memo, remittance), account (account_id, account),
 * method, transaction id (transaction_id, id). Amounts are decimal text in major units, parsed
 * exactly by the currency's exponent ("1234.50" EUR → 123450; "1.5" JPY is an error).
 */
export type StatementLine = {
  line: number;
  receivedDate: string;
  amountMinor: bigint;
  currency: string;
  reference: string | null;
  accountId: string | null;
  method: PaymentMethod;
  transactionId: string | null;
};

export type ParsedStatementRow = { line: number; value: StatementLine | null; errors: FieldError[] };

const ALIASES = {
  date: ['date', 'received_date', 'value_date', 'booking_date'],
  amount: ['amount'],
  currency: ['currency'],
  reference: ['reference', 'description', 'memo', 'remittance'],
  account: ['account_id', 'account'],
  method: ['method'],
  transactionId: ['transaction_id', 'id'],
} as const;

export function parseStatementCsv(text: string): { rows: ParsedStatementRow[]; headerErrors: FieldError[] } {
  // Line endings as \n only: csv-parse counts a CRLF inside a quoted field as two lines.
  const parsed = parse(text.replace(/\r\n?/g, '\n'), {
    columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true, relax_column_count: true, info: true,
  }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
  const records = parsed.map((entry) => entry.record);
  const header = records.length > 0 ? Object.keys(records[0] ?? {}) : [];
  const pick = (names: readonly string[]) => names.find((name) => header.includes(name));
  const missing = (['date', 'amount', 'currency'] as const).filter((column) => pick(ALIASES[column]) === undefined);
  if (records.length > 0 && missing.length > 0) {
    return { rows: [], headerErrors: missing.map((column) => ({ field: column, message: `column missing (one of: ${ALIASES[column].join(', ')})` })) };
  }
  const columns = Object.fromEntries(Object.entries(ALIASES).map(([key, names]) => [key, pick(names)])) as Record<keyof typeof ALIASES, string | undefined>;
  return { rows: parsed.map((entry) => parseRow(entry.record, firstLineOf(entry), columns)), headerErrors: [] };
}

/**
 * The file line a record starts on, as a person finds it in an editor: blank lines are skipped and a
 * quoted field may span lines, so the record's index is not its line. csv-parse gives the line the
 * record ends on; the line breaks inside its fields are the lines before that.
 */
function firstLineOf(entry: { record: Record<string, string>; info: { lines: number } }): number {
  const breaks = Object.values(entry.record).reduce((total, value) => total + (value.match(/\n/g)?.length ?? 0), 0);
  return entry.info.lines - breaks;
}

function parseRow(record: Record<string, string>, line: number, columns: Record<keyof typeof ALIASES, string | undefined>): ParsedStatementRow {
  const cell = (key: keyof typeof ALIASES): string => (columns[key] ? (record[columns[key]] ?? '').trim() : '');
  const errors: FieldError[] = [];
  const receivedDate = cell('date');
  if (!isPlainDateText(receivedDate)) errors.push({ field: 'date', message: `expected YYYY-MM-DD, got ${JSON.stringify(receivedDate)}` });
  const currency = cell('currency').toUpperCase();
  let amountMinor = 0n;
  if (!isCurrencyCode(currency)) errors.push({ field: 'currency', message: `unknown currency ${JSON.stringify(cell('currency'))}` });
  else {
    try {
      amountMinor = parseDecimalToMinor(cell('amount'), currency);
      if (amountMinor <= 0n) errors.push({ field: 'amount', message: 'not money received (zero or outgoing)' });
    } catch (error) {
      if (!(error instanceof MoneyError)) throw error;
      errors.push({ field: 'amount', message: error.message });
    }
  }
  const methodText = cell('method').toLowerCase() || 'bank_transfer';
  const method = (PAYMENT_METHODS as readonly string[]).includes(methodText) ? (methodText as PaymentMethod) : null;
  if (method === null) errors.push({ field: 'method', message: `one of ${PAYMENT_METHODS.join(', ')}` });
  const reference = cell('reference').slice(0, 200) || null;
  if (errors.length > 0 || method === null) return { line, value: null, errors };
  return {
    line,
    value: { line, receivedDate, amountMinor, currency, reference, accountId: cell('account') || null, method, transactionId: cell('transactionId') || null },
    errors,
  };
}
