import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import coreEn from './en.json';
import coreDe from './de.json';
import coreIt from './it.json';
import coreRu from './ru.json';
import dashboardEn from '../dashboard/i18n/en.json';
import dashboardDe from '../dashboard/i18n/de.json';
import dashboardIt from '../dashboard/i18n/it.json';
import dashboardRu from '../dashboard/i18n/ru.json';
import metricsExplorerEn from '../metrics-explorer/i18n/en.json';
import metricsExplorerDe from '../metrics-explorer/i18n/de.json';
import metricsExplorerIt from '../metrics-explorer/i18n/it.json';
import metricsExplorerRu from '../metrics-explorer/i18n/ru.json';
import customersEn from '../customers/i18n/en.json';
import customersDe from '../customers/i18n/de.json';
import customersIt from '../customers/i18n/it.json';
import customersRu from '../customers/i18n/ru.json';
import pipelineEn from '../pipeline/i18n/en.json';
import pipelineDe from '../pipeline/i18n/de.json';
import pipelineIt from '../pipeline/i18n/it.json';
import pipelineRu from '../pipeline/i18n/ru.json';
import quotesEn from '../quotes/i18n/en.json';
import quotesDe from '../quotes/i18n/de.json';
import quotesIt from '../quotes/i18n/it.json';
import quotesRu from '../quotes/i18n/ru.json';
import billingEn from '../billing/i18n/en.json';
import billingDe from '../billing/i18n/de.json';
import billingIt from '../billing/i18n/it.json';
import billingRu from '../billing/i18n/ru.json';
import tableEn from '../components/i18n/en.json';
import settingsPagesEn from '../settings/i18n/en.json';
import dataEn from '../data/i18n/en.json';
import tableDe from '../components/i18n/de.json';
import settingsPagesDe from '../settings/i18n/de.json';
import dataDe from '../data/i18n/de.json';
import tableIt from '../components/i18n/it.json';
import settingsPagesIt from '../settings/i18n/it.json';
import dataIt from '../data/i18n/it.json';
import tableRu from '../components/i18n/ru.json';
import settingsPagesRu from '../settings/i18n/ru.json';
import dataRu from '../data/i18n/ru.json';

/**
 * Core labels live in ./<lang>.json; each feature keeps its own labels in
 * web/src/<feature>/i18n/<lang>.json under one top-level key (its namespace).
 */
const en = { ...coreEn, dashboard: dashboardEn, metricsExplorer: metricsExplorerEn, customers: customersEn, pipeline: pipelineEn, quotes: quotesEn, billing: billingEn, table: tableEn, settingsPages: settingsPagesEn, data: dataEn };
const de = { ...coreDe, dashboard: dashboardDe, metricsExplorer: metricsExplorerDe, customers: customersDe, pipeline: pipelineDe, quotes: quotesDe, billing: billingDe, table: tableDe, settingsPages: settingsPagesDe, data: dataDe };
const it = { ...coreIt, dashboard: dashboardIt, metricsExplorer: metricsExplorerIt, customers: customersIt, pipeline: pipelineIt, quotes: quotesIt, billing: billingIt, table: tableIt, settingsPages: settingsPagesIt, data: dataIt };
const ru = { ...coreRu, dashboard: dashboardRu, metricsExplorer: metricsExplorerRu, customers: customersRu, pipeline: pipelineRu, quotes: quotesRu, billing: billingRu, table: tableRu, settingsPages: settingsPagesRu, data: dataRu };

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

// The keys passed to t() are not typed: with every feature's labels the typed-key machinery of
// i18next exceeds TypeScript's instantiation depth (TS2589). test/architecture/web-i18n-keys.test.ts
// checks instead that every literal key used in web/src exists, in all four languages.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
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
