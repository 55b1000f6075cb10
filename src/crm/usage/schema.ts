import { z } from 'zod';
import type { CalendarDate, Timestamp } from '../../shared/db/tables.ts';
import type { ColumnType } from 'kysely';
import { parsePlainDate } from '../../shared/dates.ts';
import { isPlainDateText } from '../../shared/validation/field-schemas.ts';
import { plainDateSchema } from '../schema.ts';

export const USAGE_GRANULARITIES = ['day', 'week', 'month'] as const;
export type UsageGranularity = (typeof USAGE_GRANULARITIES)[number];
export const MAX_ROWS_PER_UPSERT = 5000;
/** Ten years of days: a bound on one read, not a business rule. */
export const MAX_RANGE_DAYS = 3660;

const count = z
  .union([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,18}$/, 'a non-negative integer')])
  .describe('Events that day; an integer string beyond 2^53');
export const featureKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.:-]{0,99}$/, 'lower case letters, digits and _ . : - (at most 100)')
  .describe('Feature key, e.g. "reports.export"');

export const usageRowSchema = z.object({ usageDate: plainDateSchema, featureKey: featureKeySchema, count }).strict();
export const upsertUsageBodySchema = z.object({ rows: z.array(usageRowSchema).min(1).max(MAX_ROWS_PER_UPSERT) }).strict();
/** What upsertUsage takes: the route's rows plus the account each belongs to. */
export const usageUpsertRowsSchema = z.array(usageRowSchema.extend({ accountId: z.string().min(1).max(100) }).strict()).min(1).max(MAX_ROWS_PER_UPSERT);
export type UsageUpsertRow = z.input<typeof usageUpsertRowsSchema>[number];
export const upsertResultSchema = z.object({ inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });
export type UpsertResult = z.infer<typeof upsertResultSchema>;

const countOutput = z.union([z.number().int(), z.string()]).describe('A number while exactly representable, else an integer string');

/** Half-open [startDate, endDate), like every period in Revline. */
export const usageQuerySchema = z
  .object({
    startDate: plainDateSchema.describe('First day (inclusive)'),
    endDate: plainDateSchema.describe('Day after the last (exclusive)'),
    featureKey: featureKeySchema.optional(),
    granularity: z.enum(USAGE_GRANULARITIES).default('day'),
  })
  .strict()
  .superRefine((query, ctx) => {
    // zod runs this even when a date above failed; that date's own issue names it already.
    if (!isPlainDateText(query.startDate) || !isPlainDateText(query.endDate)) return;
    const days = parsePlainDate(query.startDate).until(parsePlainDate(query.endDate), { largestUnit: 'days' }).days;
    if (days <= 0) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must be after startDate (the range is [startDate, endDate))' });
    if (days > MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['endDate'], message: `at most ${MAX_RANGE_DAYS} days after startDate` });
  });
export type UsageQuery = z.input<typeof usageQuerySchema>;

export const usageSeriesSchema = z.object({
  accountId: z.string(),
  granularity: z.enum(USAGE_GRANULARITIES),
  startDate: z.string(),
  endDate: z.string(),
  data: z.array(z.object({ periodStartDate: z.string().describe('Day, ISO week Monday, or 1st of month'), featureKey: z.string(), count: countOutput })),
});
export type UsageSeries = z.infer<typeof usageSeriesSchema>;

export const seatSnapshotSchema = z
  .object({ asOfDate: plainDateSchema, licensedSeats: z.number().int().min(0).max(10_000_000), activeUsers: z.number().int().min(0).max(10_000_000) })
  .strict();
export const upsertSeatsBodySchema = z.object({ snapshots: z.array(seatSnapshotSchema).min(1).max(MAX_ROWS_PER_UPSERT) }).strict();
export type SeatSnapshotInput = z.input<typeof seatSnapshotSchema>;

export const seatsQuerySchema = z
  .object({ startDate: plainDateSchema.optional(), endDate: plainDateSchema.optional().describe('Exclusive') })
  .strict();
export type SeatsQuery = z.input<typeof seatsQuerySchema>;

export const adoptionRateSchema = z.object({
  numerator: z.number().int().describe('Active users'),
  denominator: z.number().int().describe('Licensed seats'),
  percent: z.string().describe('numerator / denominator × 100, rounded half-even to 2 decimals, for display only'),
});
export const adoptionSchema = z.object({
  accountId: z.string(),
  asOfDate: z.string(),
  licensedSeats: z.number().int(),
  activeUsers: z.number().int(),
  adoptionRate: adoptionRateSchema.nullable().describe('null when no seats are licensed; above 100% when usage exceeds the licence'),
});
export type Adoption = z.infer<typeof adoptionSchema>;
export const adoptionListSchema = z.object({ data: z.array(adoptionSchema) });

type BigIntColumn = ColumnType<bigint, bigint | string, bigint | string>;
export type ProductUsageDailyTable = { account_id: string; usage_date: CalendarDate; feature_key: string; usage_count: BigIntColumn; updated_at: Timestamp };
export type AccountSeatsTable = { account_id: string; as_of_date: CalendarDate; licensed_seats: number; active_users: number; updated_at: Timestamp };
export type UsageTables = { product_usage_daily: ProductUsageDailyTable; account_seats: AccountSeatsTable };
