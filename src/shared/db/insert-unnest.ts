import { sql, type QueryExecutorProvider } from 'kysely';

/** A value as it travels in a text array: bigints, numbers and booleans as their SQL text, instants as ISO text. */
export type UnnestValue = string | number | bigint | boolean | Date | null;

/** One column of a bulk insert: its SQL name and type, and how a row gives its value. */
export type UnnestColumn<Row> = { name: string; type: 'text' | 'bigint' | 'integer' | 'numeric' | 'boolean' | 'date' | 'timestamptz' | 'jsonb'; value: (row: Row) => UnnestValue };

// Rows per statement: the columns travel as one array each, so the statement's text and its
// parameter count do not grow with the rows; the chunk only bounds one message's size.
const ROWS_PER_INSERT = 2_000;

/**
 * Inserts rows with one `insert … select … from unnest($1::text[], $2::text[], …)` per chunk, the
 * way the audit log appends its entries (shared/audit.ts): a multi-row VALUES list binds one parameter
 * per cell (thousands per statement, each built, sent and parsed on its own), this binds one per
 * column. Every column travels as text and is cast on the server, so PGlite and node-postgres
 * serialize the same plain string arrays. Column names and types come from code, never from input.
 */
export async function insertRowsUnnest<Row>(db: QueryExecutorProvider, table: string, columns: ReadonlyArray<UnnestColumn<Row>>, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const names = sql.join(columns.map((column) => sql.ref(column.name)));
  const casts = sql.join(columns.map((column, index) => sql`${sql.ref(`c${index}`)}::${sql.raw(column.type)}`));
  const aliases = sql.join(columns.map((_, index) => sql.ref(`c${index}`)));
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const slice = rows.slice(start, start + ROWS_PER_INSERT);
    const arrays = sql.join(columns.map((column) => sql`${arrayLiteral(slice, column)}::text[]`));
    await sql`insert into ${sql.table(table)} (${names}) select ${casts} from unnest(${arrays}) as v (${aliases})`.execute(db);
  }
}

function arrayLiteral<Row>(rows: readonly Row[], column: UnnestColumn<Row>): string {
  return textArrayLiteral(rows, (row) => {
    const value = column.value(row);
    return value === null || typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : String(value);
  });
}

/**
 * Values as a PostgreSQL array literal, `{"a","b\\"c",NULL}`, sent as one text parameter:
 * node-postgres would build the same text from a JS array (escaping every element with two regex
 * replacements); PGlite passes a string through unchanged. Every element is quoted, so commas,
 * braces, spaces and the word NULL inside a value stay values; only backslash and quote are escaped.
 */
export function textArrayLiteral<Row>(rows: readonly Row[], value: (row: Row) => string | null): string {
  let text = '{';
  for (let i = 0; i < rows.length; i += 1) {
    const item = value(rows[i] as Row);
    if (i > 0) text += ',';
    text += item === null ? 'NULL' : `"${NEEDS_ESCAPE.test(item) ? item.replace(ESCAPED, '\\$&') : item}"`;
  }
  return `${text}}`;
}

const NEEDS_ESCAPE = /["\\]/;
const ESCAPED = /["\\]/g;
