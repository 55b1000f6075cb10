import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { listLeadStatuses } from './index.ts';

/**
 * The web app shows a default lead status in the reader's language while it keeps its seeded
 * label (web/src/pipeline/stage-label.ts): the English names there must be the labels the migration seeds.
 */
function statusNamesOf(language: string): Record<string, string> {
  const file = new URL(`../../../web/src/pipeline/i18n/${language}.json`, import.meta.url);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { leadStatuses?: Record<string, string> }).leadStatuses ?? {};
}

describe('default lead status labels', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('names the seeded statuses in English exactly as they are seeded, and in every language', async () => {
    const seeded = Object.fromEntries((await listLeadStatuses(t.ctx)).data.map((status) => [status.key, status.label]));
    expect(Object.keys(seeded).length).toBeGreaterThan(4);
    expect(statusNamesOf('en')).toEqual(seeded);
    for (const language of ['de', 'it', 'ru']) expect(Object.keys(statusNamesOf(language)).sort(), language).toEqual(Object.keys(seeded).sort());
  });
});
