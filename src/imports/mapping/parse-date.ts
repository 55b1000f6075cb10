import { Temporal } from 'temporal-polyfill';

/**
 * Dates in the formats exports use. A format is built from YYYY, MM, M, DD, D, HH, H, mm, ss and
 * literal separators ('DD.MM.YYYY', 'MM/DD/YYYY', 'M/D/YYYY'); 'ISO' reads YYYY-MM-DD with an
 * optional time and offset, which covers Salesforce datetimes (2024-01-22T16:14:25.000+0000) and
 * database dumps (2024-01-22 16:14:25). Nothing is guessed: 03/04/2024 is whatever the format says.
 */
export const ISO_FORMAT = 'ISO';

const TOKENS: Record<string, string> = {
  YYYY: '(?<year>\\d{4})', MM: '(?<month>\\d{2})', M: '(?<month>\\d{1,2})', DD: '(?<day>\\d{2})', D: '(?<day>\\d{1,2})',
  HH: '(?<hour>\\d{2})', H: '(?<hour>\\d{1,2})', mm: '(?<minute>\\d{2})', ss: '(?<second>\\d{2})',
};
const TOKEN_PATTERN = /YYYY|MM|M|DD|D|HH|H|mm|ss/g;
const ISO_PATTERN =
  /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})(?:[T ](?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:\.(?<fraction>\d{1,9}))?)?(?<offset>Z|[+-]\d{2}:?\d{2})?)?$/;
const compiled = new Map<string, RegExp>();

/** A format the parser understands, or a message saying why not (for mapping validation). */
export function checkDateFormat(format: string): string | null {
  if (format === ISO_FORMAT) return null;
  const tokens = format.match(TOKEN_PATTERN) ?? [];
  const has = (...names: string[]) => tokens.some((t) => names.includes(t));
  if (!has('YYYY') || !has('MM', 'M') || !has('DD', 'D')) return 'a date format needs YYYY, MM (or M) and DD (or D), e.g. DD.MM.YYYY';
  return null;
}

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number; fraction: string; offset: string };

function matchParts(text: string, format: string): Parts | null {
  const match = (format === ISO_FORMAT ? ISO_PATTERN : patternFor(format)).exec(text.trim());
  const g = match?.groups;
  if (!g) return null;
  const n = (value: string | undefined) => (value === undefined ? 0 : Number(value));
  return {
    year: n(g['year']), month: n(g['month']), day: n(g['day']), hour: n(g['hour']), minute: n(g['minute']), second: n(g['second']),
    fraction: g['fraction'] ?? '', offset: g['offset'] ?? 'Z',
  };
}

function patternFor(format: string): RegExp {
  let pattern = compiled.get(format);
  if (!pattern) {
    const source = format.split(TOKEN_PATTERN).map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const tokens = format.match(TOKEN_PATTERN) ?? [];
    pattern = new RegExp(`^${source.map((literal, i) => literal + (tokens[i] ? TOKENS[tokens[i]] : '')).join('')}$`);
    compiled.set(format, pattern);
  }
  return pattern;
}

/** 'YYYY-MM-DD', or null when the text does not fit the format or is not a calendar day. A time part is dropped. */
export function parseDateText(text: string, format: string): string | null {
  const parts = matchParts(text, format);
  if (!parts || !isCalendarDay(parts.year, parts.month, parts.day)) return null;
  return `${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A day of the proleptic Gregorian calendar (Temporal's), by arithmetic: a Temporal.PlainDate per
 * row cost tens of microseconds in the polyfill, the largest part of mapping a dated row. Years
 * have four digits here (the YYYY token), inside Temporal's range.
 */
function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0));
}

/** A UTC ISO instant; a text without an offset is read as UTC (exports without one are UTC in practice). */
export function parseInstantText(text: string, format: string): string | null {
  const parts = matchParts(text, format);
  if (!parts) return null;
  try {
    const dateTime = Temporal.PlainDateTime.from(
      { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second },
      { overflow: 'reject' },
    );
    const offset = parts.offset === 'Z' ? '+00:00' : parts.offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    const millis = parts.fraction.padEnd(3, '0').slice(0, 3);
    const instant = Temporal.Instant.from(`${dateTime.toString()}.${millis}${offset}`);
    return new Date(instant.epochMilliseconds).toISOString();
  } catch {
    return null;
  }
}
