import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileImportMapping } from '../prepare-import.ts';
import { loadMappingFile, parseMapping } from './load-mapping.ts';
import type { MappingInput } from './schema.ts';

const base: MappingInput = {
  name: 'm', description: 'test', sourceSystem: 'src',
  files: [{ match: 'a.csv', records: [{ entity: 'account', externalId: 'id', fields: { name: 'n', currency: { value: 'EUR' } } }] }],
};
const withFields = (fields: Record<string, unknown>) => ({ ...base, files: [{ match: 'a.csv', records: [{ entity: 'account', externalId: 'id', fields }] }] });
const problem = (json: unknown) => {
  try {
    compileImportMapping(parseMapping(json));
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
};

describe('mapping validation', () => {
  it('accepts a good mapping', () => {
    expect(problem(base)).toBe('no error');
  });

  it('names the mapping field of each problem', () => {
    expect(problem(withFields({ name: 'n', currency: 'c', nmae: 'x' }))).toMatch(/^mapping field files\[0\]\.records\[0\]\.fields\.nmae: not a field of account \(fields: name, domain/);
    expect(problem(withFields({ currency: 'c' }))).toBe('mapping field files[0].records[0].fields: account needs name, currency; name is not mapped');
    expect(problem(withFields({ name: { colum: 'n' }, currency: 'c' }))).toMatch(/^mapping field files\[0\]\.records\[0\]\.fields\.name/);
    expect(problem(withFields({ name: 'n', currency: 'c', customerSinceDate: { column: 'd', format: 'DD.MM' } }))).toBe('mapping field files[0].records[0].fields.customerSinceDate.format: a date format needs YYYY, MM (or M) and DD (or D), e.g. DD.MM.YYYY');
    expect(problem({ ...base, sourceSystem: 'Bad System' })).toMatch(/^mapping field sourceSystem: /);
    expect(problem({ ...base, files: [{ match: 'a.csv', records: [{ entity: 'widget', externalId: 'id', fields: {} }] }] })).toMatch(/^mapping field files\[0\]\.records\[0\]\.entity: /);
    expect(problem({ ...base, defaults: { delimiter: ':' } })).toMatch(/^mapping field defaults\.delimiter: /);
    // A day that does not exist is refused with the mapping, not thrown on the first row.
    expect(problem(withFields({ name: 'n', currency: 'c', customerSinceDate: { column: 'm', transform: 'monthsBefore', referenceDate: '2026-02-30' } }))).toBe(
      'mapping field files[0].records[0].fields.customerSinceDate.referenceDate: expected a calendar date as YYYY-MM-DD',
    );
  });

  it('names the key and the reason inside a field given as an object, not just "Invalid input"', () => {
    expect(problem(withFields({ name: { column: 'n', otherwise: 'drop' }, currency: 'c' }))).toBe(
      'mapping field files[0].records[0].fields.name.otherwise: expected one of: keep, null, reject',
    );
    expect(problem(withFields({ name: { colum: 'n' }, currency: 'c' }))).toBe(
      'mapping field files[0].records[0].fields.name: unknown field "colum" (allowed: column, columns, separator, template, value, values, otherwise, match, onlyIf, ifPresent, default, format, currency, currencyColumn, transform, referenceDate, offset, type, onInvalid, optional, through, fallback) (and 1 more problem(s))',
    );
    expect(problem(withFields({ name: 'n', currency: 'c', 'customFields.x': { column: 'x', type: 'datum' } }))).toMatch(
      /^mapping field files\[0\]\.records\[0\]\.fields\.customFields\.x\.type: expected one of: text, /,
    );
    expect(problem(withFields({ name: 5, currency: 'c' }))).toBe('mapping field files[0].records[0].fields.name: expected text or an object, got a number');
  });

  it('names the settings key a problem is in, in defaults or in the file entry', () => {
    const separators = { decimalSeparator: ',', thousandsSeparator: ',' } as const;
    expect(problem({ ...base, defaults: separators })).toBe('mapping field defaults.thousandsSeparator: must differ from decimalSeparator');
    expect(problem({ ...base, files: [{ ...base.files[0]!, ...separators }] })).toBe('mapping field files[0].thousandsSeparator: must differ from decimalSeparator');
  });

  it('needs a currency for amounts', () => {
    const mapping = { ...base, files: [{ match: 'o.csv', records: [{ entity: 'opportunity', externalId: 'id', fields: { accountId: 'a', name: 'n', amount: 'v', closeDate: 'd' } }] }] };
    expect(problem(mapping)).toBe('mapping field files[0].records[0].fields.amount: an amount needs a currency: set currency, currencyColumn or defaults.currency');
  });

  it('names an unreadable or malformed mapping file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-mapping-'));
    fs.writeFileSync(path.join(dir, 'bad.json'), '{ "name": ');
    await expect(loadMappingFile(path.join(dir, 'bad.json'))).rejects.toThrow(/bad\.json is not valid JSON/);
    await expect(loadMappingFile(path.join(dir, 'missing.json'))).rejects.toThrow(/cannot read the mapping file .*missing\.json: ENOENT/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
