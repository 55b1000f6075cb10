import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '../../../src/shared/audit-vocabulary.ts';
import { auditActionLabel, auditEntityTypeLabel, auditEntityTypeOptions } from './audit-labels.ts';
import de from './i18n/de.json';
import en from './i18n/en.json';
import it_ from './i18n/it.json';
import ru from './i18n/ru.json';

const DATA_LABELS: Record<string, unknown> = { en, de, it: it_, ru };

// The server's list is complete by construction: recordAudit takes only its codes (src/shared/audit.ts).
async function translatorFor(language: string): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({ lng: language, resources: { [language]: { translation: { data: DATA_LABELS[language] } } }, interpolation: { escapeValue: false } });
  return instance.t;
}

describe('audit labels', () => {
  it.each(['en', 'de', 'it', 'ru'])('words every action and record type the server writes in %s', async (language) => {
    const t = await translatorFor(language);
    const unlabelled = [
      ...AUDIT_ACTIONS.filter((code) => auditActionLabel(t, code) === code).map((code) => `action ${code}`),
      ...AUDIT_ENTITY_TYPES.filter((code) => auditEntityTypeLabel(t, code) === code).map((code) => `type ${code}`),
    ];
    expect(unlabelled).toEqual([]);
  });

  it('has no label left over for a code the server no longer writes', () => {
    const leaves = (node: unknown, prefix = ''): string[] => typeof node === 'string' ? [prefix]
      : Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => leaves(value, prefix === '' ? key : `${prefix}.${key}`));
    expect(leaves(en.auditActions).sort()).toEqual([...AUDIT_ACTIONS].sort());
    expect(leaves(en.auditEntityTypes).sort()).toEqual([...AUDIT_ENTITY_TYPES].sort());
  });

  it('shows an unknown code as itself, and a code that names a group of labels too', async () => {
    const t = await translatorFor('de');
    expect([auditActionLabel(t, 'settlement.apply'), auditActionLabel(t, 'frobnicate'), auditActionLabel(t, 'settlement'), auditEntityTypeLabel(t, 'invoice')])
      .toEqual(['Zahlung zugeordnet', 'frobnicate', 'settlement', 'Rechnung']);
  });

  it('offers the record types by their label, keeping a type from the address it does not know', async () => {
    const t = await translatorFor('ru');
    const options = auditEntityTypeOptions(t, 'ru', 'legacy_thing');
    expect(options).toHaveLength(AUDIT_ENTITY_TYPES.length + 1);
    expect(options.find((option) => option.value === 'opportunity')?.label).toBe('Сделка');
    expect(options.some((option) => option.value === 'legacy_thing')).toBe(true);
    const labels = options.map((option) => option.label);
    expect(labels).toEqual([...labels].sort(new Intl.Collator('ru').compare));
  });
});
