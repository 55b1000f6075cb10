import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import coreEn from './en.json';
import type coreDe from './de.json';
import type coreIt from './it.json';
import type coreRu from './ru.json';
import dashboardEn from '../dashboard/i18n/en.json';
import type dashboardDe from '../dashboard/i18n/de.json';
import type dashboardIt from '../dashboard/i18n/it.json';
import type dashboardRu from '../dashboard/i18n/ru.json';
import metricsExplorerEn from '../metrics-explorer/i18n/en.json';
import type metricsExplorerDe from '../metrics-explorer/i18n/de.json';
import type metricsExplorerIt from '../metrics-explorer/i18n/it.json';
import type metricsExplorerRu from '../metrics-explorer/i18n/ru.json';
import customersEn from '../customers/i18n/en.json';
import type customersDe from '../customers/i18n/de.json';
import type customersIt from '../customers/i18n/it.json';
import type customersRu from '../customers/i18n/ru.json';
import pipelineEn from '../pipeline/i18n/en.json';
import type pipelineDe from '../pipeline/i18n/de.json';
import type pipelineIt from '../pipeline/i18n/it.json';
import type pipelineRu from '../pipeline/i18n/ru.json';
import quotesEn from '../quotes/i18n/en.json';
import type quotesDe from '../quotes/i18n/de.json';
import type quotesIt from '../quotes/i18n/it.json';
import type quotesRu from '../quotes/i18n/ru.json';
import billingEn from '../billing/i18n/en.json';
import type billingDe from '../billing/i18n/de.json';
import type billingIt from '../billing/i18n/it.json';
import type billingRu from '../billing/i18n/ru.json';
import tableEn from '../components/i18n/en.json';
import settingsPagesEn from '../settings/i18n/en.json';
import dataEn from '../data/i18n/en.json';
import type tableDe from '../components/i18n/de.json';
import type settingsPagesDe from '../settings/i18n/de.json';
import type dataDe from '../data/i18n/de.json';
import type tableIt from '../components/i18n/it.json';
import type settingsPagesIt from '../settings/i18n/it.json';
import type dataIt from '../data/i18n/it.json';
import type tableRu from '../components/i18n/ru.json';
import type settingsPagesRu from '../settings/i18n/ru.json';
import type dataRu from '../data/i18n/ru.json';

/**
 * Core labels live in ./<lang>.json; each feature keeps its own labels in
 * web/src/<feature>/i18n/<lang>.json under one top-level key (its namespace).
 * English is in the main bundle (the fallback); the other languages are loaded when chosen, so
 * the first page does not download and parse labels it does not show (issue #7). A new namespace
 * goes in `en` and the De/It/Ru types here, and in messages-<lang>.ts (which must be `Messages`).
 */
const en = { ...coreEn, dashboard: dashboardEn, metricsExplorer: metricsExplorerEn, customers: customersEn, pipeline: pipelineEn, quotes: quotesEn, billing: billingEn, table: tableEn, settingsPages: settingsPagesEn, data: dataEn };
type De = typeof coreDe & { dashboard: typeof dashboardDe; metricsExplorer: typeof metricsExplorerDe; customers: typeof customersDe; pipeline: typeof pipelineDe; quotes: typeof quotesDe; billing: typeof billingDe; table: typeof tableDe; settingsPages: typeof settingsPagesDe; data: typeof dataDe };
type It = typeof coreIt & { dashboard: typeof dashboardIt; metricsExplorer: typeof metricsExplorerIt; customers: typeof customersIt; pipeline: typeof pipelineIt; quotes: typeof quotesIt; billing: typeof billingIt; table: typeof tableIt; settingsPages: typeof settingsPagesIt; data: typeof dataIt };
type Ru = typeof coreRu & { dashboard: typeof dashboardRu; metricsExplorer: typeof metricsExplorerRu; customers: typeof customersRu; pipeline: typeof pipelineRu; quotes: typeof quotesRu; billing: typeof billingRu; table: typeof tableRu; settingsPages: typeof settingsPagesRu; data: typeof dataRu };

/** The UI languages; the same four the server accepts as a user locale (identity localeSchema). */
export const LANGUAGES = ['en', 'de', 'it', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language named in itself, so a reader finds theirs whatever is showing now. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', de: 'Deutsch', it: 'Italiano', ru: 'Русский' };

export type Messages = typeof en;

// A key missing from a language fails to compile here (naming the key)…
type Complete<T extends Messages> = T;
export type Translations = { en: Messages; de: Complete<De>; it: Complete<It>; ru: Complete<Ru> };
// …and a key left over in one (a typo, a removed label) fails here.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// A language has the plural forms its grammar needs, which English has not: Russian `_few` and
// `_many` (2 символа, 5 символов), Italian `_many` (a million). They are left out here; the
// architecture test web-i18n-keys checks each plural key has exactly its language's forms.
type PluralFormsOfOwn = `${string}_${'zero' | 'two' | 'few' | 'many'}`;
type WithoutOwnPluralForms<T> = T extends string ? T : { [K in keyof T as K extends PluralFormsOfOwn ? never : K]: WithoutOwnPluralForms<T[K]> };
export const TRANSLATIONS_COMPLETE: [SameKeys<Messages, WithoutOwnPluralForms<De>>, SameKeys<Messages, WithoutOwnPluralForms<It>>, SameKeys<Messages, WithoutOwnPluralForms<Ru>>] = [true, true, true];

// Each other language is a chunk of its own (messages-<lang>.ts merges its files as `en` is above).
const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<{ messages: Messages }>> = {
  de: () => import('./messages-de.ts'),
  it: () => import('./messages-it.ts'),
  ru: () => import('./messages-ru.ts'),
};
const loading = new Map<Language, Promise<Messages>>();

/** A language's labels (core and every feature's), fetched once; a failed load is retried by the next call. */
function loadMessages(language: Language): Promise<Messages> {
  if (language === 'en') return Promise.resolve(en);
  let request = loading.get(language);
  if (request) return request;
  request = LOADERS[language]().then((module) => module.messages);
  request.catch(() => loading.delete(language));
  loading.set(language, request);
  return request;
}

async function addLanguage(language: Language): Promise<void> {
  if (i18next.hasResourceBundle(language, 'translation')) return;
  i18next.addResourceBundle(language, 'translation', await loadMessages(language), true, true);
}

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
  // Offline: the language's labels cannot load, so its pages show the English ones until switched again.
  await addLanguage(language).catch(() => undefined);
  await i18next.changeLanguage(language);
}

export async function initI18n(): Promise<typeof i18next> {
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  const language = findStoredLanguage() ?? detectLanguage();
  const messages = await loadMessages(language).catch(() => null); // not loadable (offline): English
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, ...(messages && language !== 'en' ? { [language]: { translation: messages } } : {}) },
    partialBundledLanguages: true,
    lng: messages ? language : 'en',
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    // React escapes output itself.
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = currentLanguage();
  return i18next;
}
