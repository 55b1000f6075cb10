import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/shared/db/open-database.ts';
import { migrateToLatest } from '../src/shared/db/migrate.ts';
import { dumpTemplateImage, TEMPLATE_INITDB_ARGS } from './support/pglite-template.ts';
import { adminUrl, databaseUrlFor } from './support/postgres-admin.ts';
import pg from 'pg';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string | null;
    postgresTemplateDb: string | null;
  }
}

/**
 * Migrates one template database per run; every test file then starts from a
 * copy of it (PGlite: a data-dir image slimmed for a fast boot, test/support/pglite-template.ts;
 * PostgreSQL: CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env['DATABASE_URL'];
  if (url) {
    const name = `revline_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const handle = await openDatabase({ kind: 'postgres', url: databaseUrlFor(url, name), maxConnections: 2 });
    await migrateToLatest(handle.db);
    await handle.close();
    project.provide('postgresTemplateDb', name);
    project.provide('pgliteTemplatePath', null);
    return async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const handle = await openDatabase({ kind: 'pglite', dataDir: null, initDbArgs: TEMPLATE_INITDB_ARGS });
  await migrateToLatest(handle.db);
  if (!handle.pglite) throw new Error('openDatabase did not expose the PGlite client');
  const file = path.join(os.tmpdir(), `revline-template-${process.pid}-${Date.now()}.tar`);
  fs.writeFileSync(file, await dumpTemplateImage(handle.pglite));
  await handle.close();
  project.provide('pgliteTemplatePath', file);
  project.provide('postgresTemplateDb', null);
  return async () => fs.rmSync(file, { force: true });
}
