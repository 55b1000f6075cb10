import { parse } from 'csv-parse/sync';
import { parsePlainDate } from '../shared/dates.ts';
import { AppError } from '../shared/errors.ts';
import { isCurrencyCode, MoneyError, parseDecimalToMinor } from '../shared/money.ts';
import type { RejectedCell } from './import-fx-rates.ts';

/**
 * A CSV as records keyed by lower-case header, with their file line numbers. Missing required
 * columns are a 400 naming them, and the columns the import does not know (a misspelt header is
 * both: "ammount" is unknown and amount missing); unknown columns beside complete ones are ignored.
 */
export function readCsvRecords(csv: string, required: readonly string[], optional: readonly string[] = []): Array<{ line: number; cells: Record<string, string> }> {
  const lines = parse(csv, { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as string[][];
  const [header = [], ...body] = lines;
  const names = header.map((cell) => cell.toLowerCase());
  const missing = required.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    const unknown = header.filter((cell, j) => cell !== '' && !required.includes(names[j] ?? '') && !optional.includes(names[j] ?? ''));
    const expected = `${required.join(',')}${optional.length > 0 ? `[,${optional.join(',')}]` : ''}`;
    const message = header.length === 0
      ? `the CSV has no header line: expected ${expected}`
      : `the CSV header lacks ${missing.join(', ')}${unknown.length > 0 ? ` and has unknown columns ${unknown.join(', ')}` : ''}: expected ${expected}`;
    throw new AppError('validation_failed', message, { fieldErrors: [{ field: 'body.csv', message }] });
  }
  return body.map((cells, index) => ({ line: index + 2, cells: Object.fromEntries(names.map((name, j) => [name, cells[j] ?? ''])) }));
}

/** Cell readers that record a rejection and return undefined on a bad value. */
export function cellReader(line: number, rejected: RejectedCell[]) {
  const reject = (column: string, message: string) => void rejected.push({ line, column, message });
  return {
    date(column: string, text: string): string | undefined {
      // A month (YYYY-MM) stands for its first day: monthly figures land in that month.
      const iso = /^\d{4}-\d{2}$/.test(text) ? `${text}-01` : text;
      try {
        parsePlainDate(iso);
        return iso;
      } catch {
        return reject(column, `not a date (YYYY-MM-DD or YYYY-MM): ${JSON.stringify(text)}`);
      }
    },
    currency(column: string, text: string): string | undefined {
      const code = text.toUpperCase();
      return isCurrencyCode(code) ? code : reject(column, `not an ISO 4217 currency code: ${JSON.stringify(text)}`);
    },
    amount(column: string, text: string, currency: string): bigint | undefined {
      try {
        const minor = parseDecimalToMinor(text, currency);
        return minor < 0n ? reject(column, 'must not be negative') : minor;
      } catch (error) {
        if (error instanceof MoneyError) return reject(column, error.message);
        throw error;
      }
    },
    oneOf<T extends string>(column: string, text: string, allowed: readonly T[]): T | undefined {
      const value = text.toLowerCase() as T;
      return allowed.includes(value) ? value : reject(column, `expected one of ${allowed.join(', ')}: ${JSON.stringify(text)}`);
    },
    text(column: string, value: string, maxLength: number): string | undefined {
      return value.length >= 1 && value.length <= maxLength && !value.includes('|') ? value : reject(column, `expected 1 to ${maxLength} characters without "|"`);
    },
  };
}
