import type { Generated, Selectable } from 'kysely';
import { z } from 'zod';
import type { Json, Timestamp } from '../../shared/db/tables.ts';

export const CUSTOM_FIELD_ENTITY_TYPES = ['account', 'contact', 'lead', 'opportunity'] as const;
export type CustomFieldEntityType = (typeof CUSTOM_FIELD_ENTITY_TYPES)[number];
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'money', 'date', 'picklist'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** Same limit the accounts schema puts on a record's custom fields. */
export const MAX_DEFINITIONS_PER_ENTITY = 100;
export const TEXT_MAX_LENGTH = 2000;

export const customFieldKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'keys are snake_case, at most 63 characters');
const label = z.string().trim().min(1).max(100);
const picklistOptions = z
  .array(z.string().trim().min(1).max(100))
  .min(1)
  .max(200)
  .refine((options) => new Set(options.map((o) => o.toLowerCase())).size === options.length, { message: 'options must differ (ignoring case)' });

export const createDefinitionSchema = z
  .object({
    entityType: z.enum(CUSTOM_FIELD_ENTITY_TYPES),
    key: customFieldKeySchema,
    label,
    type: z.enum(CUSTOM_FIELD_TYPES),
    picklistOptions: picklistOptions.nullable().default(null),
    required: z.boolean().default(false),
    active: z.boolean().default(true),
  })
  .strict()
  .superRefine((value, ctx) => {
    if ((value.type === 'picklist') === (value.picklistOptions !== null)) return;
    const message = value.type === 'picklist' ? 'a picklist needs its options' : 'only picklist fields have options';
    ctx.addIssue({ code: 'custom', path: ['picklistOptions'], message });
  });
export type CreateDefinitionInput = z.input<typeof createDefinitionSchema>;

/** entityType, key and type are fixed: stored values were validated against them. */
export const updateDefinitionSchema = z
  .object({ label, picklistOptions, required: z.boolean(), active: z.boolean() })
  .partial()
  .strict();
export type UpdateDefinitionInput = z.input<typeof updateDefinitionSchema>;
export const updateDefinitionBodySchema = updateDefinitionSchema.extend({ version: z.number().int().positive().optional() }).strict();

export const listDefinitionsQuerySchema = z
  .object({
    entityType: z.enum(CUSTOM_FIELD_ENTITY_TYPES).optional(),
    type: z.enum(CUSTOM_FIELD_TYPES).optional(),
    // Idempotent: the route parses the query string, then the service parses the result again.
    active: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
    q: z.string().trim().min(1).max(100).optional(),
    sort: z.enum(['key', 'label', 'createdAt']).default('key'),
  })
  .strict();
export type ListDefinitionsQuery = z.input<typeof listDefinitionsQuerySchema>;

export const definitionSchema = z.object({
  entityType: z.enum(CUSTOM_FIELD_ENTITY_TYPES),
  key: z.string(),
  label: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  picklistOptions: z.array(z.string()).nullable(),
  required: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type CustomFieldDefinition = z.infer<typeof definitionSchema>;
export const definitionListSchema = z.object({ data: z.array(definitionSchema), nextCursor: z.null() });

const moneyValueSchema = z
  .object({ amountMinor: z.union([z.number().int(), z.string().max(40)]), currency: z.string().max(3) })
  .strict()
  .describe('Money in minor units, e.g. {"amountMinor": 12345, "currency": "EUR"}');

/**
 * A record's custom fields as sent: the shape only. What each key may hold is decided by its
 * definition in validateCustomFields, which is why this accepts every type's form.
 */
export const customFieldValueSchema = z.union([z.string().max(TEXT_MAX_LENGTH), z.number(), z.boolean(), moneyValueSchema, z.null()]);
export const customFieldValuesSchema = z
  .record(customFieldKeySchema, customFieldValueSchema)
  .refine((fields) => Object.keys(fields).length <= MAX_DEFINITIONS_PER_ENTITY, { message: `at most ${MAX_DEFINITIONS_PER_ENTITY} custom fields` });
export type CustomFieldValue = z.infer<typeof customFieldValueSchema>;
export type CustomFieldValues = Record<string, CustomFieldValue>;

export type CustomFieldDefinitionsTable = {
  entity_type: CustomFieldEntityType;
  key: string;
  label: string;
  type: CustomFieldType;
  picklist_options: Json | null;
  required: boolean;
  active: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
};
export type DefinitionRow = Selectable<CustomFieldDefinitionsTable>;
export type CustomFieldTables = { custom_field_definitions: CustomFieldDefinitionsTable };
