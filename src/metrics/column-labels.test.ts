import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { computeMetric, listMetrics, type MetricResult } from './index.ts';
import { REVENUE_BRIDGE_LINES } from './revenue-bridge.ts';
import { seedFinanceExample } from './test-fixtures/finance-example.ts';
import { seedPipelineExample } from './test-fixtures/pipeline-example.ts';
import { seedSubscriptionExample } from './test-fixtures/worked-example.ts';

/**
 * The metrics explorer heads a table column with each field of a point, and names each field of a
 * contributing record and its part (movement, status, record type) in the explain dialog, through
 * web/src/metrics-explorer/i18n/<lang>.json (columns, movements, explain.roles); a field without a
 * label shows as its code (pipelineMinor) in every language. The fields come from every metric run
 * with explain=true over the worked examples of docs/metrics.md.
 */
// Shown by the table and the dialog in their own way (web/src/metrics-explorer/table-model.ts, contribution-rows.ts).
const OWN_POINT_FIELDS = new Set(['period', 'segment', 'currency', 'value', 'explain', 'restatedValue', 'restatement', 'restatedOnly']);
const OWN_RECORD_FIELDS = new Set(['accountId', 'subscriptionId', 'invoiceId', 'opportunityId', 'id', 'recordType', 'movement', 'status', 'amountMinor', 'convertedMinor', 'currency', 'subscriptions', 'conversions']);
const ROLE_FIELDS = ['movement', 'status', 'recordType'];

type Labels = { columns: Record<string, string>; movements: Record<string, string>; explain: { roles: Record<string, string> }; bridgeLines: Record<string, string> };
const labelsOf = (language: string) => JSON.parse(fs.readFileSync(new URL(`../../web/src/metrics-explorer/i18n/${language}.json`, import.meta.url), 'utf8')) as Labels;
const isScalar = (value: unknown) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

async function shownFields(t: TestContext, range: { from: string; to: string }, into: { columns: Set<string>; roles: Set<string> }): Promise<void> {
  for (const metric of listMetrics()) {
    const result = await computeMetric(t.ctx, metric.name, { ...range, interval: 'month', explain: true });
    const points = (Array.isArray(result) ? result : (result as MetricResult).series) as ReadonlyArray<Record<string, unknown>>;
    for (const point of points) {
      for (const [field, value] of Object.entries(point)) if (!OWN_POINT_FIELDS.has(field) && isScalar(value)) into.columns.add(field);
      for (const record of (point['explain'] as { contributions?: Array<Record<string, unknown>> } | undefined)?.contributions ?? []) {
        for (const [field, value] of Object.entries(record)) if (!OWN_RECORD_FIELDS.has(field) && isScalar(value)) into.columns.add(field);
        const role = ROLE_FIELDS.map((field) => record[field]).find((value) => typeof value === 'string');
        if (typeof role === 'string') into.roles.add(role);
      }
    }
  }
}

describe('metric field labels in the web app', () => {
  const shown = { columns: new Set<string>(), roles: new Set<string>() };
  beforeAll(async () => {
    const subscriptions = await createTestContext();
    await seedSubscriptionExample(subscriptions.ctx);
    await seedPipelineExample(subscriptions.ctx);
    await shownFields(subscriptions, { from: '2024-01', to: '2024-06' }, shown);
    await subscriptions.close();
    const finance = await createTestContext({ start: '2026-01-01T06:00:00Z' });
    await seedFinanceExample(finance.ctx, finance.clock);
    await shownFields(finance, { from: '2026-01', to: '2026-03' }, shown);
    await finance.close();
  }, 240_000);

  for (const language of ['en', 'de', 'it', 'ru']) {
    it(`names in ${language} every field and record part the metrics show`, () => {
      const labels = labelsOf(language);
      expect(shown.columns.size).toBeGreaterThan(60);
      expect([...shown.columns].filter((field) => !labels.columns[field])).toEqual([]);
      expect([...shown.roles].filter((role) => !labels.movements[role] && !labels.explain.roles[role])).toEqual([]);
    });
  }
});

describe('revenue bridge line labels in the web app', () => {
  for (const language of ['en', 'de', 'it', 'ru']) {
    it(`names every line of the revenue bridge in ${language}, and no line that does not exist`, () => {
      expect(Object.keys(labelsOf(language).bridgeLines ?? {}).sort()).toEqual(Object.keys(REVENUE_BRIDGE_LINES).sort());
    });
  }
});
