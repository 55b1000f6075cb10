import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listMetrics } from './metric-catalog.ts';

/** The web app shows each metric's formula in the reader's language (web/src/metrics-explorer/i18n/<lang>.json, "formulas"). */
function formulasOf(language: string): Record<string, string> {
  const file = new URL(`../../web/src/metrics-explorer/i18n/${language}.json`, import.meta.url);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { formulas?: Record<string, string> }).formulas ?? {};
}

describe('metric formula labels', () => {
  const names = listMetrics().map((metric) => metric.name);

  for (const language of ['en', 'de', 'it', 'ru']) {
    it(`has a ${language} formula for every metric, and none for a metric that does not exist`, () => {
      const formulas = formulasOf(language);
      expect(names.length).toBeGreaterThan(40);
      expect(Object.keys(formulas).sort()).toEqual([...names].sort());
      for (const formula of Object.values(formulas)) expect(formula.trim()).not.toBe('');
    });
  }

  it('keeps the English formulas the same as the API formulas', () => {
    const formulas = formulasOf('en');
    for (const metric of listMetrics()) expect(formulas[metric.name], metric.name).toBe(metric.formula);
  });

  // A formula copied over untranslated would pass the key check above; only symbols and ids may stay alike.
  it('translates every formula away from the English', () => {
    const english = formulasOf('en');
    for (const language of ['de', 'it', 'ru']) {
      const formulas = formulasOf(language);
      const untranslated = names.filter((name) => formulas[name] !== undefined && formulas[name] === english[name]);
      expect({ language, untranslated }).toEqual({ language, untranslated: [] });
    }
  });
});
