import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = path.resolve(import.meta.dirname, '../../bin/revline.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-cli-bad-input-'));
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-cli-files-'));
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(files, { recursive: true, force: true });
});

/** Runs the real CLI on a real embedded database directory (never PostgreSQL: DATABASE_URL is removed). */
function revline(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, REVLINE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env['DATABASE_URL'];
  const result = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** One line on stderr, nothing on stdout, no stack trace. */
function expectOneLine(result: ReturnType<typeof revline>, code: number, line: string): void {
  expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({ code, stdout: '', stderr: `${line}\n` });
}

// Every command that reads a file or directory path: the message names the path, the run does not
// start (exit 1, as `revline import` answers an unreadable file). Child processes: slow on a busy runner.
const FILE_COMMANDS: ReadonlyArray<{ command: string[]; expected: string | null }> = [
  { command: ['import', '--source', 'stripe'], expected: null },
  { command: ['payments', 'import'], expected: 'a bank or processor statement: a CSV with a header line (date, amount, currency, reference, …)' },
  { command: ['usage', 'import'], expected: 'usage events, one JSON object per line' },
  { command: ['fx', 'import'], expected: 'ECB-style rates: a header line Date,USD,JPY,… and one line per day' },
  { command: ['metrics', 'spend', 'import'], expected: 'a CSV file with the header date,kind,category,amount,currency[,campaign_id]' },
  { command: ['metrics', 'targets', 'import'], expected: 'a CSV file with the header month,amount,currency[,breakdown,breakdown_value]' },
];

describe('bad input to the revline command', { timeout: 300_000 }, () => {
  it('names a file argument that is missing, a directory or empty, exit 1, without a stack trace', () => {
    const missing = path.join(files, 'missing.csv');
    const empty = path.join(files, 'empty.csv');
    fs.writeFileSync(empty, '');
    for (const { command, expected } of FILE_COMMANDS) {
      const said = (text: string) => `${text}${expected === null ? '' : ` (expected ${expected})`}`;
      expectOneLine(revline(...command, missing), 1, expected === null ? `error: cannot read ${missing}: ENOENT` : `error: cannot read ${missing}: no such file`);
      expectOneLine(revline(...command, files), 1, expected === null ? `error: ${files} is not a file` : `error: ${said(`${files} is a directory, not a file`)}`);
      expectOneLine(revline(...command, empty), 1, `error: ${said(`${empty} is empty`)}`);
    }
  });

  it('names the file and its missing and unknown columns when a CSV header is wrong, exit 1', () => {
    const spend = path.join(files, 'spend.csv');
    fs.writeFileSync(spend, 'when,what,amount\n2025-01-01,x,1\n');
    expectOneLine(revline('metrics', 'spend', 'import', spend), 1,
      `error: ${spend}: the CSV header lacks date, kind, category, currency and has unknown columns when, what: expected date,kind,category,amount,currency[,campaign_id]`);
  });

  it('refuses an unknown metric name and a statement of no user as usage errors, exit 2, in one line', () => {
    const unknown = revline('metrics', 'nope');
    expect(unknown.stderr).toMatch(/^error: unknown metric "nope": `revline metrics` lists the \d+ metric names\n$/);
    expect([unknown.code, unknown.stdout]).toEqual([2, '']);
    expectOneLine(revline('commissions', 'statement', '--rep', 'usr_nobody', '--period', '2026-01'), 2, 'error: --rep: there is no user usr_nobody');
  });
});
