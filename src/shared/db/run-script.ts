import { type Kysely, sql } from 'kysely';

/**
 * Runs a multi-statement SQL script one statement at a time: both drivers use
 * the extended protocol, which takes a single statement per call. Statements
 * end with `;` at the end of a line (migrations are written that way).
 */
export async function runSqlScript(db: Kysely<unknown>, script: string): Promise<void> {
  const statements = script
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
