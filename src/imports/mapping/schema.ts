import { z } from 'zod';
import { currencyCodeFormat, plainDateSchema } from '../../shared/validation/field-schemas.ts';
import { ENTITY_ORDER } from '../targets/entities.ts';

/**
 * The mapping file format (docs/imports.md). Built-in sources (Salesforce, HubSpot, Stripe) are
 * mappings too, written in TypeScript against the same types. Strict objects: a misspelt key is
 * an error naming it, never a silently ignored setting.
 */
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Scalar = z.infer<typeof scalar>;

export const TRANSFORMS = ['lowercase', 'uppercase', 'country', 'employeeBand', 'monthsBefore', 'firstListItem', 'postalAddress'] as const;
export type TransformName = (typeof TRANSFORMS)[number];

const currencyCode = z.string().check(currencyCodeFormat('not an ISO 4217 currency code, e.g. USD'));

const conditionSchema = z.strictObject({ column: z.string().min(1), equals: z.array(z.string()).optional(), isEmpty: z.literal(true).optional() });
export type Condition = z.infer<typeof conditionSchema>;

const fieldSourceShape = {
  column: z.string().min(1).optional(),
  columns: z.array(z.string().min(1)).min(1).optional(),
  separator: z.string().optional(),
  /** Text with {Column Name} placeholders, e.g. "Lead {Lead Number}". */
  template: z.string().min(1).optional(),
  value: scalar.optional(),
  values: z.record(z.string(), scalar).optional(),
  otherwise: z.enum(['keep', 'null', 'reject']).optional(),
  match: z.string().optional(),
  /** The value is used only when this holds for the row (a close time only for closed deals), else it is empty. */
  onlyIf: conditionSchema.optional(),
  /** The value when the source is not empty (whatever it says), e.g. status "closed" when closed_at is set. */
  ifPresent: scalar.optional(),
  default: scalar.optional(),
  format: z.string().optional(),
  currency: currencyCode.optional(),
  currencyColumn: z.string().min(1).optional(),
  transform: z.enum(TRANSFORMS).optional(),
  referenceDate: plainDateSchema.optional(),
  /** Adds a number of units from another column to a date or instant (a response time to the time it was submitted). */
  offset: z.strictObject({ column: z.string().min(1), unit: z.enum(['minutes', 'hours', 'days']) }).optional(),
  type: z.enum(['text', 'integer', 'decimal', 'boolean', 'date', 'money']).optional().describe('custom fields only; money takes currency, currencyColumn or defaults.currency'),
  onInvalid: z.enum(['reject', 'null']).optional(),
  /** The column may be missing from a file (exports differ by org settings): the value is then empty. */
  optional: z.boolean().optional(),
  /**
   * For a reference field: the column holds the external id of this other entity, and the value is
   * that record's own reference of the same name (usage rows name a subscription: accountId
   * "through" subscription is the subscription's account).
   */
  through: z.enum(ENTITY_ORDER).optional(),
};
const oneSource = (f: { column?: unknown; columns?: unknown; template?: unknown; value?: unknown }) =>
  [f.column, f.columns, f.template, f.value].filter((x) => x !== undefined).length === 1;
const sourceMessage = { message: 'set exactly one of column, columns, template or value' };
const fallbackSchema = z.strictObject(fieldSourceShape).refine(oneSource, sourceMessage);
const fieldObjectSchema = z
  .strictObject({ ...fieldSourceShape, fallback: fallbackSchema.optional().describe('Used when the value is empty') })
  .refine(oneSource, sourceMessage);
/** A column name, or an object saying where the value comes from and how to convert it. */
export const fieldSpecSchema = z.union([z.string().min(1), fieldObjectSchema]);
export type FieldSpec = z.infer<typeof fieldObjectSchema>;
export type FallbackSpec = z.infer<typeof fallbackSchema>;

export const externalIdSchema = z.union([
  z.string().min(1).describe('the column holding the external id'),
  z.strictObject({ columns: z.array(z.string().min(1)).min(1), separator: z.string().default(':'), prefix: z.string().default('') }),
  z.strictObject({ column: z.string().min(1), prefix: z.string().default('') }),
  z.strictObject({ lineNumber: z.literal(true) }),
  z.strictObject({ rowHash: z.literal(true) }),
  z.strictObject({ value: z.string().min(1) }),
]);
export type ExternalIdSpec = z.infer<typeof externalIdSchema>;

const recordSchema = z.strictObject({
  entity: z.enum(ENTITY_ORDER),
  externalId: externalIdSchema,
  /** Make this record only when the column is not empty (or equals one of `equals`, or with isEmpty: is empty). */
  when: conditionSchema.optional(),
  fields: z.record(z.string().min(1), fieldSpecSchema),
});
export type RecordSpec = z.infer<typeof recordSchema>;

export const parseSettingsSchema = z.strictObject({
  format: z.enum(['csv', 'json']).optional(),
  delimiter: z.enum(['auto', ',', ';', '\t', '|']).optional(),
  encoding: z.enum(['utf8', 'utf16le', 'latin1']).optional(),
  decimalSeparator: z.enum(['.', ',']).optional(),
  thousandsSeparator: z.enum([',', '.', ' ', "'", '']).optional(),
  dateFormat: z.string().min(1).optional(),
  datetimeFormat: z.string().min(1).optional(),
  placeholders: z.array(z.string()).optional(),
  trim: z.boolean().optional(),
  currency: currencyCode.optional(),
  trueValues: z.array(z.string()).optional(),
  falseValues: z.array(z.string()).optional(),
});
export type ParseSettings = z.infer<typeof parseSettingsSchema>;

const fileSchema = parseSettingsSchema.extend({
  /** File name pattern, case-insensitive: '*' any characters, '?' one ("Account*.csv"). */
  match: z.string().min(1),
  /** Columns a file must have; the first file entry whose name and columns fit is used. */
  requiredColumns: z.array(z.string().min(1)).optional(),
  records: z.array(recordSchema).min(1).optional(),
  /** Set instead of records: the file is recognised and deliberately not imported, for this reason. */
  skip: z.string().min(1).optional(),
}).refine((f) => (f.records === undefined) !== (f.skip === undefined), { message: 'set either records or skip' });
export type FileSpec = z.infer<typeof fileSchema>;

export const mappingSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/, 'lowercase letters, digits, dot, dash, underscore'),
  description: z.string().min(1),
  sourceSystem: z.string().regex(/^[a-z][a-z0-9_-]{0,49}$/, 'lowercase letters, digits, dash, underscore; at most 50'),
  defaults: parseSettingsSchema.optional(),
  files: z.array(fileSchema).min(1),
});
export type Mapping = z.infer<typeof mappingSchema>;
export type MappingInput = z.input<typeof mappingSchema>;

/** Settings in force for one file: the file's own, else the mapping's defaults, else these. */
export type EffectiveSettings = Required<Omit<ParseSettings, 'format' | 'currency'>> & { format: 'csv' | 'json' | 'auto'; currency: string | null };

export const DEFAULT_SETTINGS: EffectiveSettings = {
  format: 'auto',
  delimiter: 'auto',
  encoding: 'utf8',
  decimalSeparator: '.',
  thousandsSeparator: '',
  dateFormat: 'ISO',
  datetimeFormat: 'ISO',
  placeholders: ['', 'NULL', 'null', 'N/A', 'n/a', '#N/A'],
  trim: true,
  currency: null,
  trueValues: ['true', '1', 'yes', 'y', 't'],
  falseValues: ['false', '0', 'no', 'n', 'f'],
};

export function effectiveSettings(mapping: Mapping, file: FileSpec): EffectiveSettings {
  const pick = <K extends keyof ParseSettings>(key: K) => file[key] ?? mapping.defaults?.[key];
  const settings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof EffectiveSettings>) {
    const value = pick(key as keyof ParseSettings);
    if (value !== undefined) (settings as Record<string, unknown>)[key] = value;
  }
  return settings;
}
