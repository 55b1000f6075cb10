import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUALITY_CHECKS } from './data-quality-report.ts';

/** The web app names each check in the reader's language (web/src/data/i18n/<lang>.json, "checks"). */
describe('data-quality check labels', () => {
  for (const language of ['en', 'de', 'it', 'ru']) {
    it(`has a ${language} description for every check, and none for a check that does not exist`, () => {
      const file = new URL(`../../web/src/data/i18n/${language}.json`, import.meta.url);
      const labels = (JSON.parse(fs.readFileSync(file, 'utf8')) as { checks?: Record<string, string> }).checks ?? {};
      expect(Object.keys(labels).sort()).toEqual(QUALITY_CHECKS.map((check) => check.check).sort());
      for (const label of Object.values(labels)) expect(label.trim()).not.toBe('');
    });
  }

  it('keeps the English labels the same as the API descriptions', () => {
    const labels = (JSON.parse(fs.readFileSync(new URL('../../web/src/data/i18n/en.json', import.meta.url), 'utf8')) as { checks: Record<string, string> }).checks;
    for (const check of QUALITY_CHECKS) expect(labels[check.check], check.check).toBe(check.description);
  });
});
