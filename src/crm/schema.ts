import type { Generated, Selectable } from 'kysely';
import { z } from 'zod';
import type { CalendarDate, Json, Timestamp } from '../shared/db/tables.ts';
import { pageQuerySchema } from '../shared/http/pagination.ts';
import { currencySchema, plainDateSchema, recordId, text } from '../shared/validation/field-schemas.ts';
import { billingAddressSchema } from './billing-address.ts';
import { isCountryCode } from './country-codes.ts';
import { normalizeDomain } from './domain-name.ts';
import { customFieldValuesSchema, customFieldValueSchema, type CustomFieldValues } from './custom-fields/schema.ts';
import { importedRecordResponseFields } from './record-envelope.ts';

export const EMPLOYEE_BANDS = ['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5001+'] as const;
export type EmployeeBand = (typeof EMPLOYEE_BANDS)[number];

// Field schemas. Each normalizes its own value so the service parse is idempotent (the route has
// already parsed once) and each failure names its field, never a 500 from a CHECK constraint.
export { currencySchema, plainDateSchema };

export const countrySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, { message: 'not an assigned ISO 3166-1 alpha-2 country code' })
  .describe('ISO 3166-1 alpha-2 code, e.g. DE (case-insensitive on input)');

export const domainSchema = z
  .string()
  .max(2000)
  .transform((value, ctx) => {
    const domain = normalizeDomain(value);
    if (domain === null) ctx.addIssue({ code: 'custom', message: 'not a website domain such as acme.com' });
    return domain ?? z.NEVER;
  })
  .describe('Website domain or URL; stored normalized ("https://www.Acme.com/x" → "acme.com")');

// The shape only (text, number, true/false, money, null): what each key may hold is decided by its
// definition in validateCustomFields, which the create and update services call.
export const customFieldsSchema = customFieldValuesSchema;
export type CustomFields = CustomFieldValues;

/**
 * Create: absent nullable fields are stored as null. ownerUserId left out means "the signed-in
 * user" (see defaultOwnerId); an explicit null means unowned.
 */
export const createAccountSchema = z
  .object({
    name: text(300),
    domain: domainSchema.nullable().default(null),
    parentAccountId: recordId.nullable().default(null),
    segment: text(100).nullable().default(null),
    industry: text(100).nullable().default(null),
    country: countrySchema.nullable().default(null),
    employeeBand: z.enum(EMPLOYEE_BANDS).nullable().default(null),
    currency: currencySchema,
    customerSinceDate: plainDateSchema.nullable().default(null),
    taxId: text(50).nullable().default(null),
    billingAddress: billingAddressSchema.nullable().default(null),
    customFields: customFieldsSchema.default({}).describe('Checked against the account custom field definitions'),
    sourceSystem: text(50).nullable().default(null),
    externalId: text(200).nullable().default(null),
    ownerUserId: recordId.nullable().optional(),
  })
  .strict();
export type CreateAccountInput = z.input<typeof createAccountSchema>;

/** PATCH semantics: an absent field is unchanged, null clears it; customFields is replaced whole. */
export const updateAccountSchema = z
  .object({
    name: text(300),
    domain: domainSchema.nullable(),
    parentAccountId: recordId.nullable(),
    segment: text(100).nullable(),
    industry: text(100).nullable(),
    country: countrySchema.nullable(),
    employeeBand: z.enum(EMPLOYEE_BANDS).nullable(),
    ownerUserId: recordId.nullable(),
    currency: currencySchema,
    customerSinceDate: plainDateSchema.nullable(),
    taxId: text(50).nullable(),
    billingAddress: billingAddressSchema.nullable(),
    customFields: customFieldsSchema.describe('Replaced whole'),
    sourceSystem: text(50).nullable(),
    externalId: text(200).nullable(),
  })
  .partial()
  .strict();
export type UpdateAccountInput = z.input<typeof updateAccountSchema>;
export type AccountChanges = z.output<typeof updateAccountSchema>;

export const updateAccountBodySchema = updateAccountSchema.extend({ version: z.number().int().positive().optional() }).strict();

export const accountSchema = z.object({
  id: z.string(),
  name: z.string(),
  domain: z.string().nullable(),
  parentAccountId: z.string().nullable(),
  segment: z.string().nullable(),
  industry: z.string().nullable(),
  country: z.string().nullable(),
  employeeBand: z.enum(EMPLOYEE_BANDS).nullable(),
  ownerUserId: z.string().nullable(),
  currency: z.string(),
  customerSinceDate: z.string().nullable(),
  taxId: z.string().nullable(),
  billingAddress: z.string().nullable().describe('Postal address, lines separated by "\\n"'),
  customFields: z.record(z.string(), customFieldValueSchema),
  ...importedRecordResponseFields,
});
export type Account = z.infer<typeof accountSchema>;
/** Everything a caller can set, with nulls resolved: the part of Account the repo maps to columns. */
export type AccountFields = Omit<Account, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

// Compile-time guard: a field added to the account but not to the PATCH schema fails here.
type AssertTrue<T extends true> = T;
export type PatchCoversEveryField = AssertTrue<Exclude<keyof AccountFields, keyof AccountChanges> extends never ? true : false>;

export const ACCOUNT_SORTS = ['name', 'createdAt', 'updatedAt'] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

/** Strict: a misspelt filter (?owner=…) must fail, not silently list everything. */
export const listAccountsQuerySchema = pageQuerySchema
  .extend({
    q: text(200).optional(),
    ownerUserId: recordId.optional(),
    segment: text(100).optional(),
    country: countrySchema.optional(),
    parentAccountId: recordId.optional(),
    sort: z.enum(ACCOUNT_SORTS).default('createdAt'),
    order: z.enum(['asc', 'desc']).optional().describe('default: asc for name, desc for dates'),
  })
  .strict();
export type ListAccountsQuery = z.input<typeof listAccountsQuerySchema>;
export const listChildAccountsQuerySchema = listAccountsQuerySchema.omit({ parentAccountId: true }).strict();

export type AccountsTable = {
  id: string;
  name: string;
  domain: string | null;
  parent_account_id: string | null;
  segment: string | null;
  industry: string | null;
  country: string | null;
  employee_band: EmployeeBand | null;
  owner_user_id: string | null;
  currency: string;
  customer_since_date: CalendarDate | null;
  tax_id: string | null;
  /** Lines separated by "\n" (migration 202612140300). */
  billing_address: string | null;
  custom_fields: Json;
  source_system: string | null;
  external_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  version: Generated<number>;
};
export type AccountRow = Selectable<AccountsTable>;

/** The CRM's tables, added to the shared ones with db.withTables<CrmTables>(). */
export type CrmTables = { accounts: AccountsTable };
