import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from './i18n/en.json';
import de from './i18n/de.json';
import { leadStatusLabel, stageLabel, stageLabelOf } from './stage-label.ts';

describe('pipeline stage labels', () => {
  beforeAll(async () => {
    await i18next.init({ resources: { en: { translation: { pipeline: en } } }, fallbackLng: 'en', interpolation: { escapeValue: false } });
    i18next.addResourceBundle('de', 'translation', { pipeline: de });
    await i18next.changeLanguage('de');
  });

  it('shows a default stage that keeps its seeded label in the reader\'s language', () => {
    expect(stageLabel({ key: 'negotiation', label: 'Negotiation' })).toBe('Verhandlung');
    expect(stageLabel({ key: 'discovery', label: 'Discovery / Needs Analysis' })).toBe('Bedarfsanalyse');
  });

  it('shows a renamed default stage and a custom stage as configured', () => {
    expect(stageLabel({ key: 'negotiation', label: 'Final talks' })).toBe('Final talks');
    expect(stageLabel({ key: 'legal_review', label: 'Rechtsprüfung' })).toBe('Rechtsprüfung');
  });

  it('names a record\'s stage key by the configured stages, else by the default label, else by the key', () => {
    const stages = [{ key: 'negotiation', label: 'Negotiation' }, { key: 'legal_review', label: 'Rechtsprüfung' }];
    expect(stageLabelOf('negotiation', stages)).toBe('Verhandlung');
    expect(stageLabelOf('legal_review', stages)).toBe('Rechtsprüfung');
    expect(stageLabelOf('proposal', [])).toBe('Angebot');
    expect(stageLabelOf('old_stage', stages)).toBe('old stage');
  });

  it('shows a default lead status in the reader\'s language, a renamed or added one as configured', () => {
    expect(leadStatusLabel({ key: 'working', label: 'Working' })).toBe('In Bearbeitung');
    expect(leadStatusLabel({ key: 'working', label: 'Nurturing' })).toBe('Nurturing');
    expect(leadStatusLabel({ key: 'event_contact', label: 'Messekontakt' })).toBe('Messekontakt');
  });
});
