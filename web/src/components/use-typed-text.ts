import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

/** What a typed text means: a value, nothing (`failure: null`, the field is empty), or why it is not one. */
export type TypedText<F> = { ok: true; value: string } | { ok: false; failure: F | null };

type TypedTextOptions<P, F> = {
  /** The value the text stands for ('YYYY-MM-DD', 'HH:mm', 'YYYY'), '' while empty or not one. */
  value: string;
  onValueChange(value: string): void;
  /** The language's pattern: when it changes (another language), the text is written anew. */
  pattern: P;
  parse(text: string): TypedText<F>;
  format(value: string, pattern: P): string;
};

export type TypedTextState<F> = {
  text: string;
  /** Why the text the user left is not a value, and that text; null while there is nothing to say. */
  problem: { failure: F; typed: string } | null;
  change(next: string): void;
  /** Leaving the field (or Enter, or sending its form): a value is written in the pattern; false when the text is not one. */
  settle(): boolean;
  keyDown(event: KeyboardEvent<HTMLInputElement>): void;
  /** A value chosen elsewhere (a picker): written in the pattern, any problem forgotten. */
  choose(value: string): void;
};

/**
 * A value typed as text in the app language's pattern (DateField, the time of DateTimeField, the year
 * of MonthField). Text that means a value sets it as it is typed; an unfinished text leaves the value
 * alone until the user leaves the field, presses Enter or sends the form: then it is named (`problem`),
 * the value becomes '' and the form is not sent.
 */
export function useTypedText<P, F>(input: RefObject<HTMLInputElement | null>, { value, onValueChange, pattern, parse, format }: TypedTextOptions<P, F>): TypedTextState<F> {
  const [text, setText] = useState(() => format(value, pattern));
  const [problem, setProblem] = useState<{ failure: F; typed: string } | null>(null);
  const shownPattern = useRef(pattern);

  // A value set from outside (a link, a reset, a picker) or another language rewrites the text; text
  // typed that already means the value stays as typed, and so does an unfinished one (its value is '').
  useEffect(() => {
    const typed = parse(text);
    const languageChanged = shownPattern.current !== pattern;
    shownPattern.current = pattern;
    if (typed.ok ? typed.value === value && !languageChanged : value === '') return;
    setText(format(value, pattern));
    setProblem(null);
  }, [value, pattern]);

  const change = (next: string) => {
    setText(next);
    const parsed = parse(next);
    if (parsed.ok || parsed.failure === null) setProblem(null);
    const meant = parsed.ok ? parsed.value : parsed.failure === null ? '' : null;
    if (meant !== null && meant !== value) onValueChange(meant);
  };
  const settle = (): boolean => {
    const current = input.current?.value ?? text;
    const parsed = parse(current);
    if (parsed.ok) setText(format(parsed.value, pattern));
    if (parsed.ok || parsed.failure === null) return true;
    setProblem({ failure: parsed.failure, typed: current.trim() });
    if (value !== '') onValueChange('');
    return false;
  };
  useSubmitGuard(input, settle);
  const keyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && !settle()) event.preventDefault();
  };
  const choose = (chosen: string) => {
    setText(format(chosen, pattern));
    setProblem(null);
    if (chosen !== value) onValueChange(chosen);
  };
  return { text, problem, change, settle, keyDown, choose };
}

/**
 * A form is not sent while `settle` says its field holds no value: the value is then '', which an
 * optional field (a reversal's date) would send as "nothing" — what the user meant silently lost.
 */
export function useSubmitGuard(input: RefObject<HTMLInputElement | null>, settle: () => boolean): void {
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
