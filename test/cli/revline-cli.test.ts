import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/shared/db/open-database.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/revline.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Runs the real CLI on a real embedded database directory (never PostgreSQL: DATABASE_URL is removed). */
function revline(...args: string[]) {
  return revlineLogging('warn', ...args);
}

function revlineLogging(logLevel: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, REVLINE_DATA_DIR: dataDir, LOG_LEVEL: logLevel };
  delete env['DATABASE_URL'];
  const result = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each test starts `revline` in child processes (tsx, a fresh PGlite): slow on a busy 2-core runner.
describe('the revline command', { timeout: 240_000 }, () => {
  it('creates a user, printing a generated password once, and the audit chain verifies', () => {
    const created = revline('user', 'create', '--email', 'Ada@Example.com', '--name', 'Ada Lovelace', '--role', 'admin');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Created admin ada@example\.com \(usr_[0-9A-Z]{26}\)\nPassword \(shown once\): \S{20,}\n$/);

    const verified = revline('audit', 'verify', '--json');
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, checked: 1 });
  });

  it('names the bad option and exits 2, writing nothing', () => {
    const bad = revline('user', 'create', '--email', 'not-an-email', '--name', 'X', '--role', 'king');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('--email');
    expect(bad.stdout).toContain('--role');
    expect(JSON.parse(revline('audit', 'verify', '--json').stdout)).toMatchObject({ ok: true, checked: 1 });
  });

  it('names a billing run\u2019s bad --concurrency and exits 2 without billing', () => {
    for (const value of ['0', '9', '2.5', 'four']) {
      const bad = revline('billing', 'run', '--date', '2026-01-31', '--concurrency', value);
      expect({ value, code: bad.code }).toEqual({ value, code: 2 });
      expect(bad.stderr).toContain("option '--concurrency <n>' argument '" + value + "' is invalid. must be a whole number from 1 to 8");
    }
  });

  it('prints its version', () => {
    const version = revline('--version');
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe((JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version);
  });

  it('refuses a duplicate e-mail with a clear message', () => {
    const duplicate = revline('user', 'create', '--email', 'ada@example.com', '--name', 'Again', '--role', 'viewer');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('already exists');
  });

  it('keeps --json answers parseable when it logs: logs go to stderr', async () => {
    // A run left 'running' by a process that is gone: the next run marks it interrupted and logs that.
    const handle = await openDatabase({ kind: 'pglite', dataDir });
    await sql`insert into billing_runs (id, run_date, issue, status, started_at) values ('brun_gone', date '2026-01-31', false, 'running', now())`.execute(handle.db);
    await handle.close();
    const run = revlineLogging('debug', 'billing', 'run', '--date', '2026-01-31', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ errors: [] });
    expect(run.stderr).toContain('marked interrupted');
    expect(run.stderr).toContain('brun_gone');
  });

  it('fails naming a bad environment variable', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, REVLINE_DATA_DIR: dataDir, PORT: 'eighty' };
    delete env['DATABASE_URL'];
    const result = spawnSync(process.execPath, [BIN, 'migrate'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT="eighty"');
  });
});
