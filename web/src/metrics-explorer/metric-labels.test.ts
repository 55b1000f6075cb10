import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from './i18n/en.json';
import de from './i18n/de.json';
import dashboardEn from '../dashboard/i18n/en.json';
import dashboardDe from '../dashboard/i18n/de.json';
import pipelineEn from '../pipeline/i18n/en.json';
import pipelineDe from '../pipeline/i18n/de.json';
import { cellLabel, explainFormula, metricFormula } from './metric-labels.ts';

const ARR_FORMULA = 'ARR = 12 × MRR on the period\'s last day';

describe('metric formulas in the reader\'s language', () => {
  beforeAll(async () => {
    await i18next.init({
      resources: {
        en: { translation: { metricsExplorer: en, dashboard: dashboardEn, pipeline: pipelineEn } },
        de: { translation: { metricsExplorer: de, dashboard: dashboardDe, pipeline: pipelineDe } },
      },
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

  it('names the codes a report\'s text columns hold, and shows a code it does not know as sent', () => {
    expect(cellLabel('ar-aging', 'bucket', 'days1To30')).toBe('1–30 Tage');
    expect(cellLabel('revenue-bridge', 'line', 'backlog-change')).toBe('Veränderung des Auftragsbestands');
    expect(cellLabel('time-in-stage', 'stage', 'negotiation')).toBe('Verhandlung');
    expect(cellLabel('leads-by-stage', 'stage', 'disqualified')).toBe('Disqualifiziert');
    expect(cellLabel('time-in-stage', 'stage', 'legal_review')).toBe('legal review');
    expect(cellLabel('revenue-bridge', 'line', 'new-line')).toBe('new-line');
  });
});
