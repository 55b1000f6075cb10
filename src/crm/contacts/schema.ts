import type { Generated, Selectable } from 'kysely';
import { z } from 'zod';
import type { Json, Timestamp } from '../../shared/db/tables.ts';
import { pageQuerySchema } from '../../shared/http/pagination.ts';
import { customFieldValuesSchema, customFieldValueSchema } from '../custom-fields/index.ts';
import { countrySchema } from '../schema.ts';
import { createdRangeQuery, emailSchema, recordId, text } from '../shared-fields.ts';
import { importedRecordResponseFields } from '../record-envelope.ts';

/**
 * Create: absent nullable fields are stored as null; ownerUserId left out means the signed-in
 * user (as for accounts). A contact needs a first name, a last name or an e-mail.
 */
export const createContactSchema = z
  .object({
    accountId: recordId.nullable().default(null),
    firstName: text(100).nullable().default(null),
    lastName: text(100).nullable().default(null),
    email: emailSchema.nullable().default(null),
    phone: text(50).nullable().default(null),
    title: text(200).nullable().default(null),
    mailingCountry: countrySchema.nullable().default(null),
    customFields: customFieldValuesSchema.default({}).describe('Checked against the contact custom field definitions'),
    sourceSystem: text(50).nullable().default(null),
    externalId: text(200).nullable().default(null),
    ownerUserId: recordId.nullable().optional(),
  })
  .strict();
export type CreateContactInput = z.input<typeof createContactSchema>;

/** PATCH semantics: an absent field is unchanged, null clears it; customFields is replaced whole. */
export const updateContactSchema = z
  .object({
    accountId: recordId.nullable(),
    firstName: text(100).nullable(),
    lastName: text(100).nullable(),
    email: emailSchema.nullable(),
    phone: text(50).nullable(),
    title: text(200).nullable(),
    mailingCountry: countrySchema.nullable(),
    ownerUserId: recordId.nullable(),
    customFields: customFieldValuesSchema.describe('Replaced whole'),
    sourceSystem: text(50).nullable(),
    externalId: text(200).nullable(),
  })
  .partial()
  .strict();
export type UpdateContactInput = z.input<typeof updateContactSchema>;
export type ContactChanges = z.output<typeof updateContactSchema>;
export const updateContactBodySchema = updateContactSchema.extend({ version: z.number().int().positive().optional() }).strict();

export const contactSchema = z.object({
  id: z.string(),
  accountId: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  mailingCountry: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  customFields: z.record(z.string(), customFieldValueSchema),
  ...importedRecordResponseFields,
});
export type Contact = z.infer<typeof contactSchema>;
export type ContactFields = Omit<Contact, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

// Compile-time guard: a field added to the contact but not to the PATCH schema fails here.
type AssertTrue<T extends true> = T;
export type PatchCoversEveryField = AssertTrue<Exclude<keyof ContactFields, keyof ContactChanges> extends never ? true : false>;

export const CONTACT_SORTS = ['name', 'createdAt', 'updatedAt'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

/** Strict: a misspelt filter must fail, not silently list everything. */
export const listContactsQuerySchema = pageQuerySchema
  .extend({
    q: text(200).optional().describe('Searches first and last name, full name and e-mail'),
    ownerUserId: recordId.optional(),
    accountId: recordId.optional(),
    email: emailSchema.optional().describe('Exact match on the normalized e-mail'),
    mailingCountry: countrySchema.optional(),
    ...createdRangeQuery,
    sort: z.enum(CONTACT_SORTS).default('createdAt').describe('name: last name, then first name'),
    order: z.enum(['asc', 'desc']).optional().describe('default: asc for name, desc for dates'),
  })
  .strict();
export type ListContactsQuery = z.input<typeof listContactsQuerySchema>;

export type ContactsTable = {
  id: string;
  account_id: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  title: string | null;
  owner_user_id: string | null;
  mailing_country: string | null;
  custom_fields: Json;
  source_system: string | null;
  external_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  version: Generated<number>;
};
export type ContactRow = Selectable<ContactsTable>;
export type ContactTables = { contacts: ContactsTable };
