import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { intlLocale } from '../i18n/i18n.ts';
import { useT } from '../i18n/use-t.ts';
import { isCalendarDate } from '../lib/calendar-date.ts';
import { datePatternText, dateTextPattern, formatDateText, parseDateText, type DateTextFailure, type DateTextPattern } from '../lib/date-text.ts';
import { describedBy, FieldShell, type ValueFieldProps } from './field.tsx';
import { CalendarIcon } from './icons.tsx';
import { useTypedText, type TypedText } from './use-typed-text.ts';

type ShownFailure = Exclude<DateTextFailure, { reason: 'empty' }>;

/** value: 'YYYY-MM-DD' or '' — what an <input type="date"> holds, so a form or a URL filter keeps ISO days. */
type DateFieldProps = ValueFieldProps & {
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
  const date = useDateInput({ id, value, onValueChange, min, max });
  const shownError = date.problem ?? error;
  return (
    <FieldShell id={id} label={label} hint={hint} error={shownError} optionalLabel={optionalLabel} className="field--date">
      {date.render({ describedBy: describedBy(id, hint, shownError), invalid: shownError !== undefined, required, name })}
    </FieldShell>
  );
}

type DateInputOptions = { id: string; value: string; onValueChange(value: string): void; min?: string | undefined; max?: string | undefined };
type DateInputRender = { describedBy: string | undefined; invalid: boolean; required?: boolean | undefined; name?: string | undefined };

/**
 * DateField's input, calendar button and picker without its label and messages (DateTimeField puts a
 * time beside them): `problem` is why the text left is not a date, in the user's language.
 */
export function useDateInput({ id, value, onValueChange, min, max }: DateInputOptions): { problem: string | undefined; text: string; render(props: DateInputRender): ReactNode } {
  const { t } = useT();
  const pattern = dateTextPattern(intlLocale());
  const input = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const parse = (text: string): TypedText<ShownFailure> => {
    const parsed = parseDateText(text, pattern, { min, max });
    return parsed.ok ? { ok: true, value: parsed.date } : { ok: false, failure: parsed.reason === 'empty' ? null : parsed };
  };
  const typed = useTypedText(input, { value, onValueChange, pattern, parse, format: formatDateText });
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
    typed.keyDown(event);
    if (event.key === 'ArrowDown' && event.altKey) {
      event.preventDefault();
      openPicker();
    }
  };
  const picked = (chosen: string) => {
    if (chosen !== '' && !isCalendarDate(chosen)) return; // '': the picker's Clear
    typed.choose(chosen);
    input.current?.focus();
  };
  const render = ({ describedBy: described, invalid, required, name }: DateInputRender) => (
    <div className="date-field">
      <input
        ref={input} id={id} name={name} className="input date-field__input" type="text" autoComplete="off" spellCheck={false}
        placeholder={patternText(pattern, t)} value={typed.text} required={required} onChange={(event) => typed.change(event.target.value)} onBlur={typed.settle} onKeyDown={keyDown}
        aria-invalid={invalid ? true : undefined} aria-describedby={described}
      />
      <button type="button" className="date-field__button" onClick={openPicker} aria-label={t('dateField.openCalendar')} aria-describedby={`${id}__label`}>
        <CalendarIcon />
      </button>
      <input
        ref={picker} id={`${id}-picker`} type="date" className="date-field__picker" tabIndex={-1} aria-hidden="true" min={min} max={max}
        onChange={(event) => picked(event.target.value)}
      />
    </div>
  );
  return { problem: typed.problem ? problemText(typed.problem.failure, pattern, typed.problem.typed, t) : undefined, text: typed.text, render };
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
