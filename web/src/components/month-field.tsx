import { useRef, type FocusEvent, type KeyboardEvent } from 'react';
import { intlLocale } from '../i18n/i18n.ts';
import { useT } from '../i18n/use-t.ts';
import { joinMonthKey, monthNames, parseYearText, splitMonthKey } from '../lib/month-text.ts';
import { describedBy, FieldShell, type ValueFieldProps } from './field.tsx';
import { useSubmitGuard, useTypedText, type TypedText } from './use-typed-text.ts';
import { useValueParts } from './use-value-parts.ts';

type Parts = { year: string; month: string };

/** value: 'YYYY-MM' or '' — what an <input type="month"> holds, so a URL filter or a query keeps ISO months. */
type MonthFieldProps = ValueFieldProps & {
  /** A month is always chosen: the list has no empty choice. */
  required?: boolean;
};

/**
 * A calendar month in the app's language, whatever the browser's (an English browser's month input
 * says "January 2026" inside a German page): the month chosen by name (Januar … Dezember, январь …),
 * the year typed in four digits (↑/↓ step it). Its value is set once both are there and is '' while
 * either is missing; a year that is not one is named at the field when the user leaves it or sends the
 * form, which is then not sent.
 */
export function MonthField({ id, label, value, onValueChange, hint, error, optionalLabel, required }: MonthFieldProps) {
  const { t } = useT();
  const names = monthNames(intlLocale());
  const { parts, missing, setMissing, updatePart } = useValueParts<Parts, 'month' | 'year'>(value, splitMonthKey, (p) => joinMonthKey(p.year, p.month), onValueChange);
  const yearInput = useRef<HTMLInputElement>(null);
  const year = useTypedText(yearInput, { value: parts.year, onValueChange: (typed) => updatePart({ year: typed }), pattern: 'year', parse: parseYear, format: (typed) => typed });

  /** A month without a year (or a year without a month) is no month: said when the user leaves the field or sends the form. */
  const settlePair = (): boolean => {
    const hasYear = year.text.trim() !== '';
    const gap = parts.month !== '' && !hasYear ? 'year' : hasYear && parts.month === '' ? 'month' : null;
    setMissing(gap);
    return gap === null;
  };
  useSubmitGuard(yearInput, settlePair);
  const leave = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) settlePair();
  };
  const yearKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    year.keyDown(event);
    if (event.key === 'Enter' && !settlePair()) event.preventDefault();
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    // As a number field steps: from the year shown, or from this year when there is none yet.
    event.preventDefault();
    const shown = parseYearText(year.text);
    const next = shown.ok ? Number(shown.year) + (event.key === 'ArrowUp' ? 1 : -1) : new Date().getFullYear();
    if (next >= 1 && next <= 9999) year.choose(String(next).padStart(4, '0'));
  };

  // The year takes digits only: a field that takes nothing else cannot hold a letter to complain about.
  const typeYear = (text: string) => year.change(text.replace(/\D/g, ''));
  const own = year.problem ? t('monthField.errorYear', { example: '2026' })
    : missing === 'year' ? t('monthField.yearMissing', { example: '2026' })
      : missing === 'month' ? t('monthField.monthMissing') : undefined;
  const shownError = own ?? error;
  const described = describedBy(id, hint, shownError);
  const options = [...(required && parts.month !== '' ? [] : [{ value: '', label: t('monthField.noMonth') }]), ...names.map((name, index) => ({ value: String(index + 1).padStart(2, '0'), label: name }))];
  return (
    <FieldShell id={id} label={label} hint={hint} error={shownError} optionalLabel={optionalLabel} className="field--month">
      <div className="month-field" onBlur={leave}>
        <select
          id={id} className="input select month-field__month" value={parts.month} required={required} onChange={(event) => updatePart({ month: event.target.value })}
          aria-describedby={described} aria-invalid={missing === 'month' || (own === undefined && error !== undefined) ? true : undefined}
        >
          {options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
        </select>
        <input
          ref={yearInput} id={`${id}-year`} className="input month-field__year" type="text" inputMode="numeric" autoComplete="off" maxLength={4}
          placeholder={t('dateField.yearLetters')} value={year.text} required={required}
          onChange={(event) => typeYear(event.target.value)} onBlur={year.settle} onKeyDown={yearKeyDown}
          aria-label={t('monthField.yearOf', { label })} aria-describedby={described}
          aria-invalid={year.problem !== null || missing === 'year' || (own === undefined && error !== undefined) ? true : undefined}
        />
      </div>
    </FieldShell>
  );
}

function parseYear(text: string): TypedText<'year'> {
  const parsed = parseYearText(text);
  return parsed.ok ? { ok: true, value: parsed.year } : { ok: false, failure: parsed.reason === 'empty' ? null : parsed.reason };
}
