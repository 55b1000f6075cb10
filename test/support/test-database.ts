import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/shared/db/open-database.ts';
import { adminUrl, databaseUrlFor, dropDatabaseWhenIdle } from './postgres-admin.ts';

let counter = 0;
// Test files share a worker (isolate: false), so the template image is read from disk once per worker.
let templateImage: { path: string; blob: Blob } | undefined;

/**
 * A fresh, migrated database for one test file: a PGlite copy of the run's
 * template, or (DATABASE_URL set) a new PostgreSQL database cloned from the
 * template database and dropped on close.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const templateDb = inject('postgresTemplateDb');
  const url = process.env['DATABASE_URL'];
  if (templateDb && url) {
    counter += 1;
    const name = `revline_t_${process.pid}_${Date.now()}_${counter}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`create database ${name} template ${templateDb}`);
    const handle = await openDatabase({ kind: 'postgres', url: databaseUrlFor(url, name), maxConnections: 5 });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        await dropDatabaseWhenIdle(admin, name);
        await admin.end();
      },
    };
  }
  const templatePath = inject('pgliteTemplatePath');
  if (!templatePath) throw new Error('test/global-setup.ts did not provide a database template');
  if (templateImage?.path !== templatePath) {
    templateImage = { path: templatePath, blob: new Blob([fs.readFileSync(templatePath)]) };
  }
  return openDatabase({ kind: 'pglite', dataDir: null, loadDataDir: templateImage.blob });
}
