import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { TFunction } from 'i18next';
import { intlLocale } from '../i18n/i18n.ts';
import { useT } from '../i18n/use-t.ts';
import { isCalendarDate } from '../lib/calendar-date.ts';
import { datePatternText, dateTextPattern, formatDateText, parseDateText, type DateTextFailure, type DateTextPattern } from '../lib/date-text.ts';
import { describedBy, FieldShell } from './field.tsx';
import { CalendarIcon } from './icons.tsx';

type ShownFailure = Exclude<DateTextFailure, { reason: 'empty' }>;

type DateFieldProps = {
  id: string;
  label: string;
  /** 'YYYY-MM-DD' or '' — what an <input type="date"> holds, so a form or a URL filter keeps ISO days. */
  value: string;
  onValueChange(value: string): void;
  hint?: string | undefined;
  error?: string | undefined;
  optionalLabel?: string | undefined;
  required?: boolean;
  name?: string;
  /** Inclusive bounds, 'YYYY-MM-DD' (as the native input's min and max). */
  min?: string | undefined;
  max?: string | undefined;
};

/**
 * A calendar date shown and typed in the app's language (31.01.2026 in German) whatever the browser's
 * language is — the native date input follows the browser's. Its value is the native input's
 * ('YYYY-MM-DD', '' while empty or not a date). A text that is not a date says why at the field once
 * the user leaves it, presses Enter or sends the form, which is then not sent. The calendar button opens the
 * browser's own picker on a hidden native input; what is chosen there is written back in the app's format.
 */
export function DateField({ id, label, value, onValueChange, hint, error, optionalLabel, required, name, min, max }: DateFieldProps) {
  const { t } = useT();
  const pattern = dateTextPattern(intlLocale());
  const [text, setText] = useState(() => formatDateText(value, pattern));
  const [problem, setProblem] = useState<{ failure: ShownFailure; typed: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const shownPattern = useRef(pattern);

  // A value set from outside (a link, a reset, the calendar) or another language rewrites the text; text
  // typed that already means the value stays as typed, and so does an unfinished one (its value is '').
  useEffect(() => {
    const typed = parseDateText(text, shownPattern.current);
    const languageChanged = shownPattern.current !== pattern;
    shownPattern.current = pattern;
    if (typed.ok ? typed.date === value && !languageChanged : value === '') return;
    setText(formatDateText(value, pattern));
    setProblem(null);
  }, [value, pattern]);

  const parse = (next: string) => parseDateText(next, pattern, { min, max });
  const change = (next: string) => {
    setText(next);
    const parsed = parse(next);
    if (parsed.ok || parsed.reason === 'empty') setProblem(null);
    const meant = parsed.ok ? parsed.date : parsed.reason === 'empty' ? '' : null;
    if (meant !== null && meant !== value) onValueChange(meant);
  };
  /** Leaving the field (or Enter, or sending its form): a date is written in the pattern, anything else is named and its value is ''. */
  const settle = (): boolean => {
    const current = input.current?.value ?? text;
    const parsed = parse(current);
    if (parsed.ok) setText(formatDateText(parsed.date, pattern));
    if (parsed.ok || parsed.reason === 'empty') return true;
    setProblem({ failure: parsed, typed: current.trim() });
    if (value !== '') onValueChange('');
    return false;
  };
  useSubmitGuard(input, settle);
  const openPicker = () => {
    const element = picker.current;
    if (element === null) return;
    element.value = value;
    try {
      element.showPicker();
    } catch {
      input.current?.focus(); // no picker here (an old browser, a cross-origin frame): typing still works
    }
  };
  const keyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && !settle()) event.preventDefault();
    if (event.key === 'ArrowDown' && event.altKey) {
      event.preventDefault();
      openPicker();
    }
  };
  const picked = (chosen: string) => {
    if (chosen !== '' && !isCalendarDate(chosen)) return; // '': the picker's Clear
    setText(formatDateText(chosen, pattern));
    setProblem(null);
    if (chosen !== value) onValueChange(chosen);
    input.current?.focus();
  };
  const shownError = problem ? problemText(problem.failure, pattern, problem.typed, t) : error;
  return (
    <FieldShell id={id} label={label} hint={hint} error={shownError} optionalLabel={optionalLabel} className="field--date">
      <div className="date-field">
        <input
          ref={input} id={id} name={name} className="input date-field__input" type="text" autoComplete="off" spellCheck={false}
          placeholder={patternText(pattern, t)} value={text} required={required} onChange={(event) => change(event.target.value)} onBlur={settle} onKeyDown={keyDown}
          aria-invalid={shownError ? true : undefined} aria-describedby={describedBy(id, hint, shownError)}
        />
        <button type="button" className="date-field__button" onClick={openPicker} aria-label={t('dateField.openCalendar')} aria-describedby={`${id}__label`}>
          <CalendarIcon />
        </button>
        <input
          ref={picker} id={`${id}-picker`} type="date" className="date-field__picker" tabIndex={-1} aria-hidden="true" min={min} max={max}
          onChange={(event) => picked(event.target.value)}
        />
      </div>
    </FieldShell>
  );
}

/**
 * A form is not sent while the field holds text that is not a date: its value is then '', which an
 * optional field (a reversal's date) would send as "no date" — the day the user meant silently lost.
 */
function useSubmitGuard(input: RefObject<HTMLInputElement | null>, settle: () => boolean): void {
  const latest = useRef(settle);
  useEffect(() => {
    latest.current = settle;
  });
  useEffect(() => {
    const form = input.current?.form;
    if (!form) return undefined;
    // On the form itself, so it runs before React's onSubmit (delegated to the root, reached by bubbling).
    const guard = (event: SubmitEvent) => {
      if (latest.current()) return;
      event.preventDefault();
      event.stopPropagation();
      input.current?.focus();
    };
    form.addEventListener('submit', guard);
    return () => form.removeEventListener('submit', guard);
  }, [input]);
}

/** TT.MM.JJJJ in German, gg/mm/aaaa in Italian: the placeholder, and the format named in an error. */
function patternText(pattern: DateTextPattern, t: TFunction): string {
  return datePatternText(pattern, { day: t('dateField.dayLetters'), month: t('dateField.monthLetters'), year: t('dateField.yearLetters') });
}

/** Why the text is not a date, in the user's language, with the pattern and an example in it. */
function problemText(failure: ShownFailure, pattern: DateTextPattern, typed: string, t: TFunction): string {
  const example = formatDateText('2026-01-31', pattern);
  switch (failure.reason) {
    case 'format':
      return t('dateField.errorFormat', { pattern: patternText(pattern, t), example });
    case 'year':
      return t('dateField.errorYear', { example });
    case 'month':
      return t('dateField.errorMonth', { month: failure.month });
    case 'day':
      return t('dateField.errorDay', { date: typed, lastDate: formatDateText(failure.lastDate, pattern) });
    case 'min':
      return t('dateField.errorMin', { date: formatDateText(failure.bound, pattern) });
    case 'max':
      return t('dateField.errorMax', { date: formatDateText(failure.bound, pattern) });
  }
}
