import type { TFunction } from 'i18next';
import { intlLocale } from '../i18n/i18n.ts';
import { ApiError, type FieldError, type Problem } from './api.ts';
import { localizeFieldError } from './field-error-message.ts';

export type FormProblem<Field extends string> = {
  /** Errors for inputs of the form, keyed by input name (from `body.<name>`; `querystring.<name>` for a query's filters). */
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
  return placeErrors(problemOf(error, t), 'body', fieldNames, t, locale);
}

/**
 * toFormProblem for a query's filters (a list's, a report's, a statement's): `querystring.<name>`
 * errors next to the filter they concern, in the reader's language; the banner says to fix them
 * rather than repeat the server's English.
 */
export function toQueryProblem<Field extends string>(failure: unknown, fieldNames: readonly Field[], t: TFunction, locale?: string): FormProblem<Field> {
  return placeErrors(problemOf(failure, t), 'querystring', fieldNames, t, locale);
}

/** The problem of a failed call: an ApiError's, one a hook kept (useResource, usePagedList), or the unexpected. */
function problemOf(failure: unknown, t: TFunction): Problem {
  if (failure instanceof ApiError) return failure.problem;
  if (isProblem(failure)) return failure;
  return { title: t('errors.unexpectedTitle'), status: 0, detail: failure instanceof Error ? failure.message : String(failure) };
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && !(value instanceof Error) && typeof (value as Problem).title === 'string' && typeof (value as Problem).status === 'number';
}

function placeErrors<Field extends string>(problem: Problem, location: 'body' | 'querystring', fieldNames: readonly Field[], t: TFunction, locale?: string): FormProblem<Field> {
  const fields: Partial<Record<Field, string>> = {};
  const unplaced: FieldError[] = [];
  let readerLocale = locale;
  const prefix = `${location}.`;
  for (const fieldError of problem.errors ?? []) {
    const name = fieldError.field.startsWith(prefix) ? fieldError.field.slice(prefix.length).split('.')[0] : undefined;
    if (name !== undefined && (fieldNames as readonly string[]).includes(name)) {
      fields[name as Field] ??= localizeFieldError(fieldError, t, (readerLocale ??= intlLocale()));
    } else {
      unplaced.push(fieldError);
    }
  }
  const placedAll = (problem.errors?.length ?? 0) > 0 && unplaced.length === 0;
  // A field of the request the page has no input for is named; an error about another part of the
  // request (the month in /ledger/periods/2026-03/close) is no input's, and the problem's detail says it in a sentence.
  const unplacedOwn = unplaced.filter((e) => e.field === location || e.field.startsWith(prefix));
  const listed = (errors: readonly FieldError[]) => errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  const detail = placedAll
    ? t('errors.fixFields')
    : problem.code === 'csrf_failed'
      ? t('errors.staleSession')
      : unplacedOwn.length > 0
        ? listed(unplacedOwn)
        : (problem.detail ?? (unplaced.length > 0 ? listed(unplaced) : null));
  return { fields, banner: { title: problem.title, detail } };
}

export type ErrorSummary = { title: string; detail: string | null };

/** A failed call as one message (title and detail), for errors that belong to no form field. */
export function summarizeError(error: unknown, t: TFunction): ErrorSummary {
  return toFormProblem(error, [], t).banner ?? { title: t('errors.unexpectedTitle'), detail: null };
}
