import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = path.resolve(import.meta.dirname, '../../bin/revline.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-serve-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

// Starts `revline serve` as a child process (tsx, PGlite, migrations): slow on a busy 2-core runner.
describe('revline serve', { timeout: 240_000 }, () => {
  it('starts on the embedded database, prints the URL and a working one-time set-up link, and stops on SIGTERM', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, REVLINE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete env['DATABASE_URL'];
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const banner = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner: ${output}`)), 90_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/First run: .*\n/.test(output)) {
          clearTimeout(timer);
          resolve(output);
        }
      });
    });
    const baseUrl = /Revline is running at (http:\/\/localhost:\d+)/.exec(banner)?.[1];
    const token = /\/setup\?token=([A-Za-z0-9_-]+)/.exec(banner)?.[1];
    expect(baseUrl).toBeDefined();
    expect(token).toBeDefined();

    expect(await (await fetch(`${baseUrl}/readyz`)).json()).toEqual({ status: 'ready', database: 'pglite' });
    const setup = await fetch(`${baseUrl}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, email: 'admin@example.com', displayName: 'Admin', password: 'correct horse battery' }),
    });
    expect(setup.status).toBe(201);
    expect(setup.headers.get('set-cookie')).toMatch(/revline_session=.*HttpOnly.*SameSite=Strict/i);
    const again = await fetch(`${baseUrl}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, email: 'other@example.com', displayName: 'Other', password: 'correct horse battery' }),
    });
    expect(again.status).toBe(401); // the link works once

    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
