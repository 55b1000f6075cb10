import fc from 'fast-check';
import { OPEN_MONTH } from '../month-numbers.ts';
import { createStoreBuilder, type MrrStore } from '../mrr-store.ts';

/** Month index of 2024-01: generated spans start around it. */
export const BASE_MONTH = 2024 * 12;

export type SpanInput = { fromMonth: number; toMonth: number; mrrMinor: number };
export type SubscriptionInput = { currency: string; plan: string | null; spans: SpanInput[] };
export type AccountInput = { segment: string | null; subscriptions: SubscriptionInput[] };

const span: fc.Arbitrary<SpanInput> = fc.record({
  from: fc.integer({ min: -6, max: 30 }), length: fc.option(fc.integer({ min: 0, max: 18 }), { nil: null }), mrrMinor: fc.integer({ min: 1, max: 100_000 }),
}).map((s) => ({ fromMonth: BASE_MONTH + s.from, toMonth: s.length === null ? OPEN_MONTH : BASE_MONTH + s.from + s.length, mrrMinor: s.mrrMinor }));

const subscription: fc.Arbitrary<SubscriptionInput> = fc.record({
  currency: fc.constantFrom('USD', 'USD', 'EUR'), plan: fc.constantFrom('Basic', 'Pro', null), spans: fc.array(span, { maxLength: 4 }),
});

export const accountsArbitrary: fc.Arbitrary<AccountInput[]> = fc.array(
  fc.record({ segment: fc.constantFrom('smb', 'mid', null), subscriptions: fc.array(subscription, { minLength: 1, maxLength: 3 }) }),
  { maxLength: 12 },
);

export function buildStore(accounts: readonly AccountInput[]): MrrStore {
  const builder = createStoreBuilder();
  accounts.forEach((account, a) => {
    const accountIndex = builder.addAccount(`acct_${String(a).padStart(3, '0')}`, { segment: account.segment, country: null, industry: null });
    account.subscriptions.forEach((sub, s) => {
      const index = builder.addSubscription(`sub_${a}_${s}`, accountIndex, sub.currency, sub.plan);
      for (const piece of sub.spans) builder.addSpan(index, piece.fromMonth, piece.toMonth, piece.mrrMinor);
    });
  });
  return builder.finish('memory');
}

/** The slow, obvious computation the engine is checked against: a customer's MRR at a month end. */
export function naiveMrr(accounts: readonly AccountInput[], accountIndex: number, currency: string, month: number, plan?: string | null): number {
  const account = accounts[accountIndex];
  if (!account) return 0;
  return account.subscriptions
    .filter((sub) => sub.currency === currency && (plan === undefined || sub.plan === plan))
    .flatMap((sub) => sub.spans)
    .filter((piece) => piece.fromMonth <= month && month < piece.toMonth)
    .reduce((sum, piece) => sum + piece.mrrMinor, 0);
}

/** Whether the customer had MRR on any day of a month up to `month` (spans start on some day of fromMonth). */
export function naiveHadMrrBy(accounts: readonly AccountInput[], accountIndex: number, currency: string, month: number, plan?: string | null): boolean {
  const account = accounts[accountIndex];
  return (account?.subscriptions ?? [])
    .filter((sub) => sub.currency === currency && (plan === undefined || sub.plan === plan))
    .some((sub) => sub.spans.some((piece) => piece.fromMonth <= month));
}
