import { z } from 'zod';
import { money, moneyToJson, type MoneyJson } from '../shared/money.ts';
import type { CommissionEntry, CommissionLine, CommissionPlan, CommissionStatement } from './schema.ts';
import { COMMISSION_BASES, DEAL_TYPES, ENTRY_KINDS } from './tables.ts';

// Response shapes: money as { amountMinor, currency } (STYLE.md "Money").
const moneyJsonSchema = z.object({ amountMinor: z.union([z.number().int(), z.string()]), currency: z.string() });
const moneyOf = (amountMinor: bigint, currency: string): MoneyJson => moneyToJson(money(amountMinor, currency));

export const planJsonSchema = z.object({
  id: z.string(),
  name: z.string(),
  effectiveFromDate: z.string(),
  effectiveToDate: z.string().nullable().describe('Exclusive'),
  clawbackDays: z.number().int(),
  rates: z.array(z.object({ dealType: z.enum(DEAL_TYPES), productFamily: z.string().nullable(), basis: z.enum(COMMISSION_BASES), rateBps: z.number().int() })),
  repUserIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export const planToJson = (plan: CommissionPlan): z.infer<typeof planJsonSchema> => plan;

const lineJsonSchema = z.object({
  lineNumber: z.number().int(), productFamily: z.string().nullable(), basis: z.enum(COMMISSION_BASES), basisAmount: moneyJsonSchema,
  rateBps: z.number().int(), amount: moneyJsonSchema,
});
export const entryJsonSchema = z.object({
  id: z.string(), kind: z.enum(ENTRY_KINDS), repUserId: z.string(), planId: z.string(), bookingId: z.string(), orderId: z.string().nullable(),
  opportunityId: z.string().nullable(), accountId: z.string().nullable(), subscriptionId: z.string().nullable(), dealType: z.enum(DEAL_TYPES),
  amount: moneyJsonSchema, earnedDate: z.string(), bookedDate: z.string(), reversesEntryId: z.string().nullable(), reason: z.string().nullable(),
  createdAt: z.string(), lines: z.array(lineJsonSchema),
});

function lineToJson(line: CommissionLine, currency: string): z.infer<typeof lineJsonSchema> {
  return {
    lineNumber: line.lineNumber, productFamily: line.productFamily, basis: line.basis, basisAmount: moneyOf(line.basisMinor, currency),
    rateBps: line.rateBps, amount: moneyOf(line.amountMinor, currency),
  };
}

export function entryToJson(entry: CommissionEntry): z.infer<typeof entryJsonSchema> {
  const { amountMinor, currency, lines, ...rest } = entry;
  return { ...rest, amount: moneyOf(amountMinor, currency), lines: lines.map((line) => lineToJson(line, currency)) };
}

export const statementJsonSchema = z.object({
  repUserId: z.string(), period: z.string(), periodStartDate: z.string(), periodEndDate: z.string().describe('Exclusive'),
  entries: z.array(entryJsonSchema),
  totals: z.array(z.object({ currency: z.string(), accrued: moneyJsonSchema, clawedBack: moneyJsonSchema, net: moneyJsonSchema })),
});

export function statementToJson(statement: CommissionStatement): z.infer<typeof statementJsonSchema> {
  return {
    ...statement,
    entries: statement.entries.map(entryToJson),
    totals: statement.totals.map((total) => ({
      currency: total.currency, accrued: moneyOf(total.accruedMinor, total.currency), clawedBack: moneyOf(total.clawedBackMinor, total.currency),
      net: moneyOf(total.netMinor, total.currency),
    })),
  };
}
