import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './de.json';
import en from './en.json';
import it from './it.json';
import ru from './ru.json';

/** The UI languages; the same four the server accepts as a user locale (identity localeSchema). */
export const LANGUAGES = ['en', 'de', 'it', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language named in itself, so a reader finds theirs whatever is showing now. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', de: 'Deutsch', it: 'Italiano', ru: 'Русский' };

export type Messages = typeof en;

// A key missing from a language fails to compile here (naming the key)…
const resources: Record<Language, { translation: Messages }> = {
  en: { translation: en },
  de: { translation: de },
  it: { translation: it },
  ru: { translation: ru },
};
// …and a key left over in one (a typo, a removed label) fails here.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const TRANSLATIONS_COMPLETE: [SameKeys<Messages, typeof de>, SameKeys<Messages, typeof it>, SameKeys<Messages, typeof ru>] = [true, true, true];

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

const STORAGE_KEY = 'revline.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language chosen with the switcher on this device, if any. */
export function findStoredLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null; // storage disabled (privacy mode): fall back to the browser's languages
  }
}

function detectLanguage(): Language {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'en';
}

/**
 * The BCP 47 locale for Intl: the browser's own regional variant of the UI
 * language when it has one (de-CH groups digits differently from de-DE), else the bare language.
 */
export function intlLocale(language: Language = currentLanguage()): string {
  const regional = (navigator.languages ?? []).find((tag) => tag.toLowerCase().split('-')[0] === language);
  return regional ?? language;
}

export async function changeLanguage(language: Language, options: { remember: boolean } = { remember: true }): Promise<void> {
  if (options.remember) {
    try {
      window.localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // not persisted; the choice still applies to this page
    }
  }
  await i18next.changeLanguage(language);
}

export async function initI18n(): Promise<typeof i18next> {
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  await i18next.use(initReactI18next).init({
    resources,
    lng: findStoredLanguage() ?? detectLanguage(),
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    // React escapes output itself.
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = currentLanguage();
  return i18next;
}
