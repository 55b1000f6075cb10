import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishOnlyLabels, leafKeys, messagesOf, valueAt, WEB_LANGUAGES as LANGUAGES, WEB_SRC } from '../support/web-messages.ts';

/**
 * t() keys are untyped (see web/src/i18n/i18n.ts), so this checks what the compiler cannot: every
 * literal key the web app passes to t() or <Trans i18nKey> exists in English, and every language
 * has exactly the same keys.
 */
const PLURAL_SUFFIXES = ['_zero', '_one', '_two', '_few', '_many', '_other'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

function usedKeys(): { key: string; file: string }[] {
  const pattern = /\bt\(\s*(['"])([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)+)\1|i18nKey=(['"])([A-Za-z0-9_.]+)\3/g;
  return sourceFiles(WEB_SRC).flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(pattern)].map((match) => ({ key: match[2] ?? match[4] ?? '', file: path.relative(WEB_SRC, file) })),
  );
}

describe('web app labels', () => {
  const english = new Set(leafKeys(messagesOf('en')));

  it('defines every literal key used with t() in English (plural forms count)', () => {
    const used = usedKeys();
    expect(used.length).toBeGreaterThan(100);
    const missing = used.filter(({ key }) => !english.has(key) && !PLURAL_SUFFIXES.some((suffix) => english.has(`${key}${suffix}`)));
    expect(missing).toEqual([]);
  });

  it('has a group of labels for every key built from a code (t(`quotes.status.${status}`))', () => {
    const messages = messagesOf('en');
    const prefixes = sourceFiles(WEB_SRC).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/\bt\(\s*`([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)\.\$\{/g)].map((match) => ({ prefix: match[1] ?? '', file: path.relative(WEB_SRC, file) })));
    expect(prefixes.length).toBeGreaterThan(50);
    const group = (prefix: string) => prefix.split('.').reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), messages);
    expect(prefixes.filter(({ prefix }) => typeof group(prefix) !== 'object')).toEqual([]);
  });

  it('knows the English labels a German, Russian or Italian reader must not meet (the browser tests look for them)', () => {
    const german = englishOnlyLabels('de');
    expect(german.has('Prospecting')).toBe(true); // pipeline.stages.prospecting: Akquise
    expect(german.has('Log activity')).toBe(true);
    expect(german.has('Pipeline')).toBe(false); // a German label as well
    expect(german.has('MRR')).toBe(false); // a code
    expect(englishOnlyLabels('ru').has('Pipeline')).toBe(true); // Воронка
  });

  // Same keys can still hold English: a phrase copied over and never translated. Single words and
  // codes (Name, Status, MRR, E-mail) are often the same in the other language; phrases rarely are.
  const SAME_PHRASES_ALLOWED = new Set(['SaaS Quick Ratio', 'Customer success']); // a product term; Italian uses the English one

  it('translates every phrase away from the English', () => {
    const messages = messagesOf('en');
    const english = new Map(leafKeys(messages).map((key) => [key, valueAt(messages, key)]));
    for (const language of LANGUAGES.filter((each) => each !== 'en')) {
      const translated = messagesOf(language);
      const untranslated = [...english].filter(([key, text]) => {
        const words = (text.replace(/{{\w+}}/g, '').match(/\p{L}{3,}/gu) ?? []).filter((word) => /\p{Ll}/u.test(word)); // MQL, ARPA: codes
        return words.length >= 2 && valueAt(translated, key) === text && !SAME_PHRASES_ALLOWED.has(text);
      }).map(([key]) => key);
      expect({ language, untranslated }).toEqual({ language, untranslated: [] });
    }
  });

  it('has the same keys in every language, a plural counting as one key', () => {
    expect(english.size).toBeGreaterThan(500);
    const englishBases = new Set([...english].map(pluralBase));
    for (const language of LANGUAGES) {
      const keys = new Set(leafKeys(messagesOf(language)).map(pluralBase));
      expect({ language, missing: [...englishBases].filter((key) => !keys.has(key)), extra: [...keys].filter((key) => !englishBases.has(key)) })
        .toEqual({ language, missing: [], extra: [] });
    }
  });

  // i18next picks a plural form by Intl.PluralRules: a form missing in one language falls back to
  // English (Italian has `many` for a million), one left over is never read.
  it('gives every plural key exactly the forms its language has (ru: one, few, many, other)', () => {
    const englishPlurals = [...english].filter((key) => pluralBase(key) !== key);
    expect(englishPlurals.length).toBeGreaterThan(0);
    for (const language of LANGUAGES) {
      const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories.map((category) => `_${category}`).sort();
      const byBase = new Map<string, string[]>();
      for (const key of leafKeys(messagesOf(language))) {
        const base = pluralBase(key);
        if (base !== key) byBase.set(base, [...(byBase.get(base) ?? []), key.slice(base.length)]);
      }
      const wrong = [...byBase].filter(([, suffixes]) => suffixes.sort().join() !== forms.join()).map(([base, suffixes]) => `${base}: ${suffixes.join(' ')}`);
      expect({ language, forms, wrong }).toEqual({ language, forms, wrong: [] });
    }
  });
});

/** `validation.size.atMostCharacters` for `validation.size.atMostCharacters_few`; other keys as they are. */
function pluralBase(key: string): string {
  const suffix = PLURAL_SUFFIXES.find((each) => key.endsWith(each));
  return suffix === undefined ? key : key.slice(0, -suffix.length);
}
