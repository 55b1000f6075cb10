import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import type { SharedTables } from './tables.ts';
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely/migration';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/** Loads `migrations/<yyyymmddhhmm>_<verb>_<noun>.ts` in name order. */
class DirectoryMigrationProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const name of migrationNames(this.dir)) {
      migrations[name] = (await import(pathToFileURL(path.join(this.dir, `${name}.ts`)).href)) as Migration;
    }
    return migrations;
  }
}

/** The migrations in `dir`, by name (file name without `.ts`), in order. */
function migrationNames(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => /^\d{12}_[a-z0-9_]+\.ts$/.test(f)).sort().map((f) => f.replace(/\.ts$/, ''));
}

export type MigrateResult = { applied: string[] };

/** Applies every pending migration, each in its own transaction. */
export async function migrateToLatest(db: Kysely<SharedTables>, dir = MIGRATIONS_DIR): Promise<MigrateResult> {
  // Migrations are schema-agnostic: they see the database untyped.
  const migrator = new Migrator({ db: db as unknown as Kysely<unknown>, provider: new DirectoryMigrationProvider(dir) });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const newer = newerDatabase(result.error, dir);
    if (newer) throw new Error(newer, { cause: result.error });
    const failed = result.results?.find((r) => r.status === 'Error');
    const name = failed ? failed.migrationName : 'unknown';
    throw new Error(`Migration ${name} failed: ${String(result.error)}`, { cause: result.error });
  }
  return { applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/**
 * Kysely refuses a database that has run a migration this code does not have ("corrupted
 * migrations: previously executed migration … is missing"): almost always a data directory or
 * database that a newer Revline has upgraded. Said plainly, with what to do; null for other errors.
 */
function newerDatabase(error: unknown, dir: string): string | null {
  const match = /previously executed migration (\S+) is missing/.exec(error instanceof Error ? error.message : String(error));
  if (!match) return null;
  const latest = migrationNames(dir).at(-1) ?? 'none';
  return `This database was upgraded by a newer version of Revline: it has run migration ${match[1]}, which this version does not have `
    + `(its latest is ${latest}). Run the newer version, or point this one at another data directory or database; nothing was changed.`;
}
