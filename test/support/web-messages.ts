import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The web app's labels as web/src/i18n/i18n.ts merges them, for the key checks and the browser tests. */

export const WEB_SRC = fileURLToPath(new URL('../../web/src/', import.meta.url));
const I18N_DIR = path.join(WEB_SRC, 'i18n');
export const WEB_LANGUAGES = ['en', 'de', 'it', 'ru'] as const;

/**
 * The messages of one language as web/src/i18n/i18n.ts merges them, read from its imports:
 * `import coreEn from './en.json'` is the root, `import billingEn from '../billing/i18n/en.json'`
 * the `billing` namespace.
 */
export function messagesOf(language: string): Record<string, unknown> {
  const source = fs.readFileSync(path.join(I18N_DIR, 'i18n.ts'), 'utf8');
  const suffix = language[0]?.toUpperCase() + language.slice(1);
  const merged: Record<string, unknown> = {};
  for (const match of source.matchAll(/^import (?:type )?(\w+) from '([^']+\.json)';$/gm)) {
    const [, name = '', file = ''] = match;
    if (!name.endsWith(suffix)) continue;
    const messages = JSON.parse(fs.readFileSync(path.resolve(I18N_DIR, file), 'utf8')) as Record<string, unknown>;
    const namespace = name.slice(0, -suffix.length);
    if (namespace === 'core') Object.assign(merged, messages);
    else merged[namespace] = messages;
  }
  return merged;
}

export function leafKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafKeys(child, prefix === '' ? key : `${prefix}.${key}`));
}

export function valueAt(messages: Record<string, unknown>, key: string): string {
  const value = key.split('.').reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), messages);
  return typeof value === 'string' ? value : '';
}

/**
 * The English labels a reader of `language` must never meet: each label of the app's that the language writes
 * otherwise and that is no label of that language as well ("Pipeline", "Status" are German too). Labels with
 * placeholders are left out (they never show as written) and so are single short words (codes: MRR, EUR).
 */
export function englishOnlyLabels(language: string): Set<string> {
  const english = messagesOf('en');
  const translated = messagesOf(language);
  const keys = leafKeys(english);
  const theirs = new Set(keys.map((key) => valueAt(translated, key).replace(/\u00ad/g, '')));
  return new Set(keys.flatMap((key) => {
    const text = valueAt(english, key).replace(/\u00ad/g, '');
    const leftOver = text !== '' && !text.includes('{{') && /\p{Ll}{3}/u.test(text) && text !== valueAt(translated, key).replace(/\u00ad/g, '') && !theirs.has(text);
    return leftOver ? [text] : [];
  }));
}
