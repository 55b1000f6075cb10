import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { inTransaction } from '../../shared/context.ts';
import { makeCustomer, makeIssuedInvoice } from '../fixtures.ts';
import { recordPayment } from '../record-payment.ts';
import { addPaymentPromise, collectionsWorklist, getAccountHold, isAccountOnHold, placeHoldByHand, setCollectionSettings, addCollectionNote } from './collections.ts';
import { releaseHold } from './dunning-repo.ts';
import { outboxMailer } from './mailer.ts';
import { runDunning } from './run-dunning.ts';
import { setDunningStages } from './stages.ts';

describe('dunning (scenario on a fake clock)', () => {
  let t: TestContext;
  let outbox: string;
  beforeEach(async () => {
    t = await createTestContext({ start: '2026-03-01T06:00:00Z' });
    outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-outbox-'));
  });
  afterEach(async () => {
    await t.close();
    fs.rmSync(outbox, { recursive: true, force: true });
  });
  const run = (date: string) => runDunning(t.ctx, { date, mailer: outboxMailer(outbox), mailFrom: 'ar@example.com' });
  const emls = () => fs.readdirSync(outbox).sort();

  it('walks reminder +3, second +14, final +30, hold +45 once each, in the customer language, and releases the hold when paid', async () => {
    const accountId = await makeCustomer(t.ctx, { country: 'DE' });
    await setCollectionSettings(t.ctx, accountId, { billingEmail: 'ap@kunde.example', language: 'de' });
    const invoice = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 123_456n, issueDate: '2026-02-01', dueDate: '2026-03-01', number: 'INV-2026-000100' });

    expect((await run('2026-03-03')).actions).toEqual([]);
    const first = await run('2026-03-04');
    expect(first.actions).toMatchObject([{ invoiceId: invoice.id, stageCode: 'reminder', outcome: 'sent', recipient: 'ap@kunde.example' }]);
    expect((await run('2026-03-04')).actions).toEqual([]); // idempotent per (invoice, stage)
    const eml = fs.readFileSync(path.join(outbox, emls()[0] ?? ''), 'utf8');
    expect(eml).toContain('To: ap@kunde.example');
    const body = Buffer.from(eml.split('\r\n\r\n')[1]?.replace(/\r\n/g, '') ?? '', 'base64').toString('utf8');
    expect(body).toContain('Rechnung INV-2026-000100');
    expect(body).toContain('1.234,56');

    // The job did not run for weeks: only the latest stage is sent, the missed one is recorded as superseded.
    const late = await run('2026-03-31');
    expect(late.actions.map((a) => [a.stageCode, a.outcome])).toEqual([['second_reminder', 'skipped_superseded'], ['final_notice', 'sent']]);
    expect(emls()).toHaveLength(2);
    expect(await isAccountOnHold(t.ctx, accountId)).toBe(false);

    const hold = await run('2026-04-15');
    expect(hold.actions.map((a) => [a.stageCode, a.outcome])).toEqual([['on_hold', 'hold_placed']]);
    expect(await isAccountOnHold(t.ctx, accountId)).toBe(true);
    const worklist = await collectionsWorklist(t.ctx, { asOf: '2026-04-15' });
    expect(worklist).toMatchObject([{ accountId, onHold: true, lastContactDate: '2026-03-31', invoices: [{ invoiceId: invoice.id, stage: 'on_hold', daysPastDue: 45, amountDueMinor: 123_456n }] }]);

    // Paid: it leaves dunning at once, and the next run lifts the hold.
    t.clock.set('2026-04-16T06:00:00Z'); // the day the money arrives: a payment is never dated after today
    await recordPayment(t.ctx, { accountId, amount: { amountMinor: 123_456n, currency: 'EUR' }, receivedDate: '2026-04-16' });
    expect(await collectionsWorklist(t.ctx, { asOf: '2026-04-16' })).toEqual([]);
    const released = await run('2026-04-17');
    expect(released).toMatchObject({ actions: [], holdsReleased: [accountId] });
    expect(await isAccountOnHold(t.ctx, accountId)).toBe(false);
  });

  it('keeps a hold placed or taken over by hand when the customer pays; only a release by hand lifts it', async () => {
    const disputed = await makeCustomer(t.ctx, { country: 'DE' });
    const late = await makeCustomer(t.ctx, { country: 'DE' });
    const lateInvoice = await makeIssuedInvoice(t.ctx, late, { totalMinor: 9_900n, issueDate: '2026-01-01', dueDate: '2026-01-15', number: 'INV-2026-000200' });

    const byHand = await placeHoldByHand(t.ctx, disputed, { reason: 'Disputes the February invoice' });
    expect(byHand).toMatchObject({ takenOver: false, hold: { accountId: disputed, origin: 'manual', reason: 'Disputes the February invoice', placedDate: '2026-03-01' } });
    await expect(placeHoldByHand(t.ctx, disputed, { reason: 'again' })).rejects.toMatchObject({ code: 'conflict' });

    // Dunning put the late payer on hold; finance takes the hold over, then the customer pays.
    expect((await run('2026-03-02')).actions.map((a) => a.outcome)).toContain('hold_placed');
    expect(await getAccountHold(t.ctx, late)).toMatchObject({ origin: 'dunning' });
    const takenOver = await placeHoldByHand(t.ctx, late, { reason: 'Credit check before new orders' });
    expect(takenOver).toMatchObject({ takenOver: true, hold: { origin: 'manual', reason: 'Credit check before new orders' } });
    t.clock.set('2026-03-03T06:00:00Z'); // the day the money arrives: a payment is never dated after today
    await recordPayment(t.ctx, { accountId: late, amount: { amountMinor: 9_900n, currency: 'EUR' }, receivedDate: '2026-03-03' });
    expect(await run('2026-03-04')).toMatchObject({ holdsReleased: [] });
    expect([await isAccountOnHold(t.ctx, disputed), await isAccountOnHold(t.ctx, late)]).toEqual([true, true]);

    const audit = await sql<{ action: string; after: { origin?: string } | null }>`
      select action, after from audit_log where entity_type = 'account' and entity_id = ${late} and action like 'hold.%' order by seq`.execute(t.ctx.db);
    expect(audit.rows.map((row) => [row.action, row.after?.origin])).toEqual([['hold.place', 'dunning'], ['hold.take_over', 'manual']]);
    expect(lateInvoice.id).toMatch(/^inv_/);

    await inTransaction(t.ctx, (tx) => releaseHold(tx, late, 'Credit check passed'));
    expect(await getAccountHold(t.ctx, late)).toBeNull();
    await expect(getAccountHold(t.ctx, 'acct_missing')).rejects.toMatchObject({ code: 'not_found' });
    await expect(placeHoldByHand(t.ctx, 'acct_missing', { reason: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(placeHoldByHand(t.ctx, disputed, { reason: '' })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('waits while a promise to pay stands, skips a customer without an address, and records notes', async () => {
    const promised = await makeCustomer(t.ctx, { country: 'IT' });
    const silent = await makeCustomer(t.ctx);
    await setCollectionSettings(t.ctx, promised, { billingEmail: 'conti@cliente.example', language: 'it' });
    await makeIssuedInvoice(t.ctx, promised, { totalMinor: 5_000n, dueDate: '2026-03-01' });
    await makeIssuedInvoice(t.ctx, silent, { totalMinor: 5_000n, dueDate: '2026-03-01' });
    await addPaymentPromise(t.ctx, { accountId: promised, promisedDate: '2026-03-10', amount: { amountMinor: 5_000n, currency: 'EUR' } });
    await addCollectionNote(t.ctx, { accountId: promised, body: 'Called, will pay on the 10th', contacted: true });
    const during = await run('2026-03-05');
    expect(during.actions.map((a) => [a.accountId, a.outcome])).toEqual([[promised, 'promised'], [silent, 'no_recipient']]);
    expect(emls()).toEqual([]);
    const after = await run('2026-03-11');
    expect(after.actions.find((a) => a.accountId === promised)).toMatchObject({ stageCode: 'reminder', outcome: 'sent' });
    const worklist = await collectionsWorklist(t.ctx, { asOf: '2026-03-11', accountId: promised });
    expect(worklist[0]).toMatchObject({ lastContactDate: '2026-03-11', promise: { promisedDate: '2026-03-10', amountMinor: 5_000n }, notes: [{ body: 'Called, will pay on the 10th' }] });
  });

  it('follows stages configured as data, keeping the history of a replaced stage', async () => {
    const accountId = await makeCustomer(t.ctx, { country: 'RU' });
    await setCollectionSettings(t.ctx, accountId, { billingEmail: 'buh@klient.example', language: 'ru' });
    const invoice = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 990_000n, dueDate: '2026-03-01', number: 'INV-RU-1' });
    expect((await run('2026-03-04')).actions.map((a) => a.stageCode)).toEqual(['reminder']);
    const stages = await setDunningStages(t.ctx, { stages: [
      { code: 'nudge', daysAfterDue: 1, template: 'reminder' },
      { code: 'last_call', daysAfterDue: 7, template: 'final_notice', placesHold: true },
    ] });
    expect(stages.map((s) => [s.code, s.position, s.daysAfterDue, s.placesHold])).toEqual([['nudge', 1, 1, false], ['last_call', 2, 7, true]]);
    // 'nudge' never ran for this invoice, 'last_call' is due: the latest is sent and places the hold.
    const result = await run('2026-03-08');
    expect(result.actions.map((a) => [a.stageCode, a.outcome])).toEqual([['nudge', 'skipped_superseded'], ['last_call', 'sent']]);
    expect(await isAccountOnHold(t.ctx, accountId)).toBe(true);
    const file = emls().find((name) => name.includes('last_call')) ?? '';
    const eml = fs.readFileSync(path.join(outbox, file), 'utf8');
    const body = Buffer.from(eml.split('\r\n\r\n')[1]?.replace(/\r\n/g, '') ?? '', 'base64').toString('utf8');
    expect(body).toContain('счёт INV-RU-1');
    expect(body).toMatch(/9\s900,00\s€/);
    expect(invoice.id).toMatch(/^inv_/);
  });
});
