import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syncDataDir } from './sync-data-dir.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-sync-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('syncDataDir', () => {
  it('flushes every file at every depth, empty ones included', () => {
    fs.mkdirSync(path.join(dir, 'base', '5'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'pg_wal', 'archive_status'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'PG_VERSION'), '17\n');
    fs.writeFileSync(path.join(dir, 'base', '5', '1259'), Buffer.alloc(8192));
    fs.writeFileSync(path.join(dir, 'base', '5', '1259_fsm'), '');
    fs.writeFileSync(path.join(dir, 'pg_wal', '000000010000000000000001'), Buffer.alloc(1024));
    expect(syncDataDir(dir)).toBe(4);
  });
});
