import { describe, expect, it } from 'vitest';
import { joinMonthKey, monthNames, parseYearText, splitMonthKey } from './month-text.ts';

describe('monthNames', () => {
  it('names the months in the language, as a month is named on its own', () => {
    expect(monthNames('de')).toEqual(['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember']);
    expect(monthNames('it')).toEqual(['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre']);
    // Nominative (январь), not the genitive of a date (31 января).
    expect(monthNames('ru')).toEqual(['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь']);
    expect(monthNames('en')).toEqual(['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']);
    expect(monthNames('de-CH')[2]).toBe('März');
  });
});

describe('parseYearText', () => {
  it('takes four digits', () => {
    expect(parseYearText('2026')).toEqual({ ok: true, year: '2026' });
    expect(parseYearText(' 1999 ')).toEqual({ ok: true, year: '1999' });
  });

  it('refuses two, three or five digits, 0000 and anything else (no century is guessed)', () => {
    for (const text of ['26', '202', '20266', '0000', '2026.', 'MMXXVI', '-2026']) expect(parseYearText(text)).toEqual({ ok: false, reason: 'year' });
  });

  it('is empty for nothing or spaces', () => {
    expect(parseYearText('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseYearText('  ')).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('splitMonthKey and joinMonthKey', () => {
  it('splits a month key and joins it back', () => {
    expect(splitMonthKey('2026-01')).toEqual({ year: '2026', month: '01' });
    expect(joinMonthKey('2026', '01')).toBe('2026-01');
  });

  it('has neither part for an empty or impossible key, and no key without both parts', () => {
    for (const value of ['', '2026-13', '2026-00', '2026-1', '0000-01', '2026-01-15']) expect(splitMonthKey(value)).toEqual({ year: '', month: '' });
    expect(joinMonthKey('2026', '')).toBe('');
    expect(joinMonthKey('', '01')).toBe('');
  });
});
