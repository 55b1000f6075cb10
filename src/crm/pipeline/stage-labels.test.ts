import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { listStages } from './index.ts';

/**
 * The web app shows a default stage in the reader's language while it keeps its seeded label
 * (web/src/pipeline/stage-label.ts): the English names there must be the labels the migration seeds.
 */
function stageNamesOf(language: string): Record<string, string> {
  const file = new URL(`../../../web/src/pipeline/i18n/${language}.json`, import.meta.url);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { stages?: Record<string, string> }).stages ?? {};
}

describe('default pipeline stage labels', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('names the seeded stages in English exactly as they are seeded', async () => {
    const seeded = (await listStages(t.ctx)).data;
    expect(seeded.length).toBeGreaterThan(5);
    expect(stageNamesOf('en')).toEqual(Object.fromEntries(seeded.map((stage) => [stage.key, stage.label])));
  });

  for (const language of ['de', 'it', 'ru']) {
    it(`translates every seeded stage into ${language}`, async () => {
      const names = stageNamesOf(language);
      const english = stageNamesOf('en');
      expect(Object.keys(english).length).toBeGreaterThan(5);
      expect(Object.keys(names).sort()).toEqual(Object.keys(english).sort());
      for (const [key, name] of Object.entries(names)) expect(name, key).not.toBe(english[key]);
    });
  }
});
