import { z } from 'zod';
import { monthFormat, plainDateSchema, recordId, text } from '../shared/validation/field-schemas.ts';
import { COMMISSION_BASES, DEAL_TYPES, type CommissionBasis, type DealType, type EntryKind } from './tables.ts';

export const rateSchema = z.strictObject({
  dealType: z.enum(DEAL_TYPES).describe('new, expansion or renewal (the booking type)'),
  productFamily: text(100).nullable().default(null).describe('The product family this rate applies to; null = every family without a rate of its own'),
  basis: z.enum(COMMISSION_BASES).default('first_year').describe('first_year: the first-year value of the line; acv: its annual contract value'),
  rateBps: z.int().min(0).max(10_000).describe('Rate in basis points: 1000 = 10%'),
});
export type Rate = z.output<typeof rateSchema>;

const uniqueRates = (rates: ReadonlyArray<{ dealType: string; productFamily: string | null }>) =>
  new Set(rates.map((rate) => `${rate.dealType}\u0000${rate.productFamily ?? ''}`)).size === rates.length;
const ratesSchema = z.array(rateSchema).min(1).max(200)
  .refine(uniqueRates, { message: 'one rate per deal type and product family' });

const planFields = {
  name: text(200),
  effectiveFromDate: plainDateSchema.describe('First day the plan applies (booked date)'),
  effectiveToDate: plainDateSchema.nullable().default(null).describe('Exclusive: the first day it no longer applies; null = open-ended'),
  clawbackDays: z.int().min(0).max(3650).default(90).describe('A contract canceled within this many days after booking reverses the commission'),
  rates: ratesSchema,
  repUserIds: z.array(recordId).max(1000).default([]).describe('Reps (user ids) paid under this plan'),
};
const datesInOrder = (plan: { effectiveFromDate?: string | undefined; effectiveToDate?: string | null | undefined }) =>
  plan.effectiveToDate === null || plan.effectiveToDate === undefined || plan.effectiveFromDate === undefined || plan.effectiveToDate > plan.effectiveFromDate;
const datesMessage = { message: 'must be after effectiveFromDate', path: ['effectiveToDate'] };

export const createPlanSchema = z.strictObject(planFields).refine(datesInOrder, datesMessage);
export type CreatePlanInput = z.input<typeof createPlanSchema>;

export const updatePlanSchema = z.strictObject({
  name: planFields.name.optional(),
  effectiveFromDate: planFields.effectiveFromDate.optional(),
  effectiveToDate: plainDateSchema.nullable().optional(),
  clawbackDays: z.int().min(0).max(3650).optional(),
  rates: ratesSchema.optional(),
  repUserIds: z.array(recordId).max(1000).optional(),
  version: z.int().positive().optional().describe('The version you read; a different current version is a 409'),
}).refine(datesInOrder, datesMessage);
export type UpdatePlanInput = z.input<typeof updatePlanSchema>;

export type CommissionPlan = {
  id: string;
  name: string;
  effectiveFromDate: string;
  effectiveToDate: string | null;
  clawbackDays: number;
  rates: Rate[];
  repUserIds: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type CommissionLine = {
  lineNumber: number;
  productFamily: string | null;
  basis: CommissionBasis;
  basisMinor: bigint;
  rateBps: number;
  amountMinor: bigint;
};

export type CommissionEntry = {
  id: string;
  kind: EntryKind;
  repUserId: string;
  planId: string;
  bookingId: string;
  orderId: string | null;
  opportunityId: string | null;
  accountId: string | null;
  subscriptionId: string | null;
  dealType: DealType;
  currency: string;
  amountMinor: bigint;
  earnedDate: string;
  bookedDate: string;
  reversesEntryId: string | null;
  reason: string | null;
  createdAt: string;
  lines: CommissionLine[];
};

export const statementQuerySchema = z.strictObject({
  repId: recordId.describe('The rep (user id); a sales rep may ask only for their own'),
  period: z.string().check(monthFormat('expected YYYY-MM')).describe('Calendar month, e.g. 2026-02'),
});
export type StatementQuery = z.output<typeof statementQuerySchema>;

export type StatementTotal = { currency: string; accruedMinor: bigint; clawedBackMinor: bigint; netMinor: bigint };
export type CommissionStatement = {
  repUserId: string;
  period: string;
  periodStartDate: string;
  periodEndDate: string;
  entries: CommissionEntry[];
  totals: StatementTotal[];
};
