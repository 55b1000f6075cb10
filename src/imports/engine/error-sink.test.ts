import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvErrorSink, csvField } from './error-sink.ts';

describe('the CSV error report', () => {
  it('quotes as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"\nbye')).toBe('"say ""hi""\nbye"');
  });

  it('keeps a source value that a spreadsheet would run as a formula from running (CSV injection), and leaves numbers alone', () => {
    // Rejected values come from the imported file (web-form leads, say); analysts open the report in Excel.
    expect(csvField('=HYPERLINK("http://x.example","click")')).toBe(`"'=HYPERLINK(""http://x.example"",""click"")"`);
    expect(csvField('+cmd|calc')).toBe("'+cmd|calc");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-2+3+cmd|calc')).toBe("'-2+3+cmd|calc");
    expect(csvField('\t=1')).toBe("'\t=1");
    for (const number of ['-5', '-5,00', '-1.234,56', '+49 30 123456', '-0.5']) expect(csvField(number), number).toBe(/,/.test(number) ? `"${number}"` : number);
  });

  it('writes the header and one line per problem, and no file when nothing was rejected', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-error-sink-'));
    const clean = csvErrorSink(path.join(dir, 'clean.csv'));
    await clean.close();
    expect(fs.existsSync(path.join(dir, 'clean.csv'))).toBe(false);
    const sink = csvErrorSink(path.join(dir, 'errors.csv'));
    await sink.add({ file: 'leads.csv', line: 7, field: 'Email', value: '=1+1', reason: 'lead.email: not an e-mail address' });
    await sink.close();
    expect(fs.readFileSync(path.join(dir, 'errors.csv'), 'utf8')).toBe("file,line,field,value,reason\nleads.csv,7,Email,'=1+1,lead.email: not an e-mail address\n");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
