import i18next, { type TFunction } from 'i18next';
import { useSyncExternalStore } from 'react';

/**
 * `useTranslation()` for components that only translate: the same `t` (i18next's fixed to the
 * current language, a new function when the language changes, so memoised children redraw) and
 * the same re-render on a language change, without react-i18next's per-mount wrapper (it copies
 * the i18next instance's properties for every component that mounts: ~60 on the dashboard, a
 * noticeable part of the first load's main-thread time, issue #7).
 */
export function useT(): { t: TFunction } {
  const language = useSyncExternalStore(subscribe, currentLanguage);
  return { t: fixedT(language) };
}

function subscribe(onChange: () => void): () => void {
  i18next.on('languageChanged', onChange);
  return () => i18next.off('languageChanged', onChange);
}

function currentLanguage(): string {
  return i18next.language;
}

const fixedByLanguage = new Map<string, TFunction>();

function fixedT(language: string): TFunction {
  let t = fixedByLanguage.get(language);
  if (t === undefined) {
    t = i18next.getFixedT(language);
    fixedByLanguage.set(language, t);
  }
  return t;
}
