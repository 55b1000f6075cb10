import { describe, expect, it } from 'vitest';
import { datePatternText, dateTextPattern, formatDateText, parseDateText } from './date-text.ts';

const de = dateTextPattern('de');
const it_ = dateTextPattern('it');
const ru = dateTextPattern('ru');
const en = dateTextPattern('en');
const date = (iso: string) => ({ ok: true, date: iso });

describe('dateTextPattern and formatDateText', () => {
  it('writes a day as the language writes it in numbers, the order the app displays dates in', () => {
    expect(formatDateText('2026-01-31', de)).toBe('31.01.2026');
    expect(formatDateText('2026-01-31', it_)).toBe('31/01/2026');
    expect(formatDateText('2026-01-31', ru)).toBe('31.01.2026');
    expect(formatDateText('2026-01-31', en)).toBe('01/31/2026'); // "Jan 31, 2026" on display: month first
    expect(formatDateText('2026-01-31', dateTextPattern('en-GB'))).toBe('31/01/2026');
    expect(formatDateText('2026-01-31', dateTextPattern('en-CA'))).toBe('2026-01-31');
    expect(formatDateText('0099-12-01', de)).toBe('01.12.0099');
  });

  it('leaves empty and non-dates as they are', () => {
    expect(formatDateText('', de)).toBe('');
    expect(formatDateText('2026-1-31', de)).toBe('2026-1-31');
  });

  it('spells the pattern with the language letters', () => {
    expect(datePatternText(de, { day: 'TT', month: 'MM', year: 'JJJJ' })).toBe('TT.MM.JJJJ');
    expect(datePatternText(it_, { day: 'gg', month: 'mm', year: 'aaaa' })).toBe('gg/mm/aaaa');
    expect(datePatternText(ru, { day: 'ДД', month: 'ММ', year: 'ГГГГ' })).toBe('ДД.ММ.ГГГГ');
    expect(datePatternText(en, { day: 'DD', month: 'MM', year: 'YYYY' })).toBe('MM/DD/YYYY');
  });
});

describe('parseDateText', () => {
  it('reads the language format', () => {
    expect(parseDateText('31.01.2026', de)).toEqual(date('2026-01-31'));
    expect(parseDateText('31/01/2026', it_)).toEqual(date('2026-01-31'));
    expect(parseDateText('31.01.2026', ru)).toEqual(date('2026-01-31'));
    expect(parseDateText('01/31/2026', en)).toEqual(date('2026-01-31'));
    expect(parseDateText('29.02.2028', de)).toEqual(date('2028-02-29'));
  });

  it('is lenient about digits, separators and spaces', () => {
    expect(parseDateText('1.2.2026', de)).toEqual(date('2026-02-01'));
    expect(parseDateText(' 1. 2. 2026 ', de)).toEqual(date('2026-02-01'));
    expect(parseDateText('01.02.2026.', de)).toEqual(date('2026-02-01'));
    expect(parseDateText('1/2/2026', de)).toEqual(date('2026-02-01'));
    expect(parseDateText('1.2.2026', it_)).toEqual(date('2026-02-01'));
    expect(parseDateText('1-2-2026', ru)).toEqual(date('2026-02-01'));
    expect(parseDateText('2/1/2026', en)).toEqual(date('2026-02-01'));
  });

  it('takes an ISO date in every language', () => {
    for (const pattern of [de, it_, ru, en]) {
      expect(parseDateText('2026-02-01', pattern)).toEqual(date('2026-02-01'));
      expect(parseDateText('2026.02.01', pattern)).toEqual(date('2026-02-01'));
    }
  });

  it('wants the year in four digits (no century is guessed)', () => {
    expect(parseDateText('01.02.26', de)).toEqual({ ok: false, reason: 'year' });
    expect(parseDateText('01.02.202', de)).toEqual({ ok: false, reason: 'year' });
    expect(parseDateText('01.02.20266', de)).toEqual({ ok: false, reason: 'year' });
    expect(parseDateText('01.02.0000', de)).toEqual({ ok: false, reason: 'year' });
  });

  it('refuses impossible days and months, naming the month last day', () => {
    expect(parseDateText('31.02.2026', de)).toEqual({ ok: false, reason: 'day', lastDate: '2026-02-28' });
    expect(parseDateText('29.02.2026', it_)).toEqual({ ok: false, reason: 'day', lastDate: '2026-02-28' });
    expect(parseDateText('29.02.2100', ru)).toEqual({ ok: false, reason: 'day', lastDate: '2100-02-28' });
    expect(parseDateText('31.04.2026', de)).toEqual({ ok: false, reason: 'day', lastDate: '2026-04-30' });
    expect(parseDateText('00.01.2026', de)).toEqual({ ok: false, reason: 'day', lastDate: '2026-01-31' });
    expect(parseDateText('2026-02-30', en)).toEqual({ ok: false, reason: 'day', lastDate: '2026-02-28' });
    expect(parseDateText('01.13.2026', de)).toEqual({ ok: false, reason: 'month', month: 13 });
    // A German date in English: the 31 is read as the month.
    expect(parseDateText('31.01.2026', en)).toEqual({ ok: false, reason: 'month', month: 31 });
  });

  it('refuses what is not a date', () => {
    expect(parseDateText('31.01', de)).toEqual({ ok: false, reason: 'format' });
    expect(parseDateText('31012026', de)).toEqual({ ok: false, reason: 'format' });
    expect(parseDateText('31.Jan.2026', de)).toEqual({ ok: false, reason: 'format' });
    expect(parseDateText('031.01.2026', de)).toEqual({ ok: false, reason: 'format' });
    expect(parseDateText('2026-01-31T10:00', de)).toEqual({ ok: false, reason: 'format' });
    expect(parseDateText('-1.01.2026', de)).toEqual({ ok: false, reason: 'format' });
  });

  it('is empty for nothing or spaces', () => {
    expect(parseDateText('', de)).toEqual({ ok: false, reason: 'empty' });
    expect(parseDateText('   ', ru)).toEqual({ ok: false, reason: 'empty' });
  });

  it('keeps to the bounds, both inclusive', () => {
    const bounds = { min: '2026-01-10', max: '2026-01-20' };
    expect(parseDateText('10.01.2026', de, bounds)).toEqual(date('2026-01-10'));
    expect(parseDateText('20.01.2026', de, bounds)).toEqual(date('2026-01-20'));
    expect(parseDateText('09.01.2026', de, bounds)).toEqual({ ok: false, reason: 'min', bound: '2026-01-10' });
    expect(parseDateText('21.01.2026', de, bounds)).toEqual({ ok: false, reason: 'max', bound: '2026-01-20' });
    expect(parseDateText('01.01.2020', de, { min: '', max: '' })).toEqual(date('2020-01-01'));
  });

  it('reads back every day it writes, in every language', () => {
    for (const pattern of [de, it_, ru, en, dateTextPattern('en-GB'), dateTextPattern('en-CA'), dateTextPattern('de-CH')]) {
      for (let time = Date.UTC(2024, 0, 1); time < Date.UTC(2025, 0, 1); time += 86_400_000) {
        const iso = new Date(time).toISOString().slice(0, 10);
        expect(parseDateText(formatDateText(iso, pattern), pattern)).toEqual(date(iso));
      }
    }
  });
});
