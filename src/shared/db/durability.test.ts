import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { DurableNodeFS } from './durable-node-fs.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { openDatabase } from './open-database.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-durability-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

// The tests run child processes (tsx, PGlite) and fsync for real: slow on a busy 2-core runner.
describe('embedded database durability', { timeout: 240_000 }, () => {
  it('runs with fsync on, WAL synced by fsync, and issues a real fsync for every commit', async () => {
    const handle = await openDatabase({ kind: 'pglite', dataDir: tempDir() });
    try {
      const setting = async (name: string) => ((await sql.raw(`show ${name}`).execute(handle.db)).rows[0] as Record<string, string>)[name];
      expect(await setting('fsync')).toBe('on');
      expect(await setting('synchronous_commit')).toBe('on');
      expect(await setting('wal_sync_method')).toBe('fsync');
      await sql`create table t (n integer)`.execute(handle.db);
      const before = DurableNodeFS.fsyncCount;
      for (let i = 0; i < 5; i += 1) await sql`insert into t values (${i})`.execute(handle.db);
      expect(DurableNodeFS.fsyncCount - before).toBeGreaterThanOrEqual(5);
    } finally {
      await handle.close();
    }
  });

  it('keeps every reported commit after the process is killed with SIGKILL', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'test-fixtures/commit-loop.ts'), dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lastReported = 0;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`child made no progress: ${stderr}`)), 60_000);
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        for (const match of buffer.matchAll(/committed (\d+)\n/g)) lastReported = Math.max(lastReported, Number(match[1]));
        buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
        if (lastReported >= 300) {
          clearTimeout(timer);
          child.kill('SIGKILL'); // mid-stream: the child is between commits or inside one
          resolve();
        }
      });
    });
    expect(await exited).toBe('SIGKILL');

    const reopened = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const rows = (await sql<{ n: number }>`select n from durability_probe order by n`.execute(reopened.db)).rows;
      expect(rows.length).toBeGreaterThanOrEqual(lastReported);
      // No gaps: every commit up to the last surviving one is there (one row per transaction).
      expect(rows.map((r) => r.n)).toEqual(Array.from({ length: rows.length }, (_v, i) => i + 1));
    } finally {
      await reopened.close();
    }
  });

  it('refuses a second process on the same data directory and takes over a stale lock', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'revline.lock'), '1'); // pid 1 is alive (init)
    expect(() => lockDataDir(dataDir)).toThrow(/in use by another Revline process \(pid 1\)/);
    fs.writeFileSync(path.join(dataDir, 'revline.lock'), '999999999'); // no such process
    const unlock = lockDataDir(dataDir);
    expect(fs.readFileSync(path.join(dataDir, 'revline.lock'), 'utf8')).toBe(String(process.pid));
    unlock();
    expect(fs.existsSync(path.join(dataDir, 'revline.lock'))).toBe(false);
  });
});
