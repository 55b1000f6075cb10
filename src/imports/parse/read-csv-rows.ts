import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { detectDelimiter, firstLine, type Delimiter } from '../../shared/csv/detect-delimiter.ts';
import { SourceFileError, type SourceRow, type TextEncoding } from './source-row.ts';

export type CsvReadOptions = { delimiter?: Delimiter | 'auto'; encoding?: TextEncoding };

/** Enough bytes to hold any sane header line; the delimiter is judged from it. */
const HEADER_PEEK_BYTES = 64 * 1024;

/**
 * Streams the records of a CSV file as header-keyed rows, in constant memory: BOM, CRLF/LF/CR,
 * quoted delimiters and newlines are csv-parse's job. A record with more or fewer fields than the
 * header is not thrown at (that would stop the file) but yielded as a problem for its line, so one
 * bad row never blocks the good ones. Blank lines are not records.
 */
export async function* readCsvRows(input: AsyncIterable<Buffer | string>, options: CsvReadOptions = {}): AsyncGenerator<SourceRow> {
  const encoding = options.encoding ?? 'utf8';
  const { head, rest } = await peek(input);
  const delimiter = options.delimiter && options.delimiter !== 'auto' ? options.delimiter : detectDelimiter(firstLine(decode(head, encoding)));
  const problems: SourceRow[] = [];
  const parser = Readable.from(replay(head, rest)).pipe(
    parse({
      bom: true,
      delimiter,
      encoding,
      raw: true,
      // Column counts are checked below, per row, so that a short row is reported, not fatal.
      relax_column_count: true,
      // A stray quote inside an unquoted field ("5" screen") is kept as text, as spreadsheets do.
      relax_quotes: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined, raw: string | undefined) => {
        problems.push({ kind: 'problem', line: -1, reason: error?.message ?? 'unreadable record', raw: raw ?? '' });
        return undefined;
      },
    }),
  );
  let header: string[] | null = null;
  let nextLine = 1;
  for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
    const line = nextLine;
    nextLine += 1 + innerLineBreaks(raw);
    if (record.length === 1 && record[0]?.trim() === '') continue; // blank line
    if (header === null) {
      header = checkedHeader(record);
      continue;
    }
    if (record.length !== header.length) {
      yield { kind: 'problem', line, reason: `expected ${header.length} fields as in the header, found ${record.length}`, raw };
      continue;
    }
    yield { kind: 'row', line, values: toValues(header, record) };
  }
  // csv-parse gives up on the rest of a file at an unclosed quote; what it skipped starts here.
  for (const problem of problems) yield { ...problem, line: nextLine };
}

function decode(bytes: Buffer, encoding: TextEncoding): string {
  return bytes.toString(encoding);
}

async function peek(input: AsyncIterable<Buffer | string>): Promise<{ head: Buffer; rest: AsyncIterator<Buffer | string> }> {
  const rest = input[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < HEADER_PEEK_BYTES) {
    const next = await rest.next();
    if (next.done) break;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    chunks.push(chunk);
    size += chunk.length;
    if (chunk.includes(10) || chunk.includes(13)) break;
  }
  return { head: Buffer.concat(chunks), rest };
}

async function* replay(head: Buffer, rest: AsyncIterator<Buffer | string>): AsyncGenerator<Buffer | string> {
  if (head.length > 0) yield head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** Line breaks inside the record (quoted newlines), not counting the one that ends it. */
function innerLineBreaks(raw: string): number {
  const body = raw.replace(/(\r\n|\n|\r)$/, '');
  let count = 0;
  for (let i = 0; i < body.length; i += 1) {
    const code = body.charCodeAt(i);
    if (code === 10 || (code === 13 && body.charCodeAt(i + 1) !== 10)) count += 1;
  }
  return count;
}

function checkedHeader(record: string[]): string[] {
  const names = record.map((name) => name.trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (name !== '' && seen.has(name)) throw new SourceFileError(`column "${name}" appears twice in the header`);
    seen.add(name);
  }
  return names;
}

function toValues(header: string[], record: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (let i = 0; i < header.length; i += 1) {
    const name = header[i];
    if (name) values[name] = record[i] ?? '';
  }
  return values;
}
