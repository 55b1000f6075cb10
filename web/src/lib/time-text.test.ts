import { describe, expect, it } from 'vitest';
import { formatTimeText, joinDateTime, parseTimeText, splitDateTime, timePatternText, timeTextPattern } from './time-text.ts';

const de = timeTextPattern('de');
const it_ = timeTextPattern('it');
const ru = timeTextPattern('ru');
const en = timeTextPattern('en');
const enGb = timeTextPattern('en-GB');
const time = (value: string) => ({ ok: true, time: value });

describe('timeTextPattern and formatTimeText', () => {
  it('writes a time on the language clock: 24 hours in de, it, ru and en-GB, 12 with AM/PM in en', () => {
    for (const pattern of [de, it_, ru, enGb]) {
      expect(formatTimeText('14:30', pattern)).toBe('14:30');
      expect(formatTimeText('09:05', pattern)).toBe('09:05');
      expect(formatTimeText('00:00', pattern)).toBe('00:00');
    }
    expect(formatTimeText('14:30', en)).toBe('2:30 PM');
    expect(formatTimeText('09:05', en)).toBe('9:05 AM');
    expect(formatTimeText('00:15', en)).toBe('12:15 AM');
    expect(formatTimeText('12:00', en)).toBe('12:00 PM');
    expect(formatTimeText('14:30', timeTextPattern('en-CA'))).toBe('2:30 p.m.');
    expect(formatTimeText('09:05', timeTextPattern('fi'))).toBe('9.05');
  });

  it('shows seconds only when they are not :00', () => {
    expect(formatTimeText('23:59:59', de)).toBe('23:59:59');
    expect(formatTimeText('23:59:59', en)).toBe('11:59:59 PM');
    expect(formatTimeText('14:30:00', de)).toBe('14:30');
  });

  it('leaves empty and non-times as they are', () => {
    expect(formatTimeText('', de)).toBe('');
    expect(formatTimeText('9:5', de)).toBe('9:5');
  });

  it('spells the pattern with the language letters', () => {
    expect(timePatternText(de, { hour: 'hh', minute: 'mm' })).toBe('hh:mm');
    expect(timePatternText(ru, { hour: 'чч', minute: 'мм' })).toBe('чч:мм');
    expect(timePatternText(en, { hour: 'hh', minute: 'mm' })).toBe('hh:mm AM/PM');
    expect(timePatternText(enGb, { hour: 'hh', minute: 'mm' })).toBe('hh:mm');
  });
});

describe('parseTimeText', () => {
  it('reads the language format', () => {
    expect(parseTimeText('14:30', de)).toEqual(time('14:30'));
    expect(parseTimeText('14:30', it_)).toEqual(time('14:30'));
    expect(parseTimeText('14:30', ru)).toEqual(time('14:30'));
    expect(parseTimeText('2:30 PM', en)).toEqual(time('14:30'));
    expect(parseTimeText('12:15 AM', en)).toEqual(time('00:15'));
    expect(parseTimeText('12:00 PM', en)).toEqual(time('12:00'));
    expect(parseTimeText('00:00', de)).toEqual(time('00:00'));
    expect(parseTimeText('23:59', ru)).toEqual(time('23:59'));
  });

  it('is lenient about digits, separators and spaces', () => {
    expect(parseTimeText('9:5', de)).toEqual(time('09:05'));
    expect(parseTimeText(' 9:05 ', it_)).toEqual(time('09:05'));
    expect(parseTimeText('14.30', de)).toEqual(time('14:30'));
    expect(parseTimeText('14 30', ru)).toEqual(time('14:30'));
    expect(parseTimeText('0905', de)).toEqual(time('09:05'));
    expect(parseTimeText('905', de)).toEqual(time('09:05'));
    expect(parseTimeText('1430', it_)).toEqual(time('14:30'));
    expect(parseTimeText('14', de)).toEqual(time('14:00'));
    expect(parseTimeText('9', ru)).toEqual(time('09:00'));
    expect(parseTimeText('14:30 Uhr', de)).toEqual(time('14:30'));
    expect(parseTimeText('14:30:15', de)).toEqual(time('14:30:15'));
    expect(parseTimeText('14:30:00', de)).toEqual(time('14:30'));
  });

  it('reads AM and PM however they are written, in every language', () => {
    for (const text of ['2:30 PM', '2:30pm', '2:30 p.m.', '2:30 p. m.', '2:30 p', '2.30 PM', '230pm', 'PM 2:30']) {
      expect(parseTimeText(text, en)).toEqual(time('14:30'));
      expect(parseTimeText(text, de)).toEqual(time('14:30'));
    }
    expect(parseTimeText('2pm', en)).toEqual(time('14:00'));
    expect(parseTimeText('9 am', ru)).toEqual(time('09:00'));
    expect(parseTimeText('9:30 a.m.', timeTextPattern('en-CA'))).toEqual(time('09:30'));
    expect(parseTimeText('12:30 am', it_)).toEqual(time('00:30'));
    expect(parseTimeText('11:59:59 PM', en)).toEqual(time('23:59:59'));
  });

  it('on a 12-hour clock, reads hours that can only be one time and asks AM or PM for the others', () => {
    expect(parseTimeText('14:30', en)).toEqual(time('14:30'));
    expect(parseTimeText('0:30', en)).toEqual(time('00:30'));
    expect(parseTimeText('9:30', en)).toEqual({ ok: false, reason: 'dayPeriod', am: '09:30', pm: '21:30' });
    expect(parseTimeText('12:00', en)).toEqual({ ok: false, reason: 'dayPeriod', am: '00:00', pm: '12:00' });
    // The same text is a time on a 24-hour clock.
    expect(parseTimeText('9:30', enGb)).toEqual(time('09:30'));
  });

  it('refuses impossible hours, minutes and seconds', () => {
    expect(parseTimeText('24:00', de)).toEqual({ ok: false, reason: 'hour', hour: 24, min: 0, max: 23 });
    expect(parseTimeText('25:00', en)).toEqual({ ok: false, reason: 'hour', hour: 25, min: 0, max: 23 });
    expect(parseTimeText('13:00 PM', en)).toEqual({ ok: false, reason: 'hour', hour: 13, min: 1, max: 12 });
    expect(parseTimeText('0:30 AM', de)).toEqual({ ok: false, reason: 'hour', hour: 0, min: 1, max: 12 });
    expect(parseTimeText('9:60', de)).toEqual({ ok: false, reason: 'minute', minute: 60 });
    expect(parseTimeText('0960', ru)).toEqual({ ok: false, reason: 'minute', minute: 60 });
    expect(parseTimeText('9:30:60', it_)).toEqual({ ok: false, reason: 'second', second: 60 });
  });

  it('refuses what is not a time', () => {
    for (const text of ['14:30:00:00', '143000', '14:300', '1:2:3:4', 'noon', '14:30 xm', '-1:00', '14:', ':30', '2026-01-15', '14h30', '9:30 AM PM']) {
      expect(parseTimeText(text, de)).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('is empty for nothing or spaces', () => {
    expect(parseTimeText('', de)).toEqual({ ok: false, reason: 'empty' });
    expect(parseTimeText('   ', en)).toEqual({ ok: false, reason: 'empty' });
  });

  it('reads back every minute it writes, in every language', () => {
    for (const pattern of [de, it_, ru, en, enGb, timeTextPattern('en-CA'), timeTextPattern('en-IN'), timeTextPattern('fi'), timeTextPattern('ko')]) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 1) {
        const value = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        expect(parseTimeText(formatTimeText(value, pattern), pattern)).toEqual(time(value));
      }
      expect(parseTimeText(formatTimeText('23:59:59', pattern), pattern)).toEqual(time('23:59:59'));
    }
  });
});

describe('splitDateTime and joinDateTime', () => {
  it('splits a datetime-local value into its day and time, dropping seconds of :00', () => {
    expect(splitDateTime('2026-01-15T14:30')).toEqual({ date: '2026-01-15', time: '14:30' });
    expect(splitDateTime('2026-01-15T14:30:00')).toEqual({ date: '2026-01-15', time: '14:30' });
    expect(splitDateTime('2026-01-15T23:59:59')).toEqual({ date: '2026-01-15', time: '23:59:59' });
    expect(splitDateTime('')).toEqual({ date: '', time: '' });
    expect(splitDateTime('2026-01-15')).toEqual({ date: '', time: '' });
  });

  it('joins them back only when both are there', () => {
    expect(joinDateTime('2026-01-15', '14:30')).toBe('2026-01-15T14:30');
    expect(joinDateTime('2026-01-15', '')).toBe('');
    expect(joinDateTime('', '14:30')).toBe('');
  });
});
