import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import de from './i18n/de.json';
import en from './i18n/en.json';
import it_ from './i18n/it.json';
import ru from './i18n/ru.json';
import { ledgerAccountName, SEEDED_ACCOUNT_CODES } from './ledger-account-name.ts';

const migration = fs.readFileSync(path.resolve(import.meta.dirname, '../../../migrations', fs.readdirSync(path.resolve(import.meta.dirname, '../../../migrations')).find((file) => file.startsWith('202611230080'))!), 'utf8');

describe('ledger account names', () => {
  it('knows every seeded account by its seeded name, and each language names them all', () => {
    const seeded = [...migration.matchAll(/\('(\d{4})', '([^']+)'/g)].map((match) => [match[1], match[2]]);
    expect(seeded.map(([code]) => code)).toEqual(SEEDED_ACCOUNT_CODES);
    const german = ((key: string) => (de.ledger.accountNames as Record<string, string>)[key.split('.').pop() ?? '']) as unknown as TFunction;
    for (const [code = '', name = ''] of seeded) {
      expect(en.ledger.accountNames).toHaveProperty(code, name);
      for (const names of [de, it_, ru].map((file) => file.ledger.accountNames as Record<string, string>)) expect(names[code]).toBeTruthy();
      expect(ledgerAccountName(german, code, name)).toBe((de.ledger.accountNames as Record<string, string>)[code]);
    }
    // A renamed or added account keeps the name finance gave it.
    expect(ledgerAccountName(german, '1100', 'Debitoren Inland')).toBe('Debitoren Inland');
    expect(ledgerAccountName(german, '1300', 'Other receivables')).toBe('Other receivables');
  });
});
