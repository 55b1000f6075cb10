import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { FieldKind } from '../targets/entities.ts';
import { compileMapping } from './compile-mapping.ts';
import type { CompiledField } from './convert-value.ts';
import { convertField } from './convert-value.ts';
import { parseMapping } from './load-mapping.ts';
import { parseDateText } from './parse-date.ts';
import type { FieldSpec, ParseSettings } from './schema.ts';
import type { TargetAdapter } from '../targets/adapter.ts';

/** One field of a one-field test entity of the given kind, compiled as a mapping would be. */
function field(kind: FieldKind, spec: FieldSpec | string, settings: ParseSettings = {}) {
  const adapter: TargetAdapter = {
    entity: 'account', fields: { value: kind }, required: [], customFields: true,
    create: async () => ({ id: '', merged: false }), update: async () => 'unchanged',
  };
  const mapping = parseMapping({ name: 't', description: 't', sourceSystem: 't', defaults: settings, files: [{ match: '*', records: [{ entity: 'account', externalId: 'id', fields: { value: spec } }] }] });
  const file = compileMapping(mapping, new Map([['account', adapter]])).files[0]!;
  const compiled = file.records[0]!.fields[0] as CompiledField;
  return (row: Record<string, string>) => convertField(compiled, row, file.settings, { fileName: 'f.csv', line: 7 });
}
const ok = (value: unknown) => ({ ok: true, value });

describe('field conversion', () => {
  it('turns placeholders into empty values, as configured', () => {
    const text = field('text', 'c', { placeholders: ['', 'N/A', '-', 'Select'] });
    expect(['', '  ', 'N/A', 'n/a', '-', 'select', 'x'].map((c) => text({ c }))).toEqual([ok(null), ok(null), ok(null), ok(null), ok(null), ok(null), ok('x')]);
  });

  it('parses money exactly in minor units, with the decimal separator it is told', () => {
    const euro = field('money', { column: 'c', currency: 'EUR' }, { decimalSeparator: ',', thousandsSeparator: '.' });
    expect(euro({ c: '1.234,56' })).toEqual(ok({ amountMinor: 123456n, currency: 'EUR' }));
    expect(euro({ c: '0,1' })).toEqual(ok({ amountMinor: 10n, currency: 'EUR' }));
    expect(euro({ c: '1,234' })).toMatchObject({ ok: false, reason: expect.stringContaining('more than 2 decimals') });
    const byColumn = field('money', { column: 'c', currencyColumn: 'cur' });
    expect(byColumn({ c: '29.00', cur: 'usd' })).toEqual(ok({ amountMinor: 2900n, currency: 'USD' }));
    expect(byColumn({ c: '5', cur: 'JPY' })).toEqual(ok({ amountMinor: 5n, currency: 'JPY' }));
  });

  it('takes the no-break spaces and typographic apostrophe spreadsheets group digits with as the separator they stand for', () => {
    // Excel in French or Swiss locales writes 1 234,56 with U+202F or U+00A0, and 1’234.56 with U+2019.
    const french = field('money', { column: 'c', currency: 'EUR' }, { decimalSeparator: ',', thousandsSeparator: ' ' });
    for (const c of ['1 234,56', '1\u00a0234,56', '1\u202f234,56']) expect(french({ c }), JSON.stringify(c)).toEqual(ok({ amountMinor: 123456n, currency: 'EUR' }));
    const swiss = field('money', { column: 'c', currency: 'CHF' }, { thousandsSeparator: "'" });
    expect(swiss({ c: '1\u2019234.50' })).toEqual(ok({ amountMinor: 123450n, currency: 'CHF' }));
    expect(field('decimal', 'c', { decimalSeparator: ',', thousandsSeparator: ' ' })({ c: '12\u202f345,5' })).toEqual(ok('12345.5'));
    expect(field('integer', 'c', { thousandsSeparator: ' ' })({ c: '12\u00a0345' })).toEqual(ok(12345));
  });

  it('reads dates in the given format and Salesforce datetimes as UTC instants', () => {
    expect(field('date', { column: 'c', format: 'DD.MM.YYYY' })({ c: '31.01.2024' })).toEqual(ok('2024-01-31'));
    expect(field('date', { column: 'c', format: 'MM/DD/YYYY' })({ c: '01/31/2024' })).toEqual(ok('2024-01-31'));
    expect(field('date', { column: 'c', format: 'M/D/YYYY' })({ c: '1/5/2024' })).toEqual(ok('2024-01-05'));
    expect(field('date', { column: 'c', format: 'DD.MM.YYYY' })({ c: '31.02.2024' })).toMatchObject({ ok: false });
    expect(field('instant', 'c')({ c: '2024-01-22T16:14:25.000+0000' })).toEqual(ok('2024-01-22T16:14:25.000Z'));
    expect(field('instant', 'c')({ c: '2024-01-22T18:14:25+02:00' })).toEqual(ok('2024-01-22T16:14:25.000Z'));
    expect(field('instant', 'c')({ c: '2023-07-28 03:00:00' })).toEqual(ok('2023-07-28T03:00:00.000Z'));
    expect(field('date', 'c')({ c: '2024-01-22T16:14:25.000+0000' })).toEqual(ok('2024-01-22'));
  });

  it('reads yes/no values, whole numbers ("3.0" too), percentages as basis points', () => {
    const flag = field('boolean', 'c');
    expect(['Yes', 'no', '1', '0', 'TRUE', 'False'].map((c) => flag({ c }).ok && flag({ c }))).toEqual([ok(true), ok(false), ok(true), ok(false), ok(true), ok(false)]);
    expect(flag({ c: 'maybe' })).toMatchObject({ ok: false });
    expect(field('integer', 'c')({ c: '4.0' })).toEqual(ok(4));
    expect(field('integer', 'c')({ c: '4.5' })).toMatchObject({ ok: false });
    expect(field('bps', 'c')({ c: '12.5' })).toEqual(ok(1250));
    expect(field('bps', 'c')({ c: '100' })).toEqual(ok(10000));
  });

  it('maps values exactly, then case-insensitively; otherwise keeps, empties or rejects', () => {
    const keep = field('text', { column: 'c', values: { Won: 'closed_won' } });
    expect([keep({ c: 'Won' }), keep({ c: 'WON' }), keep({ c: 'Open' })]).toEqual([ok('closed_won'), ok('closed_won'), ok('Open')]);
    expect(field('text', { column: 'c', values: { a: 'x' }, otherwise: 'null' })({ c: 'b' })).toEqual(ok(null));
    expect(field('text', { column: 'c', values: { a: 'x' }, otherwise: 'reject' })({ c: 'b' })).toMatchObject({ ok: false });
  });

  it('builds values from templates, fallbacks, conditions, presence and offsets', () => {
    expect(field('text', { template: 'Lead {n} at {#file}:{#line}' })({ n: '42' })).toEqual(ok('Lead 42 at f.csv:7'));
    const amount = field('money', { column: 'v', currency: 'USD', fallback: { column: 'p', values: { GTX: '550' } } });
    expect([amount({ v: '10', p: 'GTX' }), amount({ v: '', p: 'GTX' })]).toEqual([ok({ amountMinor: 1000n, currency: 'USD' }), ok({ amountMinor: 55000n, currency: 'USD' })]);
    const closedAt = field('instant', { column: 'd', onlyIf: { column: 's', equals: ['Won', 'Lost'] } });
    expect([closedAt({ d: '2024-01-01', s: 'Won' }), closedAt({ d: '2024-01-01', s: 'Open' })]).toEqual([ok('2024-01-01T00:00:00.000Z'), ok(null)]);
    expect(field('text', { column: 'closed', ifPresent: 'closed', default: 'open' })({ closed: '' })).toEqual(ok('open'));
    expect(field('instant', { column: 'at', offset: { column: 'm', unit: 'minutes' } })({ at: '2024-01-01', m: '90' })).toEqual(ok('2024-01-01T01:30:00.000Z'));
  });

  it('applies the named transforms, and empties an invalid value when told to', () => {
    expect(field('text', { column: 'c', transform: 'country' })({ c: 'Germany' })).toEqual(ok('DE'));
    expect(field('text', { column: 'c', transform: 'country' })({ c: 'UK' })).toEqual(ok('GB'));
    // Exports from European systems name countries in their own language.
    for (const [name, code] of [['Deutschland', 'DE'], ['Österreich', 'AT'], ['Schweiz', 'CH'], ['Frankreich', 'FR'], ['Vereinigte Staaten', 'US'],
      ['Allemagne', 'DE'], ['Espagne', 'ES'], ['Alemania', 'DE'], ['Estados Unidos', 'US'], ['Germania', 'DE'], ['Duitsland', 'DE'], ['Países Baixos', 'NL']] as const) {
      expect(field('text', { column: 'c', transform: 'country' })({ c: name }), name).toEqual(ok(code));
    }
    expect(field('text', { column: 'c', transform: 'country', onInvalid: 'null' })({ c: 'Asia/Pacific Region' })).toEqual(ok(null));
    expect(field('text', { column: 'c', transform: 'employeeBand' })({ c: '1,185' })).toEqual(ok('1001-5000'));
    expect(field('date', { column: 'c', transform: 'monthsBefore', referenceDate: '2018-01-01' })({ c: '13' })).toEqual(ok('2016-12-01'));
    expect(field('text', { column: 'c', transform: 'firstListItem' })({ c: '123;456' })).toEqual(ok('123'));
  });
});

describe('parseDateText agrees with Temporal on calendar days', () => {
  it('accepts exactly the days Temporal.PlainDate accepts, in every format', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (year, month, day) => {
      let expected: string | null;
      try {
        expected = Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' }).toString();
      } catch {
        expected = null;
      }
      const p = (n: number, w: number) => String(n).padStart(w, '0');
      expect(parseDateText(`${p(day, 2)}.${p(month, 2)}.${p(year, 4)}`, 'DD.MM.YYYY')).toBe(expected);
      expect(parseDateText(`${p(year, 4)}-${p(month, 2)}-${p(day, 2)}`, 'ISO')).toBe(expected);
    }), { numRuns: 3000 });
  });
});
