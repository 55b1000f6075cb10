import { describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../shared/csv/detect-delimiter.ts';
import { readCsvRows, type CsvReadOptions } from './read-csv-rows.ts';
import type { SourceRow } from './source-row.ts';

/** The text split into small chunks, so that records and the BOM cross chunk edges as in a real stream. */
async function rows(text: string | Buffer, options: CsvReadOptions = {}, chunkSize = 7): Promise<SourceRow[]> {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  const result: SourceRow[] = [];
  for await (const row of readCsvRows(chunks(), options)) result.push(row);
  return result;
}

describe('readCsvRows', () => {
  it('strips a BOM and reads CRLF files, with the physical line of each record (header = 1)', async () => {
    expect(await rows('\uFEFFId,Name\r\n1,Acme\r\n2,Globex\r\n')).toEqual([
      { kind: 'row', line: 2, values: { Id: '1', Name: 'Acme' } },
      { kind: 'row', line: 3, values: { Id: '2', Name: 'Globex' } },
    ]);
  });

  it('detects ; and tab delimiters from the header, and takes a given one', async () => {
    expect(await rows('"age";"job"\n30;"blue-collar"\n')).toEqual([{ kind: 'row', line: 2, values: { age: '30', job: 'blue-collar' } }]);
    expect(await rows('a\tb\n1\t2\n')).toEqual([{ kind: 'row', line: 2, values: { a: '1', b: '2' } }]);
    expect(await rows('a;b\n1,5;2\n', { delimiter: ';' })).toEqual([{ kind: 'row', line: 2, values: { a: '1,5', b: '2' } }]);
    expect(detectDelimiter('"a,b";c;d')).toBe(';');
    expect(detectDelimiter('single')).toBe(',');
  });

  it('keeps quoted delimiters, quotes and newlines, and counts the lines a quoted newline takes (LF and CRLF)', async () => {
    const lf = 'id,note,n\n1,"a, ""b""\nsecond line",x\n2,plain,y\n';
    expect(await rows(lf)).toEqual([
      { kind: 'row', line: 2, values: { id: '1', note: 'a, "b"\nsecond line', n: 'x' } },
      { kind: 'row', line: 4, values: { id: '2', note: 'plain', n: 'y' } },
    ]);
    const crlf = 'id,note\r\n1,"x\r\ny"\r\n2,z\r\n';
    expect((await rows(crlf)).map((r) => r.line)).toEqual([2, 4]);
  });

  it('skips blank lines but keeps counting them', async () => {
    expect((await rows('a,b\n\n1,2\n   \n3,4')).map((r) => r.line)).toEqual([3, 5]);
  });

  it('reports a row with the wrong number of fields for its line and goes on with the next', async () => {
    const result = await rows('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n');
    expect(result.map((r) => [r.kind, r.line])).toEqual([['row', 2], ['problem', 3], ['problem', 4], ['row', 5]]);
    expect(result[1]).toMatchObject({ reason: 'expected 3 fields as in the header, found 2' });
  });

  it('keeps a stray quote inside an unquoted field as text', async () => {
    expect(await rows('a,b\n5" screen,x\n')).toEqual([{ kind: 'row', line: 2, values: { a: '5" screen', b: 'x' } }]);
  });

  it('reports a quote left open at the end of the file', async () => {
    const result = await rows('a,b\n1,2\n3,"open\n4,5\n');
    expect(result[0]).toMatchObject({ kind: 'row', line: 2 });
    expect(result[1]).toMatchObject({ kind: 'problem', line: 3 });
  });

  it('refuses a header that names a column twice', async () => {
    await expect(rows('a,b,a\n1,2,3\n')).rejects.toThrow('column "a" appears twice in the header');
  });

  it('reads latin1 when told', async () => {
    expect(await rows(Buffer.from('name\nM\xfcller\n', 'latin1'), { encoding: 'latin1' })).toEqual([{ kind: 'row', line: 2, values: { name: 'Müller' } }]);
  });
});
