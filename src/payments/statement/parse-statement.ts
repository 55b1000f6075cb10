import { parse } from 'csv-parse/sync';
import { detectDelimiter, firstLine } from '../../shared/csv/detect-delimiter.ts';
import { isCurrencyCode, MoneyError, parseDecimalToMinor, type DecimalParseOptions } from '../../shared/money.ts';
import { isPlainDateText } from '../../shared/validation/field-schemas.ts';
import { PAYMENT_METHODS, type PaymentMethod } from '../../billing/index.ts';
import type { FieldError } from '../../shared/errors.ts';

/**
 * One line of a bank or processor statement. Columns, by header name (case-insensitive, the
 * first alias present wins; the German, Italian and Russian names banks export are aliases too,
 * STATEMENT_COLUMNS): date, amount, currency, reference, account, method, transaction id. The
 * delimiter (`,` `;` tab `|`) is read off the header line. Dates are YYYY-MM-DD or DD.MM.YYYY.
 * Amounts are decimal text in major units, parsed exactly by the currency's exponent ("1234.50"
 * EUR → 123450; "1.5" JPY is an error), with the file's decimal separator: "1,234.50" by default,
 * "1.234,56" when told `decimalSeparator: ','`. A line of zero or outgoing money (a fee, a transfer
 * out) is not a customer's payment: it is skipped, with its reason, not an error.
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

/** Why a line is not a customer's payment: no money, or money going out (a fee, a transfer out). */
export type StatementSkipReason = 'zero_amount' | 'outgoing_amount';
/** `value`: the line as read (null when it could not be); with `skipped`, read but not a payment to record. */
export type ParsedStatementRow = { line: number; value: StatementLine | null; errors: FieldError[]; skipped?: StatementSkipReason };
export type StatementParseOptions = { decimalSeparator?: '.' | ',' };

/** The header names each column is found by, in order of preference. */
export const STATEMENT_COLUMNS = {
  date: ['date', 'received_date', 'value_date', 'booking_date', 'buchungstag', 'datum', 'buchungsdatum', 'valutadatum', 'wertstellung', 'data operazione', 'data valuta', 'data', 'дата', 'дата операции'],
  amount: ['amount', 'betrag', 'importo', 'сумма'],
  currency: ['currency', 'währung', 'waehrung', 'divisa', 'валюта'],
  reference: ['reference', 'description', 'memo', 'remittance', 'verwendungszweck', 'causale', 'descrizione', 'назначение платежа'],
  account: ['account_id', 'account'],
  method: ['method'],
  transactionId: ['transaction_id', 'id'],
} as const;

export function parseStatementCsv(text: string, options: StatementParseOptions = {}): { rows: ParsedStatementRow[]; headerErrors: FieldError[] } {
  // Line endings as \n only: csv-parse counts a CRLF inside a quoted field as two lines.
  const parsed = parse(text.replace(/\r\n?/g, '\n'), {
    delimiter: detectDelimiter(firstLine(text)),
    columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true, relax_column_count: true, info: true,
  }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
  const records = parsed.map((entry) => entry.record);
  const header = records.length > 0 ? Object.keys(records[0] ?? {}) : [];
  const pick = (names: readonly string[]) => names.find((name) => header.includes(name));
  const missing = (['date', 'amount', 'currency'] as const).filter((column) => pick(STATEMENT_COLUMNS[column]) === undefined);
  if (records.length > 0 && missing.length > 0) {
    return { rows: [], headerErrors: missing.map((column) => ({ field: column, message: `column missing (one of: ${STATEMENT_COLUMNS[column].join(', ')})` })) };
  }
  const columns = Object.fromEntries(Object.entries(STATEMENT_COLUMNS).map(([key, names]) => [key, pick(names)])) as Record<keyof typeof STATEMENT_COLUMNS, string | undefined>;
  const separators = options.decimalSeparator === ',' ? { decimalSeparator: ',', thousandsSeparator: '.' } as const : { decimalSeparator: '.', thousandsSeparator: ',' } as const;
  return { rows: parsed.map((entry) => parseRow(entry.record, firstLineOf(entry), columns, separators)), headerErrors: [] };
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

/** YYYY-MM-DD as it is; DD.MM.YYYY (German, Russian bank exports) as YYYY-MM-DD; anything else null. */
export function statementDate(text: string): string | null {
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const iso = dotted ? `${dotted[3]}-${(dotted[2] ?? '').padStart(2, '0')}-${(dotted[1] ?? '').padStart(2, '0')}` : text;
  return isPlainDateText(iso) ? iso : null;
}

function parseRow(record: Record<string, string>, line: number, columns: Record<keyof typeof STATEMENT_COLUMNS, string | undefined>, separators: DecimalParseOptions): ParsedStatementRow {
  const cell = (key: keyof typeof STATEMENT_COLUMNS): string => (columns[key] ? (record[columns[key]] ?? '').trim() : '');
  const errors: FieldError[] = [];
  const receivedDate = statementDate(cell('date')) ?? '';
  if (receivedDate === '') errors.push({ field: 'date', message: `expected YYYY-MM-DD or DD.MM.YYYY, got ${JSON.stringify(cell('date'))}` });
  const currency = cell('currency').toUpperCase();
  let amountMinor = 0n;
  if (!isCurrencyCode(currency)) errors.push({ field: 'currency', message: `unknown currency ${JSON.stringify(cell('currency'))}` });
  else {
    try {
      amountMinor = parseDecimalToMinor(cell('amount'), currency, separators);
    } catch (error) {
      if (!(error instanceof MoneyError)) throw error;
      errors.push({ field: 'amount', message: amountMessage(error, cell('amount'), separators) });
    }
  }
  const methodText = cell('method').toLowerCase() || 'bank_transfer';
  const method = (PAYMENT_METHODS as readonly string[]).includes(methodText) ? (methodText as PaymentMethod) : null;
  if (method === null) errors.push({ field: 'method', message: `one of ${PAYMENT_METHODS.join(', ')}` });
  const reference = cell('reference').slice(0, 200) || null;
  if (errors.length > 0 || method === null) return { line, value: null, errors };
  const value: StatementLine = { line, receivedDate, amountMinor, currency, reference, accountId: cell('account') || null, method, transactionId: cell('transactionId') || null };
  // Read as it stands (shown with its reason), but not a payment to record.
  if (amountMinor <= 0n) return { line, value, errors: [], skipped: amountMinor === 0n ? 'zero_amount' : 'outgoing_amount' };
  return { line, value, errors };
}

/** The money parser's message, and which separator to choose when the text reads as the other one. */
function amountMessage(error: MoneyError, text: string, separators: DecimalParseOptions): string {
  const other: DecimalParseOptions = separators.decimalSeparator === ',' ? { decimalSeparator: '.', thousandsSeparator: ',' } : { decimalSeparator: ',', thousandsSeparator: '.' };
  let readsAsOther = false;
  try {
    parseDecimalToMinor(text, 'EUR', other);
    readsAsOther = error.code === 'invalid_amount' || error.code === 'too_many_decimals';
  } catch {
    readsAsOther = false;
  }
  return readsAsOther ? `${error.message} (with "${other.decimalSeparator}" as the decimal separator it would be one: choose that separator for this file)` : error.message;
}
