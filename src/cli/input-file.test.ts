import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.ts';
import { checkInputFile, InputFileError, namingFile, readInputFile } from './input-file.ts';
import { exitCodeOf } from './option-names.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-input-file-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const full = path.join(dir, name);
  fs.writeFileSync(full, text);
  return full;
};
const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('accepted');
};

describe('a file named on the command line', () => {
  it('is read whole when it holds something', () => {
    expect(readInputFile(file('rates.csv', 'Date,USD\n2026-01-02,1.1\n'), 'rates')).toBe('Date,USD\n2026-01-02,1.1\n');
  });

  it('that is missing, a directory, under a file or empty is refused naming the path and what it should hold, exit 1', () => {
    const empty = file('empty.csv', '');
    const blank = file('blank.csv', '\uFEFF\n  \n');
    const cases: Array<[string, string]> = [
      [path.join(dir, 'nope.csv'), `cannot read ${path.join(dir, 'nope.csv')}: no such file`],
      [dir, `${dir} is a directory, not a file (expected a statement CSV)`],
      [path.join(empty, 'x.csv'), `cannot read ${path.join(empty, 'x.csv')}: a part of the path is not a directory`],
      [empty, `${empty} is empty (expected a statement CSV)`],
      [blank, `${blank} is empty (expected a statement CSV)`],
    ];
    for (const [given, message] of cases) {
      const error = refusal(() => readInputFile(given, 'a statement CSV'));
      expect(error).toBeInstanceOf(InputFileError);
      expect({ given, message: (error as Error).message }).toEqual({ given, message });
      expect(exitCodeOf(error)).toBe(1);
    }
    // The check before the database opens needs no read: a zero-byte file is refused, blank lines pass to the read.
    expect((refusal(() => checkInputFile(empty, 'a statement CSV')) as Error).message).toBe(`${empty} is empty (expected a statement CSV)`);
    expect(checkInputFile(blank, 'a statement CSV')).toBeUndefined();
  });

  it('names the path where an importer named the API field body.csv, once', async () => {
    const header = 'the CSV header lacks month: expected month,amount,currency';
    const error = await namingFile('/data/targets.csv', Promise.reject(new AppError('validation_failed', header, { fieldErrors: [{ field: 'body.csv', message: header }] })))
      .then(() => null, (e: unknown) => e as AppError);
    expect(error?.detail).toBe(`/data/targets.csv: ${header}`);
    expect(error?.fieldErrors).toEqual([{ field: '/data/targets.csv', message: header }]);
    expect(exitCodeOf(error)).toBe(1);
    const other = new AppError('validation_failed', '--base: not a currency', { fieldErrors: [{ field: '--base', message: 'not a currency' }] });
    await expect(namingFile('/data/targets.csv', Promise.reject(other))).rejects.toBe(other);
  });
});
