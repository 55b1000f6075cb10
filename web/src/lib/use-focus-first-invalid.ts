import { useEffect, type RefObject } from 'react';

/**
 * After a failed submit, moves focus to the first input marked invalid, so
 * keyboard and screen-reader users land on the field to fix. `attempt` changes once per submit.
 */
export function useFocusFirstInvalid(formRef: RefObject<HTMLFormElement | null>, attempt: number): void {
  useEffect(() => {
    if (attempt === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  }, [formRef, attempt]);
}
