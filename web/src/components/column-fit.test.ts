import { describe, expect, it } from 'vitest';
import { dateSamples } from '../lib/format.ts';
import { fitColumnPx, type MeasureText } from './column-fit.ts';

// A font where every character is 10 px wide at 14 px, 8 px at 12 px, 9 px at 13 px: widths follow the lengths.
const measure: MeasureText = (text, font) => [...text].length * ({ '14px': 10, '12px': 8, '13px': 9 }[/\d+px/.exec(font)?.[0] ?? ''] ?? 0);
const plain = { text: 'Date', sortable: false };

describe('fitColumnPx', () => {
  it('fits the longest text with the cell padding and a little slack', () => {
    // "1 нояб. 2026 г." is 15 characters: 150 + 40 padding + 2.
    expect(fitColumnPx({ texts: ['01.11.2026', '1 нояб. 2026 г.'] }, plain, 'sans-serif', measure)).toBe(192);
  });

  it('fits the longest word of the heading, upper case and spaced, with the sort arrow', () => {
    // UNVERÄNDERT: 11 × 8 + 11 × 0.48 letter spacing = 93.28, + 16 arrow, + 42.
    expect(fitColumnPx({ texts: ['3'] }, { text: 'Unverändert', sortable: true }, 'sans-serif', measure)).toBe(152);
    // A soft hyphen is a place the heading may break: ABGE- / WIESEN, the longer piece counts.
    expect(fitColumnPx({ texts: ['3'] }, { text: 'Abge\u00adwiesen', sortable: false }, 'sans-serif', measure)).toBe(Math.ceil(6 * 8 + 6 * 0.48 + 42));
  });

  it('adds the padding of a badge or button, and of each when a cell shows two', () => {
    expect(fitColumnPx({ texts: ['Konvertiert'], as: 'badge' }, plain, 'sans-serif', measure)).toBe(11 * 8 + 18 + 42);
    expect(fitColumnPx({ texts: [['Bestätigen', 'Ablehnen']], as: 'button' }, plain, 'sans-serif', measure)).toBe(10 * 9 + 22 + 8 + 8 * 9 + 22 + 42);
  });

  it('measures a badge beside plain text in the look of a badge', () => {
    expect(fitColumnPx({ texts: ['JE-2026-000001', ['JE-2026-000002', { text: 'Сторнирована', as: 'badge' }]] }, plain, 'sans-serif', measure)).toBe(14 * 10 + 8 + 12 * 8 + 18 + 42);
  });

  it('takes the cell padding a page sets for itself', () => {
    expect(fitColumnPx({ texts: ['12'] }, { text: 'N', sortable: false }, 'sans-serif', measure, 20)).toBe(20 + 20 + 2);
  });
});

describe('dateSamples', () => {
  it('writes a date of every month as lists do, the longest months included', () => {
    const russian = dateSamples('ru');
    expect(russian).toHaveLength(12);
    expect(russian).toContain('28 сент. 2026 г.');
    expect(dateSamples('de')).toContain('28.09.2026');
    expect(dateSamples('en', { time: true })[8]).toBe('Sep 28, 2026, 11:59 PM');
  });
});
