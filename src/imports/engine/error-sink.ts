import fs from 'node:fs';
import { once } from 'node:events';

/** One line of the error report. `line` is the physical line in the source file (header = 1). */
export type RejectedRowError = { file: string; line: number; field: string; value: string; reason: string };

export type ErrorSink = {
  add(error: RejectedRowError): Promise<void>;
  close(): Promise<void>;
  /** Where the report is, once something was written to it (the CLI names it in the summary). */
  readonly location: string | null;
  readonly count: number;
};

export const ERROR_REPORT_COLUMNS = ['file', 'line', 'field', 'value', 'reason'] as const;

// A cell a spreadsheet would evaluate: OWASP's CSV-injection list of leading characters.
const FORMULA_START = /^[=+\-@\t\r]/;
// Signed numbers, decimals with either separator, phone numbers: data, never a formula.
const PLAIN_NUMBER = /^[+-]?\d[\d.,\s]*$/;

/**
 * RFC 4180 quoting: fields with a delimiter, quote or line break are quoted, quotes doubled. A
 * value the report echoes from the imported file that a spreadsheet would run as a formula
 * ("=HYPERLINK(…)" in a web-form lead) gets a leading apostrophe, so opening the report in Excel
 * shows it instead of running it (CWE-1236).
 */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The CSV error report, streamed to `path` (so a million rejected rows do not sit in memory). The
 * file is created at the first error: a clean run leaves no empty report behind.
 */
export function csvErrorSink(path: string): ErrorSink {
  let stream: fs.WriteStream | null = null;
  let count = 0;
  const write = async (line: string) => {
    if (!stream) {
      stream = fs.createWriteStream(path, { encoding: 'utf8' });
      stream.write(`${ERROR_REPORT_COLUMNS.join(',')}\n`);
    }
    if (!stream.write(line)) await once(stream, 'drain');
  };
  return {
    get location() { return stream ? path : null; },
    get count() { return count; },
    async add(error) {
      count += 1;
      await write(`${[error.file, String(error.line), error.field, error.value, error.reason].map(csvField).join(',')}\n`);
    },
    async close() {
      if (!stream) return;
      const done = once(stream, 'finish');
      stream.end();
      await done;
    },
  };
}

/** Keeps the first `limit` errors in memory (API responses, tests); counts them all. */
export function memoryErrorSink(limit = 1000): ErrorSink & { errors: RejectedRowError[] } {
  const errors: RejectedRowError[] = [];
  let count = 0;
  return {
    errors,
    location: null,
    get count() { return count; },
    async add(error) {
      count += 1;
      if (errors.length < limit) errors.push(error);
    },
    async close() {},
  };
}
