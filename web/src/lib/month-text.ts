import { dateTimeFormat } from './intl-formats.ts';

/**
 * Calendar months ('YYYY-MM', the metrics API's from/to and the commission period) chosen as a
 * month name in the app's language and a four-digit year, not in the browser's language (an English
 * browser's <input type="month"> says "January 2026" inside a German page).
 */
export type ParsedYearText = { ok: true; year: string } | { ok: false; reason: 'empty' } | { ok: false; reason: 'year' };

const names = new Map<string, readonly string[]>();

/**
 * The twelve month names as the locale writes a month on its own (Intl's `month: 'long'` alone is the
 * stand-alone form: ru январь, not the genitive января of "31 января"; it gennaio; de Januar), January first.
 */
export function monthNames(locale: string): readonly string[] {
  let list = names.get(locale);
  if (list === undefined) {
    const format = dateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
    list = Array.from({ length: 12 }, (_, index) => format.format(new Date(Date.UTC(2026, index, 15))));
    names.set(locale, list);
  }
  return list;
}

/** A typed year: four digits, not 0000 (no century is guessed for "26", as for dates). */
export function parseYearText(text: string): ParsedYearText {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  return /^\d{4}$/.test(trimmed) && trimmed !== '0000' ? { ok: true, year: trimmed } : { ok: false, reason: 'year' };
}

/** 'YYYY-MM' as its year and month ('2026', '01'); both '' for '' or anything that is not a month. */
export function splitMonthKey(value: string): { year: string; month: string } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  return match === null || match[1] === '0000' ? { year: '', month: '' } : { year: match[1] ?? '', month: match[2] ?? '' };
}

/** The year and month back as 'YYYY-MM'; '' unless both are there. */
export function joinMonthKey(year: string, month: string): string {
  return year !== '' && month !== '' ? `${year}-${month}` : '';
}
