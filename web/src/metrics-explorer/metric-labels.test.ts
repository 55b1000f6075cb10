import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from './i18n/en.json';
import de from './i18n/de.json';
import { explainFormula, metricFormula } from './metric-labels.ts';

const ARR_FORMULA = 'ARR = 12 × MRR on the period\'s last day';

describe('metric formulas in the reader\'s language', () => {
  beforeAll(async () => {
    await i18next.init({
      resources: { en: { translation: { metricsExplorer: en } }, de: { translation: { metricsExplorer: de } } },
      lng: 'de', fallbackLng: 'en', interpolation: { escapeValue: false },
    });
  });

  it('shows a catalogue formula translated', () => {
    expect(metricFormula({ name: 'arr', formula: ARR_FORMULA })).toBe('ARR = 12 × MRR am letzten Tag des Zeitraums');
  });

  it('shows the server\'s text for a metric this app has no translation for', () => {
    expect(metricFormula({ name: 'brand-new-metric', formula: 'new ÷ old' })).toBe('new ÷ old');
  });

  it('translates a figure\'s formula only when it is the catalogue text the translation was made from', () => {
    expect(explainFormula('arr', ARR_FORMULA)).toBe('ARR = 12 × MRR am letzten Tag des Zeitraums');
    // churn's figures carry a wording of their own: shown as the server wrote it, never a translation of other words.
    expect(explainFormula('customer-churn-rate', 'customers churned in the period ÷ customers with MRR at its start'))
      .toBe('customers churned in the period ÷ customers with MRR at its start');
  });
});
