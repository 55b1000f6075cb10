import { useEffect, useRef } from 'react';

/**
 * Saves a draft a moment after the user stops typing. `draftKey` identifies the draft's content;
 * `save` runs when it changed since the last attempt and is not null (null: nothing to send, or
 * invalid input shown at its field). A failed save is not retried until the draft changes again.
 */
export function useDebouncedSave(draftKey: string, save: (() => Promise<void>) | null, delayMs = 450): void {
  const attempted = useRef(draftKey);
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    if (draftKey === attempted.current) return undefined;
    const timer = window.setTimeout(() => {
      const run = saveRef.current;
      if (run === null) return;
      attempted.current = draftKey;
      void run();
    }, delayMs);
    return () => window.clearTimeout(timer);
  }, [draftKey, delayMs]);
}
