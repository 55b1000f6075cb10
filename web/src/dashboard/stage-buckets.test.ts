import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../pipeline/i18n/en.json';
import ru from '../pipeline/i18n/ru.json';
import type { SeriesPoint } from '../metrics-explorer/metrics-api.ts';
import { stageBuckets } from './stage-buckets.ts';

const deal = (stage: string, amountMinor: number, probabilityBps: number, status = 'open') => ({ stage, amountMinor, probabilityBps, status });
const point: SeriesPoint = {
  period: '2024-04', value: 1_800_000, currency: 'USD',
  explain: {
    formula: '', settings: {},
    contributions: [deal('negotiation', 500_000, 8000), deal('legal_review', 300_000, 9000), deal('qualification', 400_000, 2000), deal('negotiation', 600_000, 8000), deal('closed_won', 900_000, 10_000, 'won')],
  },
};

describe('open pipeline by stage', () => {
  beforeAll(async () => {
    await i18next.init({ resources: { en: { translation: { pipeline: en } } }, fallbackLng: 'en', interpolation: { escapeValue: false } });
    i18next.addResourceBundle('ru', 'translation', { pipeline: ru });
    await i18next.changeLanguage('ru');
  });

  it('sums the open deals per stage in probability order, named by the configured stages', () => {
    const stages = [{ key: 'qualification', label: 'Qualification' }, { key: 'negotiation', label: 'Negotiation' }, { key: 'legal_review', label: 'Юридическая проверка' }];
    expect(stageBuckets(point, stages)).toEqual([
      { key: 'qualification', label: 'Квалификация', amountMinor: 400_000n },
      { key: 'negotiation', label: 'Переговоры', amountMinor: 1_100_000n },
      { key: 'legal_review', label: 'Юридическая проверка', amountMinor: 300_000n },
    ]);
  });
});
