import type { TFunction } from 'i18next';
import { intlLocale } from '../i18n/i18n.ts';
import { ApiError, type FieldError, type Problem } from './api.ts';
import { localizeFieldError } from './field-error-message.ts';

export type FormProblem<Field extends string> = {
  /** Errors for inputs of the form, keyed by input name (from `body.<name>`). */
  fields: Partial<Record<Field, string>>;
  /** Shown above the form: the problem's title, and the detail unless every error sits at a field. */
  banner: { title: string; detail: string | null } | null;
};

/**
 * Splits a failed call into messages next to the inputs they concern, in the reader's language with
 * their limits (localizeFieldError), and a banner for the rest. `locale` formats the numbers in
 * them; by default the UI language's (intlLocale).
 */
export function toFormProblem<Field extends string>(error: unknown, fieldNames: readonly Field[], t: TFunction, locale?: string): FormProblem<Field> {
  const problem: Problem =
    error instanceof ApiError ? error.problem : { title: t('errors.unexpectedTitle'), status: 0, detail: error instanceof Error ? error.message : String(error) };
  const fields: Partial<Record<Field, string>> = {};
  const unplaced: FieldError[] = [];
  let readerLocale = locale;
  for (const fieldError of problem.errors ?? []) {
    const name = /^body\.([^.]+)/.exec(fieldError.field)?.[1];
    if (name !== undefined && (fieldNames as readonly string[]).includes(name)) {
      fields[name as Field] ??= localizeFieldError(fieldError, t, (readerLocale ??= intlLocale()));
    } else {
      unplaced.push(fieldError);
    }
  }
  const placedAll = (problem.errors?.length ?? 0) > 0 && unplaced.length === 0;
  // A body field the form has no input for is named; an error about the request's path or query (the
  // month in /ledger/periods/2026-03/close) is no input's, and the problem's detail says it in a sentence.
  const unplacedBody = unplaced.filter((e) => e.field === 'body' || e.field.startsWith('body.'));
  const listed = (errors: readonly FieldError[]) => errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  const detail = placedAll
    ? t('errors.fixFields')
    : problem.code === 'csrf_failed'
      ? t('errors.staleSession')
      : unplacedBody.length > 0
        ? listed(unplacedBody)
        : (problem.detail ?? (unplaced.length > 0 ? listed(unplaced) : null));
  return { fields, banner: { title: problem.title, detail } };
}

export type ErrorSummary = { title: string; detail: string | null };

/** A failed call as one message (title and detail), for errors that belong to no form field. */
export function summarizeError(error: unknown, t: TFunction): ErrorSummary {
  return toFormProblem(error, [], t).banner ?? { title: t('errors.unexpectedTitle'), detail: null };
}
