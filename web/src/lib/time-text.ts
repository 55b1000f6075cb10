import { dateTimeFormat } from './intl-formats.ts';

/**
 * Times of day as people read and type them in the app's language, not the browser's: the clock of
 * the locale's short time (Intl, as the app displays times: de/it/ru 14:30, en 2:30 PM, en-GB 14:30),
 * and back to the 'HH:mm' (or 'HH:mm:ss') a datetime-local value carries. Typing is lenient: 9:5 is
 * 09:05, 0905 and 905 too, 14 is 14:00, 14.30 and "14:30 Uhr" are 14:30, AM/PM (am, a.m., p) is read
 * in every language. Impossible times (25:00, 9:60, 13 PM) are refused, never rolled over.
 */
export type TimeTextPattern = {
  /** 12: 2:30 PM (en-US); 24: 14:30 (de, it, ru, en-GB). */
  clock: 12 | 24;
  separator: string;
  /** 09:30 rather than 9:30. */
  padHour: boolean;
  /** The locale's own markers (AM/PM, am/pm, a.m./p.m.), written after the time unless `dayPeriodFirst`. */
  dayPeriods: { am: string; pm: string };
  dayPeriodFirst: boolean;
};

export type TimeTextFailure =
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'format' }
  /** Hours run from `min` to `max`: 0–23, or 1–12 beside AM/PM. */
  | { ok: false; reason: 'hour'; hour: number; min: number; max: number }
  | { ok: false; reason: 'minute'; minute: number }
  | { ok: false; reason: 'second'; second: number }
  /** 9:30 on a 12-hour clock: morning or evening? Both readings ('09:30', '21:30'), for the message. */
  | { ok: false; reason: 'dayPeriod'; am: string; pm: string };
export type ParsedTimeText = { ok: true; time: string } | TimeTextFailure;

const FALLBACK: TimeTextPattern = { clock: 24, separator: ':', padHour: true, dayPeriods: { am: 'AM', pm: 'PM' }, dayPeriodFirst: false };
const patterns = new Map<string, TimeTextPattern>();

/** The locale's short-time pattern, read once per locale from Intl (timeStyle 'short', as the app displays times). */
export function timeTextPattern(locale: string): TimeTextPattern {
  let pattern = patterns.get(locale);
  if (pattern === undefined) {
    const format = dateTimeFormat(locale, { timeStyle: 'short', timeZone: 'UTC' });
    const morning = format.formatToParts(new Date(Date.UTC(2026, 0, 31, 9, 5)));
    const evening = format.formatToParts(new Date(Date.UTC(2026, 0, 31, 21, 5)));
    const hourCycle = format.resolvedOptions().hourCycle;
    const hour = morning.find((part) => part.type === 'hour')?.value;
    const hourIndex = morning.findIndex((part) => part.type === 'hour');
    const separator = morning[hourIndex + 1]?.type === 'literal' ? morning[hourIndex + 1]?.value.trim() : undefined;
    const am = morning.find((part) => part.type === 'dayPeriod')?.value.trim();
    const pm = evening.find((part) => part.type === 'dayPeriod')?.value.trim();
    const twelve = hourCycle === 'h12' || hourCycle === 'h11';
    pattern = hour === undefined || separator === undefined || separator === '' || (twelve && (!am || !pm))
      ? FALLBACK
      : {
          clock: twelve ? 12 : 24,
          separator,
          padHour: hour.length === 2,
          dayPeriods: twelve && am && pm ? { am, pm } : FALLBACK.dayPeriods,
          dayPeriodFirst: twelve && morning.findIndex((part) => part.type === 'dayPeriod') < hourIndex,
        };
    patterns.set(locale, pattern);
  }
  return pattern;
}

const TIME_VALUE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** 'HH:mm' or 'HH:mm:ss' on the pattern's clock (14:30, 2:30 PM); seconds only when not :00. '' stays ''; text that is not a time is shown as it is. */
export function formatTimeText(time: string, pattern: TimeTextPattern): string {
  const match = TIME_VALUE.exec(time);
  if (match === null) return time;
  const hour = Number(match[1]);
  const clockHour = pattern.clock === 12 ? hour % 12 || 12 : hour;
  const seconds = match[3] !== undefined && match[3] !== '00' ? `${pattern.separator}${match[3]}` : '';
  const digits = `${pattern.padHour ? String(clockHour).padStart(2, '0') : String(clockHour)}${pattern.separator}${match[2]}${seconds}`;
  if (pattern.clock === 24) return digits;
  const dayPeriod = hour < 12 ? pattern.dayPeriods.am : pattern.dayPeriods.pm;
  return pattern.dayPeriodFirst ? `${dayPeriod} ${digits}` : `${digits} ${dayPeriod}`;
}

/** The pattern spelt with the language's letters (hh:mm, чч:мм, hh:mm AM/PM): the field's placeholder. */
export function timePatternText(pattern: TimeTextPattern, letters: { hour: string; minute: string }): string {
  const digits = `${letters.hour}${pattern.separator}${letters.minute}`;
  if (pattern.clock === 24) return digits;
  const dayPeriods = `${pattern.dayPeriods.am}/${pattern.dayPeriods.pm}`;
  return pattern.dayPeriodFirst ? `${dayPeriods} ${digits}` : `${digits} ${dayPeriods}`;
}

// Hours, minutes and maybe seconds between any of : . or spaces (9:5, 14.30, 9 05); or digits alone (14, 905, 1430).
const GROUPS = /^(\d{1,2})\s*[:.\s]\s*(\d{1,2})(?:\s*[:.\s]\s*(\d{1,2}))?$/;
const DIGITS = /^(\d{1,2}?)(\d{2})?$/;
// A marker of a 12-hour clock before or after the digits: AM, am, a.m., a, PM, p. m., p — or the locale's own.
const LEADING_WORD = /^([^\d\s:.]+(?:[\s.]*[^\d\s:.]+)*\.?)\s*/u;
const TRAILING_WORD = /\s*([^\d\s:.]+(?:[\s.]*[^\d\s:.]+)*\.?)$/u;

/** Typed text → 'HH:mm' ('HH:mm:ss' when seconds other than :00 are typed), or why not. */
export function parseTimeText(text: string, pattern: TimeTextPattern): ParsedTimeText {
  let rest = text.trim().toLocaleLowerCase();
  if (rest === '') return { ok: false, reason: 'empty' };
  // German writes a time "14:30 Uhr"; the word says nothing about the clock.
  rest = rest.replace(/\s*uhr$/u, '');
  let dayPeriod: 'am' | 'pm' | null = null;
  const leading = LEADING_WORD.exec(rest);
  const trailing = leading === null ? TRAILING_WORD.exec(rest) : null;
  const word = leading ?? trailing;
  if (word !== null) {
    dayPeriod = dayPeriodOf(word[1] ?? '', pattern);
    if (dayPeriod === null) return { ok: false, reason: 'format' };
    rest = leading !== null ? rest.slice(word[0].length) : rest.slice(0, rest.length - word[0].length);
  }
  const parts = GROUPS.exec(rest)?.slice(1, 4) ?? DIGITS.exec(rest)?.slice(1, 3);
  if (parts === undefined || parts[0] === undefined || parts[0] === '') return { ok: false, reason: 'format' };
  const [hourText, minuteText = '0', secondText = '0'] = parts;
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText);
  if (dayPeriod !== null && (hour < 1 || hour > 12)) return { ok: false, reason: 'hour', hour, min: 1, max: 12 };
  if (hour > 23) return { ok: false, reason: 'hour', hour, min: 0, max: 23 };
  if (minute > 59) return { ok: false, reason: 'minute', minute };
  if (second > 59) return { ok: false, reason: 'second', second };
  // A 12-hour reader's 9:30 is morning or evening; 0:30 and 14:30 can only be read one way.
  if (dayPeriod === null && pattern.clock === 12 && hour >= 1 && hour <= 12) {
    return { ok: false, reason: 'dayPeriod', am: timeValue(hour % 12, minute, second), pm: timeValue((hour % 12) + 12, minute, second) };
  }
  const hour24 = dayPeriod === null ? hour : (hour % 12) + (dayPeriod === 'pm' ? 12 : 0);
  return { ok: true, time: timeValue(hour24, minute, second) };
}

function dayPeriodOf(word: string, pattern: TimeTextPattern): 'am' | 'pm' | null {
  const bare = (value: string) => value.toLocaleLowerCase().replace(/[\s.]/gu, '');
  const typed = bare(word);
  if (typed === 'am' || typed === 'a' || typed === bare(pattern.dayPeriods.am)) return 'am';
  if (typed === 'pm' || typed === 'p' || typed === bare(pattern.dayPeriods.pm)) return 'pm';
  return null;
}

function timeValue(hour: number, minute: number, second: number): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(hour)}:${pad(minute)}${second === 0 ? '' : `:${pad(second)}`}`;
}

/** A datetime-local value ('2026-01-15T14:30', seconds optional) as its day and its time, each '' when missing; seconds of :00 dropped. */
export function splitDateTime(value: string): { date: string; time: string } {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(value);
  if (match === null) return { date: '', time: '' };
  const seconds = match[3] !== undefined && match[3] !== '00' ? `:${match[3]}` : '';
  return { date: match[1] ?? '', time: `${match[2] ?? ''}${seconds}` };
}

/** The day and time back as one datetime-local value; '' unless both are there. */
export function joinDateTime(date: string, time: string): string {
  return date !== '' && time !== '' ? `${date}T${time}` : '';
}
