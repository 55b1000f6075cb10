import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConfiguredDatabase } from '../shared/db/open-configured-database.ts';
import { isWriteUnfinished, markWriteUnfinished } from '../shared/db/unfinished-write.ts';
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

  it('--bulk writes the book into the data directory, says it skipped the flows, and a second run serves it', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'revline-demo-')), 'data');
    dirs.push(path.dirname(dir));
    const { DATABASE_URL: _postgres, ...embeddedEnv } = process.env;
    const out = sink();
    const err = sink();
    const code = await runDemo({ seed: 1, customers: 40, months: 12, dataDir: dir, serve: false, bulk: true }, out, err, embeddedEnv);
    expect(code, err.text()).toBe(0);
    expect(out.text()).toMatch(/40 accounts, 40 subscriptions, \d+ subscription item versions/);
    expect(out.text()).toMatch(/not through the flows/);
    const again = sink();
    const againErr = sink();
    expect(await runDemo({ seed: 1, customers: 40, months: 12, dataDir: dir, serve: false, bulk: true }, again, againErr, embeddedEnv)).toBe(0);
    expect(againErr.text()).toMatch(/already holds the demo company/);
  }, 180_000);

  it('writes a generation cut off mid-way (its marker still there) again, and nothing else serves such a directory', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'revline-demo-')), 'data');
    dirs.push(path.dirname(dir));
    fs.mkdirSync(dir);
    markWriteUnfinished(dir);
    fs.writeFileSync(path.join(dir, 'PG_VERSION'), '17\n');
    await expect(openConfiguredDatabase({ databaseUrl: undefined, dataDir: dir })).rejects.toThrow(/cut off while the demo was being written.*revline demo --data-dir/);

    const { DATABASE_URL: _postgres, ...embeddedEnv } = process.env;
    const out = sink();
    const err = sink();
    const code = await runDemo({ seed: 1, customers: 2, months: 2, dataDir: dir, serve: false }, out, err, embeddedEnv);
    expect(code, err.text()).toBe(0);
    expect(err.text()).toMatch(/generation was cut off; writing it again/);
    expect(isWriteUnfinished(dir)).toBe(false);
    const database = await openConfiguredDatabase({ databaseUrl: undefined, dataDir: dir });
    try {
      const users = await database.db.selectFrom('users').select('email').execute();
      expect(users.length).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  }, 180_000);
});
