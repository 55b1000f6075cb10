import { z } from 'zod';
import { pageQuerySchema } from '../shared/http/pagination.ts';
import {
  currencySchema, externalIdSchema, plainDateSchema, recordIdSchema, sourceSystemSchema, text,
} from './fields.ts';
import { itemChangeSchema, itemInputSchema } from './item-input.ts';
import type { ItemVersionTerms } from './item-versions.ts';
import { BILLING_MODES, SUBSCRIPTION_STATUSES, type BillingMode, type SubscriptionStatus } from './tables.ts';

const subscriptionFields = {
  accountId: recordIdSchema,
  currency: currencySchema,
  startDate: plainDateSchema.describe('First day of service'),
  endDate: plainDateSchema.nullable().default(null).describe('Exclusive: the first day without service; null = open-ended'),
  trialEndDate: plainDateSchema.nullable().default(null).describe('Exclusive: the first paid day; null = no trial'),
  billingMode: z.enum(BILLING_MODES).default('anniversary').describe('anniversary: billing day = start day (clamped to month end); calendar: periods start on the 1st'),
  billingAnchorDate: plainDateSchema.nullable().default(null).describe('Default: the start date (anniversary) or 1 January of the start year (calendar)'),
  autoRenew: z.boolean().default(true),
  planLabel: text(200).nullable().default(null),
};

export const createSubscriptionSchema = z.strictObject({
  ...subscriptionFields,
  items: z.array(itemInputSchema).min(1).max(100),
});
export type CreateSubscriptionInput = z.input<typeof createSubscriptionSchema>;

const changeFields = {
  effectiveDate: plainDateSchema.optional().describe('The first day the new terms apply; absent: today for an upgrade, the period end for a downgrade (see downgrade)'),
  downgrade: z.enum(['at_period_end', 'immediately']).optional()
    .describe('Without effectiveDate: when a change that lowers what the subscription bills takes effect; default at_period_end'),
  changes: z.array(itemChangeSchema).min(1).max(100),
};
const dateOrPolicy = (value: { effectiveDate?: string | undefined; downgrade?: string | undefined }) => value.effectiveDate === undefined || value.downgrade === undefined;
const dateOrPolicyMessage = { message: 'give effectiveDate or downgrade, not both', path: ['downgrade'] };
export const changeSubscriptionItemsSchema = z.strictObject(changeFields).refine(dateOrPolicy, dateOrPolicyMessage);
export type ChangeSubscriptionItemsInput = z.input<typeof changeSubscriptionItemsSchema>;
export const changeSubscriptionItemsBodySchema = z.strictObject({ ...changeFields, version: z.int().positive().optional() }).refine(dateOrPolicy, dateOrPolicyMessage);

const cancelFields = {
  cancelDate: plainDateSchema.optional().describe('The first day without service; default today (cancel immediately)'),
  atPeriodEnd: z.boolean().default(false).describe('End with the current billing period instead'),
};
const notBoth = (value: { cancelDate?: string | undefined; atPeriodEnd: boolean }) => !(value.atPeriodEnd && value.cancelDate !== undefined);
const notBothMessage = { message: 'give cancelDate or atPeriodEnd, not both', path: ['cancelDate'] };
export const cancelSubscriptionSchema = z.strictObject(cancelFields).refine(notBoth, notBothMessage);
/** The route's body: the same, plus the version the client saw (or If-Match). */
export const cancelSubscriptionBodySchema = z.strictObject({ ...cancelFields, version: z.int().positive().optional() }).refine(notBoth, notBothMessage);
export type CancelSubscriptionInput = z.input<typeof cancelSubscriptionSchema>;

/** Pause from `pauseDate` until `resumeDate` (exclusive; absent = until resumed); the route's bodies carry the version too. */
export const pauseSubscriptionBodySchema = z.strictObject({
  pauseDate: plainDateSchema.describe('The first day without service (and without billing)'),
  resumeDate: plainDateSchema.nullable().optional().describe('The first day billed again; absent or null: until resumed'),
  version: z.int().positive().optional(),
});
export const resumeSubscriptionBodySchema = z.strictObject({
  resumeDate: plainDateSchema.describe('The first day billed again: ends the open pause'),
  version: z.int().positive().optional(),
});

export const listSubscriptionsQuerySchema = pageQuerySchema
  .extend({
    accountId: recordIdSchema.optional(),
    status: z.enum(SUBSCRIPTION_STATUSES).optional(),
    activeOnDate: plainDateSchema.optional().describe('Only subscriptions in service on this day: startDate ≤ day < endDate'),
  })
  .strict();
export type ListSubscriptionsQuery = z.input<typeof listSubscriptionsQuerySchema>;

/** The import engine's door: keyed by (sourceSystem, externalId), idempotent. */
export const importSubscriptionSchema = z.strictObject({
  sourceSystem: sourceSystemSchema,
  externalId: externalIdSchema,
  ...subscriptionFields,
  endDateIsLastActiveDay: z.boolean().default(true).describe('true (default): endDate is the last day of service and is stored +1 day'),
  status: z.enum(SUBSCRIPTION_STATUSES).optional().describe('Default: derived from the dates on today'),
  itemsChangedOnDate: plainDateSchema.optional().describe('When changed items take effect; default today (or the start date, if later)'),
  items: z.array(itemInputSchema).max(100),
});
export type ImportSubscriptionInput = z.input<typeof importSubscriptionSchema>;

export type Subscription = {
  id: string;
  accountId: string;
  currency: string;
  status: SubscriptionStatus;
  planLabel: string | null;
  startDate: string;
  trialEndDate: string | null;
  /** Exclusive. */
  endDate: string | null;
  cancelDate: string | null;
  canceledAt: string | null;
  billingMode: BillingMode;
  billingAnchorDate: string;
  autoRenew: boolean;
  sourceSystem: string | null;
  externalId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type SubscriptionItemVersion = ItemVersionTerms & { id: string; currency: string; createdAt: string; updatedAt: string };
export type SubscriptionPause = { startDate: string; endDate: string | null };
/** A subscription with every item version ever written (its history) and its pauses. */
export type SubscriptionDetail = Subscription & { itemVersions: SubscriptionItemVersion[]; pauses: SubscriptionPause[] };
export type SubscriptionPage = { data: Subscription[]; nextCursor: string | null };

/** What an import upsert did: the import engine reports it per row. */
export type UpsertOutcome = 'created' | 'updated' | 'unchanged';
export type UpsertResult<T> = { outcome: UpsertOutcome; record: T };
