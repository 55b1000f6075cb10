import { useRef, type FocusEvent, type KeyboardEvent } from 'react';
import type { TFunction } from 'i18next';
import { intlLocale } from '../i18n/i18n.ts';
import { useT } from '../i18n/use-t.ts';
import { dateTextPattern, formatDateText } from '../lib/date-text.ts';
import { formatTimeText, joinDateTime, parseTimeText, splitDateTime, timePatternText, timeTextPattern, type TimeTextFailure, type TimeTextPattern } from '../lib/time-text.ts';
import { useDateInput } from './date-field.tsx';
import { describedBy, FieldShell, type ValueFieldProps } from './field.tsx';
import { useSubmitGuard, useTypedText, type TypedText } from './use-typed-text.ts';
import { useValueParts } from './use-value-parts.ts';

type ShownFailure = Exclude<TimeTextFailure, { reason: 'empty' }>;
type Parts = { date: string; time: string };

/** value: 'YYYY-MM-DDTHH:mm' (':ss' when the seconds are not :00) or '' — what an <input type="datetime-local"> holds, in local time. */
type DateTimeFieldProps = ValueFieldProps & {
  required?: boolean;
};

/**
 * A local date and time in the app's language, whatever the browser's (an English browser's
 * datetime-local says 2:30 PM inside a German page): the day as DateField takes it, the time on the
 * language's clock (14:30 in de/it/ru, 2:30 PM in en), typed leniently (9:5, 0905, 14.30). The value
 * is set once both are there and is '' while either is missing; a time that is not one (25:00), or a
 * day without a time, is named at the field when the user leaves it or sends the form, which is then not sent.
 */
export function DateTimeField({ id, label, value, onValueChange, hint, error, optionalLabel, required }: DateTimeFieldProps) {
  const { t } = useT();
  const datePattern = dateTextPattern(intlLocale());
  const { parts, missing, setMissing, updatePart } = useValueParts<Parts, 'date' | 'time'>(value, splitDateTime, (p) => joinDateTime(p.date, p.time), onValueChange);
  const date = useDateInput({ id, value: parts.date, onValueChange: (day) => updatePart({ date: day }) });
  const time = useTimeInput({ value: parts.time, onValueChange: (clock) => updatePart({ time: clock }) });

  /** A day without a time (or a time without a day) is no moment: said when the user leaves the field or sends the form. */
  const settlePair = (): boolean => {
    const hasDate = date.text.trim() !== '';
    const hasTime = time.text.trim() !== '';
    const gap = hasDate && !hasTime ? 'time' : hasTime && !hasDate ? 'date' : null;
    setMissing(gap);
    return gap === null;
  };
  useSubmitGuard(time.input, settlePair);
  const leave = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) settlePair();
  };
  const timeKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    time.keyDown(event);
    if (event.key === 'Enter' && !settlePair()) event.preventDefault();
  };

  const missingText = missing === 'time'
    ? t('dateTimeField.timeMissing', { example: formatTimeText('14:30', time.pattern) })
    : missing === 'date' ? t('dateTimeField.dateMissing', { example: formatDateText('2026-01-31', datePattern) }) : undefined;
  const own = [date.problem, time.problem].filter((text): text is string => text !== undefined).join(' ') || missingText;
  const shownError = own ?? error;
  const described = describedBy(id, hint, shownError);
  return (
    <FieldShell id={id} label={label} hint={hint} error={shownError} optionalLabel={optionalLabel} className="field--date">
      <div className="date-time-field" onBlur={leave}>
        {date.render({ describedBy: described, invalid: date.problem !== undefined || missing === 'date' || (own === undefined && error !== undefined), required })}
        <input
          ref={time.input} id={`${id}-time`} className="input date-time-field__time" type="text" autoComplete="off" spellCheck={false}
          placeholder={time.placeholder} value={time.text} required={required} onChange={(event) => time.change(event.target.value)} onBlur={time.settle} onKeyDown={timeKeyDown}
          style={{ width: `calc(${Math.max(time.placeholder.length, 8)}ch + 26px)` }}
          aria-label={t('timeField.labelOf', { label })} aria-describedby={described}
          aria-invalid={time.problem !== undefined || missing === 'time' || (own === undefined && error !== undefined) ? true : undefined}
        />
      </div>
    </FieldShell>
  );
}

/** The time of day typed on the app language's clock; `problem` is why the text left is not a time. */
function useTimeInput({ value, onValueChange }: { value: string; onValueChange(value: string): void }) {
  const { t } = useT();
  const pattern = timeTextPattern(intlLocale());
  const input = useRef<HTMLInputElement>(null);
  const parse = (text: string): TypedText<ShownFailure> => {
    const parsed = parseTimeText(text, pattern);
    return parsed.ok ? { ok: true, value: parsed.time } : { ok: false, failure: parsed.reason === 'empty' ? null : parsed };
  };
  const typed = useTypedText(input, { value, onValueChange, pattern, parse, format: formatTimeText });
  return {
    ...typed,
    input,
    pattern,
    placeholder: patternText(pattern, t),
    problem: typed.problem ? timeProblemText(typed.problem.failure, pattern, t) : undefined,
  };
}

/** hh:mm in German, чч:мм in Russian, hh:mm AM/PM in American English: the placeholder, and the format named in an error. */
function patternText(pattern: TimeTextPattern, t: TFunction): string {
  return timePatternText(pattern, { hour: t('timeField.hourLetters'), minute: t('timeField.minuteLetters') });
}

/** Why the text is not a time, in the user's language. */
function timeProblemText(failure: ShownFailure, pattern: TimeTextPattern, t: TFunction): string {
  switch (failure.reason) {
    case 'format':
      return t('timeField.errorFormat', { pattern: patternText(pattern, t), example: formatTimeText('14:30', pattern) });
    case 'hour':
      return t('timeField.errorHour', { hour: failure.hour, min: failure.min, max: failure.max });
    case 'minute':
      return t('timeField.errorMinute', { minute: failure.minute });
    case 'second':
      return t('timeField.errorSecond', { second: failure.second });
    case 'dayPeriod':
      return t('timeField.errorDayPeriod', { am: formatTimeText(failure.am, pattern), pm: formatTimeText(failure.pm, pattern) });
  }
}
