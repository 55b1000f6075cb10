import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listMetrics } from '../../src/metrics/index.ts';

const LANGUAGES = ['en', 'de', 'it', 'ru'] as const;

/**
 * The metrics explorer words each metric's title and formula in the reader's language and falls back
 * to the server's English text for a metric it does not know (metric-labels.ts). A metric the server
 * has must not fall back: in Russian, "Revenue bridge: bookings → billings → …" stood among Russian titles.
 */
describe('metric labels', () => {
  it('names every metric of the catalogue, with its formula, in every language', () => {
    const missing: string[] = [];
    for (const language of LANGUAGES) {
      const messages = JSON.parse(fs.readFileSync(new URL(`../../web/src/metrics-explorer/i18n/${language}.json`, import.meta.url), 'utf8')) as {
        metrics: Record<string, string>; formulas: Record<string, string>;
      };
      for (const { name } of listMetrics()) {
        if (!messages.metrics[name]) missing.push(`${language} title of ${name}`);
        if (!messages.formulas[name]) missing.push(`${language} formula of ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
