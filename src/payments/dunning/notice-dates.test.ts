import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { makeCustomer, makeIssuedInvoice } from '../fixtures.ts';
import { setCollectionSettings } from './collections.ts';
import { outboxMailer } from './mailer.ts';
import { runDunning } from './run-dunning.ts';

// A reminder in the customer's language writes the due date as that language does ("1. März 2026"),
// like the invoice document — not as ISO text in the middle of a German sentence.
describe('dates in dunning e-mails', () => {
  let t: TestContext;
  let outbox: string;
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-03-01T06:00:00Z' });
    outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-outbox-dates-'));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(outbox, { recursive: true, force: true });
  });

  it('formats the due date per language', async () => {
    const expected: Array<[string, 'en' | 'de' | 'it' | 'ru', string]> = [['DE', 'de', '1. März 2026'], ['IT', 'it', '1 marzo 2026'], ['US', 'en', 'March 1, 2026'], ['RU', 'ru', '1 марта 2026']];
    for (const [country, language] of expected) {
      const accountId = await makeCustomer(t.ctx, { country });
      await setCollectionSettings(t.ctx, accountId, { billingEmail: `ap-${language}@kunde.example`, language });
      await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 10_000n, issueDate: '2026-02-01', dueDate: '2026-03-01', number: `INV-DATES-${language}` });
    }
    const result = await runDunning(t.ctx, { date: '2026-03-04', mailer: outboxMailer(outbox), mailFrom: 'ar@example.com' });
    expect(result.actions.filter((action) => action.outcome === 'sent')).toHaveLength(4);
    for (const [, language, date] of expected) {
      const file = fs.readdirSync(outbox).find((name) => fs.readFileSync(path.join(outbox, name), 'utf8').includes(`ap-${language}@`)) ?? '';
      const eml = fs.readFileSync(path.join(outbox, file), 'utf8');
      const body = Buffer.from(eml.split('\r\n\r\n')[1]?.replace(/\r\n/g, '') ?? '', 'base64').toString('utf8');
      expect(body, language).toContain(date);
      expect(body, language).not.toContain('2026-03-01');
    }
  });
});
