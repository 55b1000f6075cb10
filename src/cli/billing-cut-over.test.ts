import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { getCutOver, upsertImportedInvoice, upsertImportedSubscription } from '../billing/index.ts';
import { makeAccount } from '../billing/fixtures.ts';
import { registerBillingCommand } from './billing.ts';
import { runCutOverCommand, runOpeningBalancesCommand } from './billing-cut-over.ts';

function capture() {
  const out = new PassThrough();
  const err = new PassThrough();
  let text = '';
  let errors = '';
  out.on('data', (chunk: Buffer) => { text += chunk.toString(); });
  err.on('data', (chunk: Buffer) => { errors += chunk.toString(); });
  return { io: { out, err }, text: () => text, errors: () => errors };
}

// The CLI doors of PUT /billing/cut-over and POST /billing/cut-over/opening-balances (src/billing/cut-over/routes.ts).
describe('revline billing cut-over', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-01-05T06:00:00Z' });
    const accountId = await makeAccount(t.ctx);
    await upsertImportedSubscription(t.ctx, {
      sourceSystem: 'stripe', externalId: 'sub_1', accountId, currency: 'usd', startDate: '2025-06-10', planLabel: 'Pro', billingMode: 'anniversary',
      items: [{ itemKey: 'price_pro', quantity: 10, unitPriceMinor: 4900 }],
    });
    await upsertImportedInvoice(t.ctx, {
      sourceSystem: 'stripe', externalId: 'in_1', accountId, subscriptionExternalId: 'sub_1', number: 'STRIPE-0001', currency: 'usd',
      issueDate: '2025-12-10', periodStartDate: '2025-12-10', periodEndDate: '2026-01-10', subtotalMinor: 49_000, status: 'issued',
    });
  });
  afterAll(() => t.close());

  it('shows no cut-over, refuses opening balances before one is set, sets it, posts them once, then refuses to move it', async () => {
    const none = capture();
    expect(await runCutOverCommand(t.ctx, {}, none.io)).toBe(0);
    expect(none.text()).toBe('No cut-over date set: imported subscriptions bill in their source system.\n');

    const early = capture();
    expect(await runOpeningBalancesCommand(t.ctx, {}, early.io)).toBe(1);
    expect(early.errors()).toMatch(/^error: .*cut-over/i);
    expect(early.text()).toBe('');

    const set = capture();
    expect(await runCutOverCommand(t.ctx, { date: '2026-01-01', json: true }, set.io)).toBe(0);
    expect(JSON.parse(set.text())).toEqual({ date: '2026-01-01', openingPosted: false });

    const opening = capture();
    expect(await runOpeningBalancesCommand(t.ctx, {}, opening.io)).toBe(0);
    expect(opening.text()).toMatch(/^Opening balances as of 2026-01-01: 1 entries\n {2}je_\S+: 490\.00 USD over 1 invoices\n$/);
    const again = capture();
    expect(await runOpeningBalancesCommand(t.ctx, { json: true }, again.io)).toBe(0);
    expect(JSON.parse(again.text())).toEqual({ cutOverDate: '2026-01-01', entries: [] });

    const moved = capture();
    expect(await runCutOverCommand(t.ctx, { date: '2026-02-01' }, moved.io)).toBe(1);
    expect(moved.errors()).toMatch(/^error: opening balances were posted as of the cut-over 2026-01-01 .* \(--date\)\n$/);
    expect(await getCutOver(t.ctx)).toEqual({ date: '2026-01-01', openingPosted: true });
    const shown = capture();
    expect(await runCutOverCommand(t.ctx, {}, shown.io)).toBe(0);
    expect(shown.text()).toBe('Cut-over: 2026-01-01 (opening balances posted)\n');
  });

  it('is wired as `billing cut-over [--date]` and `billing cut-over opening-balances`; a bad date is a usage error naming the option', async () => {
    const codes: number[] = [];
    let usage = '';
    const program = new Command('revline').exitOverride().configureOutput({ writeErr: (text) => { usage += text; }, writeOut: () => {} });
    registerBillingCommand(program, async (work) => { codes.push(await work(t.ctx)); });
    for (const command of program.commands) command.exitOverride().configureOutput({ writeErr: (text) => { usage += text; } });
    const cutOver = program.commands.find((command) => command.name() === 'billing')?.commands.find((command) => command.name() === 'cut-over');
    cutOver?.exitOverride().configureOutput({ writeErr: (text) => { usage += text; } });
    await expect(program.parseAsync(['node', 'revline', 'billing', 'cut-over', '--date', '2026-02-30'])).rejects.toThrow();
    expect(usage).toMatch(/--date.*must be a calendar date as YYYY-MM-DD/);
    expect(codes).toEqual([]);
    const out = process.stdout.write;
    process.stdout.write = () => true;
    try {
      await program.parseAsync(['node', 'revline', 'billing', 'cut-over', 'opening-balances', '--json']);
      await program.parseAsync(['node', 'revline', 'billing', 'cut-over']);
    } finally {
      process.stdout.write = out;
    }
    expect(codes).toEqual([0, 0]);
  });
});
