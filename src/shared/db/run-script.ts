import { type Kysely, sql } from 'kysely';

/**
 * Runs a multi-statement SQL script one statement at a time: both drivers use
 * the extended protocol, which takes a single statement per call.
 */
export async function runSqlScript<DB>(db: Kysely<DB>, script: string): Promise<void> {
  for (const statement of splitSqlScript(script)) {
    await sql.raw(statement).execute(db);
  }
}

/**
 * Splits a script at every `;` that is code, not text: semicolons inside
 * quoted strings, quoted identifiers, comments and dollar-quoted bodies
 * (`$$ … $$`, `$fn$ … $fn$`, as in plpgsql functions) do not end a statement.
 * Statements holding only comments are dropped. Not handled: SQL-standard
 * `BEGIN ATOMIC … END` bodies — write functions with dollar quotes instead.
 */
export function splitSqlScript(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let hasCode = false;
  let i = 0;
  while (i < script.length) {
    const char = script.charAt(i);
    if (char === ';') {
      if (hasCode) statements.push(script.slice(start, i).trim());
      start = i + 1;
      hasCode = false;
      i += 1;
      continue;
    }
    const end = skipToken(script, i);
    if (!isComment(script, i) && char.trim() !== '') hasCode = true;
    i = end;
  }
  if (hasCode) statements.push(script.slice(start).trim());
  return statements;
}

// A dollar-quote tag follows identifier rules minus `$`; `$1` (a parameter) is not a tag.
const DOLLAR_TAG = /\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/y;
const IDENTIFIER_CHAR = /[A-Za-z0-9_$]/;

function isComment(text: string, i: number): boolean {
  const two = text.slice(i, i + 2);
  return two === '--' || two === '/*';
}

/** The index just past the token starting at `i`: a quoted run, a comment, or one character. */
function skipToken(text: string, i: number): number {
  const char = text.charAt(i);
  const next = text.charAt(i + 1);
  if (char === "'") return skipSingleQuoted(text, i + 1, isEscapeStringStart(text, i));
  if (char === '"') return skipPast(text, i + 1, '"');
  if (char === '-' && next === '-') return skipPast(text, i + 2, '\n');
  if (char === '/' && next === '*') return skipBlockComment(text, i + 2);
  if (char === '$' && !IDENTIFIER_CHAR.test(text.charAt(i - 1))) {
    DOLLAR_TAG.lastIndex = i;
    const tag = DOLLAR_TAG.exec(text)?.[0];
    if (tag !== undefined) return skipPast(text, i + tag.length, tag);
  }
  return i + 1;
}

function skipPast(text: string, from: number, terminator: string): number {
  const at = text.indexOf(terminator, from);
  return at === -1 ? text.length : at + terminator.length;
}

/** `E'…'` strings take backslash escapes; standard strings only double `''` (a close then a reopen). */
function isEscapeStringStart(text: string, quoteAt: number): boolean {
  const prefix = text.charAt(quoteAt - 1);
  return (prefix === 'E' || prefix === 'e') && !IDENTIFIER_CHAR.test(text.charAt(quoteAt - 2));
}

function skipSingleQuoted(text: string, from: number, backslashEscapes: boolean): number {
  let i = from;
  while (i < text.length) {
    const char = text.charAt(i);
    if (backslashEscapes && char === '\\') i += 2;
    else if (char === "'") return i + 1;
    else i += 1;
  }
  return text.length;
}

/** PostgreSQL block comments nest. */
function skipBlockComment(text: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < text.length && depth > 0) {
    const two = text.slice(i, i + 2);
    if (two === '/*') depth += 1;
    if (two === '*/') depth -= 1;
    i += two === '/*' || two === '*/' ? 2 : 1;
  }
  return i;
}
