import { z } from 'zod';
import { currencyCodeFormat, plainDateSchema } from '../shared/validation/field-schemas.ts';
import { BRIDGE_FIELDS } from './movements.ts';
import { UNITS } from './metric-types.ts';
import { METRIC_BASES } from './metric-bases.ts';
import { BREAKDOWNS } from './slices.ts';
import { INTERVALS } from './periods.ts';

// Response schemas. Points, explain blocks and contributions are loose: each metric adds its own
// fields beside `value` (docs/metrics.md lists them), and the serializer must not strip them.
const settingValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const explainSchema = z.looseObject({
  formula: z.string(),
  settings: z.record(z.string(), settingValue),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  contributions: z.array(z.looseObject({})),
});

const pointSchema = z.looseObject({
  period: z.string().describe("'2024-01', '2024-Q1', '2024' or 'all'"),
  segment: z.string().nullable().optional().describe('The breakdown value (null: not set on the account)'),
  currency: z.string().optional(),
  value: z.number().nullable().describe('money: integer minor units; ratio: fraction rounded half-even to 4 decimals; null when undefined (÷ 0)'),
  restatedValue: z.number().nullable().optional().describe('asOf only: the figure as restated (the data now); null when undefined or the series no longer exists'),
  restatement: z.number().nullable().optional().describe('asOf only: restatedValue − value, in the unit of value (minor units for money)'),
  restatedOnly: z.literal(true).optional().describe('asOf only: this series did not exist as reported (value null)'),
  explain: explainSchema.optional(),
});

const scopeNoteSchema = z.object({
  kind: z.literal('team'),
  ownerCount: z.number().int().describe('How many owners (users) the scope holds: the actor, their team, and for a manager the teams they manage'),
});

export const metricResultSchema = z.object({
  metric: z.string(),
  unit: z.enum(UNITS),
  currency: z.string().optional().describe('The reporting currency, when one was requested'),
  scope: scopeNoteSchema.optional().describe("Present when the figures count only the actor's team's opportunities and leads (sales roles); absent: the whole company"),
  series: z.array(pointSchema),
});

const bridgeShape = Object.fromEntries(BRIDGE_FIELDS.map((field) => [field, z.number()])) as Record<(typeof BRIDGE_FIELDS)[number], z.ZodNumber>;
export const movementRowSchema = z.object({
  period: z.string(),
  segment: z.string().nullable().optional(),
  currency: z.string(),
  ...bridgeShape,
  explain: explainSchema.optional(),
  restated: z.object(bridgeShape).optional().describe('asOf only: the same bridge as restated (the data now)'),
  restatementMinor: z.number().optional().describe('asOf only: restated mrrEndMinor − reported mrrEndMinor'),
  restatedOnly: z.literal(true).optional().describe('asOf only: this series did not exist as reported (its reported bridge is all zeros)'),
});

export const metricResponseSchema = z.union([metricResultSchema, z.array(movementRowSchema)])
  .describe('mrr-movements: an array of bridges, one per period (and series); every other metric: { metric, unit, currency?, series }');

export const metricDefinitionSchema = z.object({
  name: z.string(),
  unit: z.enum(UNITS),
  title: z.string(),
  formula: z.string(),
  basis: z.enum(METRIC_BASES),
  breakdowns: z.array(z.enum(BREAKDOWNS)),
  intervals: z.array(z.enum(INTERVALS)).describe('The intervals the metric takes: MRR figures are month-end snapshots (month and longer)'),
  scope: z.literal('team').optional().describe("For the sales roles: computed over the opportunities (or leads) their team owns; absent: the whole company"),
});

const currencyCode = z.string().trim().toUpperCase().check(currencyCodeFormat('not an ISO 4217 currency code'));

export const fxRateQuerySchema = z.strictObject({
  base: currencyCode.optional(),
  quote: currencyCode.optional(),
  fromDate: plainDateSchema.optional(),
  toDate: plainDateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page (keyset: date newest first, then pair)'),
});
export const fxRateSchema = z.object({ base: z.string(), quote: z.string(), rateDate: z.string(), rate: z.string(), source: z.string() });

export const fxImportBodySchema = z.strictObject({
  csv: z.string().min(1).describe('ECB-style CSV text: Date,USD,JPY,… one line per day (eurofxref-hist.csv as published)'),
  source: z.string().trim().min(1).max(50).default('ecb'),
  base: currencyCode.default('EUR').describe('The currency every rate in the file is quoted against'),
});
export const fxImportResultSchema = z.object({
  source: z.string(), base: z.string(), rates: z.number(), inserted: z.number(), updated: z.number(), unchanged: z.number(),
  firstDate: z.string().nullable(), lastDate: z.string().nullable(),
  rejected: z.array(z.object({ line: z.number(), column: z.string(), message: z.string() })),
});

export const planImportBodySchema = z.strictObject({
  csv: z.string().min(1).describe('spend: date,kind,category,amount,currency[,campaign_id]; targets: month,amount,currency[,breakdown,breakdown_value]'),
  source: z.string().trim().min(1).max(50).default('csv'),
});
export const planImportResultSchema = z.object({
  source: z.string(), rows: z.number(), inserted: z.number(), updated: z.number(), unchanged: z.number(),
  rejected: z.array(z.object({ line: z.number(), column: z.string(), message: z.string() })),
});
