import type { FakeClock } from '../../shared/clock.ts';
import type { Ctx } from '../../shared/context.ts';
import { createSubscription } from '../create-subscription.ts';
import { makeAccount, makeItemInput, makeSubscriptionInput } from '../fixtures.ts';
import type { ItemInput } from '../item-input.ts';
import type { CreateSubscriptionInput } from '../subscription-schema.ts';
import { draftInvoicesForSubscription } from './draft-invoices.ts';
import { loadBilledInvoices, loadCreditNotes } from './invoice-documents.ts';
import { issueInvoice } from './issue-invoice.ts';

/** Scenario helpers on a fake clock (tests only): a story is create → bill on dates → assert cents. */
export function scenarioKit(t: () => { ctx: Ctx; clock: FakeClock }) {
  let accountId: string | null = null;
  const account = async () => (accountId ??= await makeAccount(t().ctx));
  return {
    async subscribe(overrides: Partial<CreateSubscriptionInput> & { item?: Partial<ItemInput> } = {}) {
      const { item, ...rest } = overrides;
      return createSubscription(t().ctx, makeSubscriptionInput(await account(), { items: [makeItemInput(item)], ...rest }));
    },
    /** Moves the clock to `date`, bills through it and issues every draft made. */
    async billOn(subscriptionId: string, date: string, options: { issue?: boolean } = {}) {
      t().clock.set(`${date}T06:00:00Z`);
      const result = await draftInvoicesForSubscription(t().ctx, { subscriptionId, throughDate: date });
      if (options.issue ?? true) for (const id of result.invoiceIds) await issueInvoice(t().ctx, { invoiceId: id });
      return { invoices: await loadBilledInvoices(t().ctx, result.invoiceIds), creditNotes: await loadCreditNotes(t().ctx, result.creditNoteIds) };
    },
  };
}

/** [amount, note] per line: the shape scenario assertions compare. */
export function lineSummary(invoice: { lines: Array<{ amountMinor: bigint; note: string | null; periodStartDate: string | null; periodEndDate: string | null }> }) {
  return invoice.lines.map((line) => [line.amountMinor, line.periodStartDate, line.periodEndDate, line.note]);
}
