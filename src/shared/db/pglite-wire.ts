import { protocol } from '@electric-sql/pglite';

/**
 * The few Postgres wire-protocol messages the PGlite dialect exchanges (protocol 3.0, text format),
 * written and read directly. PGlite's own serializer and parser, compiled with private fields that
 * are WeakMap look-ups and copying every field into a fresh buffer before decoding it, cost about
 * 8 % of the demo's CPU; this does the same in one allocation per statement and one decode per value.
 */

const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);
const FIXED_TAIL = Buffer.concat([
  Buffer.from([0x44, 0, 0, 0, 6, 0x50, 0]), // Describe portal ""
  Buffer.from([0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0]), // Execute portal "", no row limit
  SYNC,
]);

/** [Parse,] Bind, Describe portal, Execute and Sync for one statement, every parameter as text (null as NULL). */
export function statementMessages(name: string, text: string | null, values: ReadonlyArray<string | null>): Buffer {
  const nameBytes = Buffer.byteLength(name);
  const textBytes = text === null ? 0 : Buffer.byteLength(text);
  const parseLength = text === null ? 0 : 1 + 4 + nameBytes + 1 + textBytes + 1 + 2;
  let bindLength = 1 + 4 + 1 + nameBytes + 1 + 2 + 2 + 2;
  const valueBytes = new Array<number>(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    const bytes = value === null || value === undefined ? -1 : Buffer.byteLength(value);
    valueBytes[i] = bytes;
    bindLength += 4 + (bytes > 0 ? bytes : 0);
  }
  const out = Buffer.allocUnsafe(parseLength + bindLength + FIXED_TAIL.length);
  let at = 0;
  if (text !== null) {
    out[at] = 0x50; // Parse
    out.writeInt32BE(parseLength - 1, at + 1);
    at += 5;
    at += out.write(name, at, 'utf8');
    out[at++] = 0;
    at += out.write(text, at, 'utf8');
    out[at++] = 0;
    out.writeInt16BE(0, at); // no parameter types: the server infers them
    at += 2;
  }
  out[at] = 0x42; // Bind
  out.writeInt32BE(bindLength - 1, at + 1);
  at += 5;
  out[at++] = 0; // portal ""
  at += out.write(name, at, 'utf8');
  out[at++] = 0;
  out.writeInt16BE(0, at); // all parameters in text format
  out.writeInt16BE(values.length, at + 2);
  at += 4;
  for (let i = 0; i < values.length; i += 1) {
    const bytes = valueBytes[i] as number;
    out.writeInt32BE(bytes, at);
    at += 4;
    if (bytes > 0) at += out.write(values[i] as string, at, 'utf8');
  }
  out.writeInt16BE(0, at); // all results in text format
  at += 2;
  FIXED_TAIL.copy(out, at);
  return out;
}

/** A simple Query message followed by Sync. */
export function simpleQueryMessages(text: string): Buffer {
  const textBytes = Buffer.byteLength(text);
  const out = Buffer.allocUnsafe(1 + 4 + textBytes + 1 + SYNC.length);
  out[0] = 0x51; // Query
  out.writeInt32BE(4 + textBytes + 1, 1);
  out.write(text, 5, 'utf8');
  out[5 + textBytes] = 0;
  SYNC.copy(out, 6 + textBytes);
  return out;
}

export type Column = { name: string; typeId: number };

/** What one round trip answered: the last row description, the rows as text, the last command tag, the first error. */
export type Answer = {
  columns: Column[];
  rows: Array<Array<string | null>>;
  commandTag: string | undefined;
  error: InstanceType<typeof protocol.messages.DatabaseError> | undefined;
};

/**
 * Reads the backend's messages. Messages the dialect has no use for (ParseComplete, BindComplete,
 * NoData, ReadyForQuery, parameter status, notices, notifications) are skipped.
 */
export function readAnswer(data: Buffer): Answer {
  const answer: Answer = { columns: [], rows: [], commandTag: undefined, error: undefined };
  let at = 0;
  while (at + 5 <= data.length) {
    const type = data[at] as number;
    const length = data.readInt32BE(at + 1);
    const start = at + 5;
    const end = at + 1 + length;
    if (length < 4 || end > data.length) throw new Error(`PGlite answered a truncated message (type ${String.fromCharCode(type)})`);
    if (type === 0x44) answer.rows.push(dataRow(data, start));
    else if (type === 0x54) answer.columns = rowDescription(data, start);
    else if (type === 0x43) answer.commandTag = data.toString('utf8', start, end - 1);
    else if (type === 0x45 && answer.error === undefined) answer.error = databaseError(data, start, end, length);
    at = end;
  }
  return answer;
}

function dataRow(data: Buffer, start: number): Array<string | null> {
  const count = data.readInt16BE(start);
  const values = new Array<string | null>(count);
  let at = start + 2;
  for (let i = 0; i < count; i += 1) {
    const length = data.readInt32BE(at);
    at += 4;
    if (length < 0) {
      values[i] = null;
    } else {
      values[i] = data.toString('utf8', at, at + length);
      at += length;
    }
  }
  return values;
}

function rowDescription(data: Buffer, start: number): Column[] {
  const count = data.readInt16BE(start);
  const columns = new Array<Column>(count);
  let at = start + 2;
  for (let i = 0; i < count; i += 1) {
    const nameEnd = data.indexOf(0, at);
    const name = data.toString('utf8', at, nameEnd);
    at = nameEnd + 1;
    // table oid (4), column attribute (2), type oid (4), type size (2), type modifier (4), format (2)
    columns[i] = { name, typeId: data.readInt32BE(at + 6) };
    at += 18;
  }
  return columns;
}

const ERROR_FIELDS: Record<string, string> = {
  S: 'severity', C: 'code', D: 'detail', H: 'hint', P: 'position', p: 'internalPosition', q: 'internalQuery',
  W: 'where', s: 'schema', t: 'table', c: 'column', d: 'dataType', n: 'constraint', F: 'file', L: 'line', R: 'routine',
};

/** An ErrorResponse as the same DatabaseError PGlite (and node-postgres) raise, with the same fields. */
function databaseError(data: Buffer, start: number, end: number, length: number): InstanceType<typeof protocol.messages.DatabaseError> {
  const fields: Record<string, string> = {};
  let message = '';
  let at = start;
  while (at < end && data[at] !== 0) {
    const code = String.fromCharCode(data[at] as number);
    const valueEnd = data.indexOf(0, at + 1);
    const value = data.toString('utf8', at + 1, valueEnd);
    if (code === 'M') message = value;
    else if (ERROR_FIELDS[code]) fields[ERROR_FIELDS[code]] = value;
    at = valueEnd + 1;
  }
  const error = new protocol.messages.DatabaseError(message, length, 'error');
  Object.assign(error, fields);
  return error;
}
