import { findOverdueInvoices, type OverdueInvoice } from '../../billing/index.ts';
import { inTransaction, type Ctx } from '../../shared/context.ts';
import { parsePlainDate } from '../../shared/dates.ts';
import { currencyExponent } from '../../shared/money.ts';
import { localeFormat } from '../../shared/pdf/locale-format.ts';
import type { Language } from '../tables.ts';
import { claimNotice, findCollectionSettings, findContactEmail, listHeldAccountIds, noticesOf, placeHold, recordNoticeDelivery, releaseHold } from './dunning-repo.ts';
import { formatAmount, languageFor } from './language.ts';
import type { Mailer } from './mailer.ts';
import { findActivePromises } from './collections-repo.ts';
import { listDunningStages, type DunningStage } from './stages.ts';
import { renderTemplate } from './templates.ts';

export type DunningOutcome = 'sent' | 'skipped_superseded' | 'hold_placed' | 'promised' | 'no_recipient';
export type DunningAction = { invoiceId: string; number: string | null; accountId: string; stageCode: string | null; outcome: DunningOutcome; recipient: string | null; location: string | null };
export type DunningRunResult = { date: string; actions: DunningAction[]; holdsReleased: string[] };

/**
 * The daily dunning job (docs/payments.md "Dunning"). For each overdue open invoice, the stages
 * whose day has come and that have no notice yet: the latest is acted on (e-mail rendered in the
 * customer's language, or the account put on hold), earlier missed ones are recorded as
 * superseded, so a customer never gets three letters on one day. (invoice, stage) is claimed in
 * the same transaction as the send, so running the job twice — or twice concurrently — acts
 * once. An invoice with an active promise to pay is left alone until the promised date passes.
 * Holds are released for accounts with nothing left past the hold stage.
 */
export async function runDunning(ctx: Ctx, input: { date: string; mailer: Mailer; mailFrom: string }): Promise<DunningRunResult> {
  const stages = await listDunningStages(ctx);
  const overdue = await findOverdueInvoices(ctx, input.date);
  const promised = await findActivePromises(ctx, input.date);
  const notices = await noticesOf(ctx, overdue.map((invoice) => invoice.id));
  const actions: DunningAction[] = [];
  for (const invoice of overdue) {
    if (promised.accounts.has(invoice.accountId) || promised.invoices.has(invoice.id)) {
      actions.push({ invoiceId: invoice.id, number: invoice.number, accountId: invoice.accountId, stageCode: null, outcome: 'promised', recipient: null, location: null });
      continue;
    }
    const done = new Set(notices.filter((notice) => notice.invoice_id === invoice.id).map((notice) => notice.stage_code));
    const due = stages.filter((stage) => stage.daysAfterDue <= daysPastDue(invoice, input.date) && !done.has(stage.code));
    const latest = due.at(-1);
    if (!latest) continue;
    actions.push(...(await actOnInvoice(ctx, invoice, due.slice(0, -1), latest, input)));
  }
  const holdsReleased = await releaseSettledHolds(ctx, stages, overdue, input.date);
  return { date: input.date, actions, holdsReleased };
}

async function actOnInvoice(
  ctx: Ctx, invoice: OverdueInvoice, superseded: DunningStage[], stage: DunningStage, input: { date: string; mailer: Mailer; mailFrom: string },
): Promise<DunningAction[]> {
  const settings = await findCollectionSettings(ctx, invoice.accountId);
  const language: Language = languageFor(settings?.language ?? null, invoice.accountCountry);
  const recipient = settings?.billing_email ?? (await findContactEmail(ctx, invoice.accountId));
  const base = { invoiceId: invoice.id, number: invoice.number, accountId: invoice.accountId };
  if (stage.template !== null && recipient === null) return [{ ...base, stageCode: stage.code, outcome: 'no_recipient', recipient: null, location: null }];
  return inTransaction(ctx, async (tx) => {
    const actions: DunningAction[] = [];
    for (const skipped of superseded) {
      if (await claimNotice(tx, { invoiceId: invoice.id, stageCode: skipped.code, accountId: invoice.accountId, runDate: input.date, channel: 'none', recipient: null, subject: null, language, location: null })) {
        actions.push({ ...base, stageCode: skipped.code, outcome: 'skipped_superseded', recipient: null, location: null });
      }
    }
    if (stage.template === null) {
      await claimNotice(tx, { invoiceId: invoice.id, stageCode: stage.code, accountId: invoice.accountId, runDate: input.date, channel: 'none', recipient: null, subject: null, language, location: null });
      await placeHold(tx, invoice.accountId, `invoice ${invoice.number ?? invoice.id} reached dunning stage ${stage.code}`, input.date);
      actions.push({ ...base, stageCode: stage.code, outcome: 'hold_placed', recipient: null, location: null });
      return actions;
    }
    const facts = {
      // The due date as the language writes it (1. März 2026), like the invoice document.
      accountName: invoice.accountName, invoiceNumber: invoice.number ?? invoice.id, dueDate: invoice.dueDate === null ? '' : localeFormat(language, { dateStyle: 'long' }).date(invoice.dueDate),
      daysPastDue: daysPastDue(invoice, input.date),
      amountDue: formatAmount(invoice.amountDueMinor, invoice.currency, currencyExponent(invoice.currency), language),
    };
    const { subject, body } = renderTemplate(language, stage.template, facts);
    const messageId = `dunning.${invoice.id}.${stage.code}@revline`;
    const claimed = await claimNotice(tx, { invoiceId: invoice.id, stageCode: stage.code, accountId: invoice.accountId, runDate: input.date, channel: 'outbox', recipient, subject, language, location: messageId });
    if (!claimed) return actions; // a concurrent run got there first
    // Sent inside the transaction: a failed send rolls the claim back and the next run retries.
    const sent = await input.mailer.send({ from: input.mailFrom, to: recipient ?? '', subject, text: body, messageId, date: new Date(tx.clock.now().epochMilliseconds) });
    await recordNoticeDelivery(tx, invoice.id, stage.code, sent.channel, sent.location);
    actions.push({ ...base, stageCode: stage.code, outcome: 'sent', recipient, location: sent.location });
    if (stage.placesHold) await placeHold(tx, invoice.accountId, `invoice ${invoice.number ?? invoice.id} reached dunning stage ${stage.code}`, input.date);
    return actions;
  });
}

async function releaseSettledHolds(ctx: Ctx, stages: DunningStage[], overdue: OverdueInvoice[], date: string): Promise<string[]> {
  const holdDays = stages.find((stage) => stage.placesHold)?.daysAfterDue;
  const stillLate = new Set(overdue.filter((invoice) => holdDays !== undefined && daysPastDue(invoice, date) >= holdDays).map((invoice) => invoice.accountId));
  const released: string[] = [];
  // Only dunning's own holds: one placed (or taken over) by hand stays until released by hand.
  for (const accountId of await listHeldAccountIds(ctx, 'dunning')) {
    if (stillLate.has(accountId)) continue;
    // releaseHold reads the hold again in its transaction and lifts it only if it is still dunning's.
    if (await inTransaction(ctx, (tx) => releaseHold(tx, accountId, 'no invoice past the hold stage any more', 'dunning'))) released.push(accountId);
  }
  return released;
}

export function daysPastDue(invoice: Pick<OverdueInvoice, 'dueDate' | 'issueDate'>, date: string): number {
  const dueDate = invoice.dueDate ?? invoice.issueDate ?? date;
  return parsePlainDate(dueDate).until(parsePlainDate(date), { largestUnit: 'days' }).days;
}
