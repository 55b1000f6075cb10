import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { EXIT, prepareImport, runImportCommand, type ImportIo, type ImportOptions } from './import.ts';

function capture(isTTY = false): PassThrough & { isTTY: boolean; text(): string } {
  const chunks: Buffer[] = [];
  const stream = Object.assign(new PassThrough(), { isTTY, text: () => Buffer.concat(chunks).toString('utf8') });
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return stream;
}

describe('revline import', () => {
  let t: TestContext;
  let dir: string;
  const file = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  const run = async (files: string[], options: ImportOptions, errTTY = false) => {
    const io = { out: capture(), err: capture(errTTY) };
    const prepared = await prepareImport(files, options, io as ImportIo);
    const code = typeof prepared === 'number' ? prepared : await runImportCommand(t.ctx, prepared, options, io as ImportIo);
    return { code, out: io.out.text(), err: io.err.text() };
  };
  beforeAll(async () => {
    t = await createTestContext();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-import-cli-'));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exits 2 on usage errors, before touching a file', async () => {
    expect(await run(['x.csv'], {})).toMatchObject({ code: EXIT.usage, err: expect.stringContaining('give exactly one of --source') });
    expect(await run(['x.csv'], { source: 'salesforce', mapping: 'm.json' })).toMatchObject({ code: EXIT.usage });
    expect(await run(['x.csv'], { source: 'pipedrive' })).toMatchObject({ code: EXIT.usage, err: expect.stringContaining('unknown --source "pipedrive"') });
  });

  it('exits 1 naming an unreadable file or the broken mapping field', async () => {
    const missing = await run([path.join(dir, 'nope.csv')], { source: 'salesforce' });
    expect(missing).toMatchObject({ code: EXIT.couldNotRun, err: expect.stringMatching(/cannot read .*nope\.csv: ENOENT/) });
    const mapping = file('bad-mapping.json', JSON.stringify({ name: 'b', description: 'd', sourceSystem: 's', files: [{ match: '*.csv', records: [{ entity: 'account', externalId: 'id', fields: { title: 'x' } }] }] }));
    const bad = await run([file('a.csv', 'id\n1\n')], { mapping });
    expect(bad).toMatchObject({ code: EXIT.couldNotRun, err: expect.stringContaining('mapping field files[0].records[0].fields.title: not a field of account') });
    const unmatched = await run([file('Widget.csv', 'Id\n1\n')], { source: 'salesforce' });
    expect(unmatched).toMatchObject({ code: EXIT.couldNotRun, err: expect.stringContaining('Widget.csv: no file entry of mapping "salesforce" matches it') });
  });

  it('imports, prints the summary, and writes rejected rows to the error report (exit 0)', async () => {
    const accounts = file('Account.csv', '\uFEFFId,Name,BillingCountry\r\n001A,Acme,Germany\r\n001B,,US\r\n');
    const errors = path.join(dir, 'errors.csv');
    const result = await run([accounts], { source: 'salesforce', errors });
    expect(result.code).toBe(EXIT.completed);
    expect(result.out).toMatch(/^Imported 1 file\(s\) from salesforce/);
    expect(result.out).toContain(`1 problem(s) in 1 rejected row(s): see ${errors}`);
    expect(fs.readFileSync(errors, 'utf8')).toBe('file,line,field,value,reason\nAccount.csv,3,Name,,account.name: is required\n');
    expect(result.err).toBe('');
  });

  it('prints the summary as JSON with --json, and draws progress only on a terminal', async () => {
    const accounts = file('Account-2.csv', 'Id,Name\n001C,Charlie\n');
    const result = await run([accounts], { source: 'salesforce', json: true, dryRun: true, errors: path.join(dir, 'e2.csv') }, true);
    expect(JSON.parse(result.out)).toMatchObject({ dryRun: true, entities: { account: { created: 1, updated: 0, unchanged: 0, merged: 0, rejected: 0 } } });
    expect(result.err).toContain('Importing');
    expect(fs.existsSync(path.join(dir, 'e2.csv'))).toBe(false);
  });
});
