import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoDataDir, runDemo } from './demo.ts';

const sink = () => {
  const chunks: string[] = [];
  return { write: (text: string) => chunks.push(text), text: () => chunks.join('') };
};

describe('revline demo (CLI guards)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('defaults to ./.revline-demo, never the real ./.revline, unless told', () => {
    expect(demoDataDir({}, {})).toBe(path.resolve('.revline-demo'));
    expect(demoDataDir({}, { REVLINE_DATA_DIR: 'x/y' })).toBe(path.resolve('x/y'));
    expect(demoDataDir({ dataDir: '/tmp/elsewhere' }, { REVLINE_DATA_DIR: 'x/y' })).toBe('/tmp/elsewhere');
  });

  it('refuses a directory that holds something other than a Revline database, and leaves it alone', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-demo-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'thesis.tex'), 'precious');
    const out = sink();
    const err = sink();
    // The embedded database is what is guarded here: without DATABASE_URL even in the PostgreSQL test pass.
    const { DATABASE_URL: _postgres, ...embeddedEnv } = process.env;
    const code = await runDemo({ seed: 1, customers: 1, months: 1, dataDir: dir, serve: false, reset: true }, out, err, embeddedEnv);
    expect(code).toBe(2);
    expect(err.text()).toMatch(/is not empty and is not a Revline database/);
    expect(fs.readFileSync(path.join(dir, 'thesis.tex'), 'utf8')).toBe('precious');
  });
});
