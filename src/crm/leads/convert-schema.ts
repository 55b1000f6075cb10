import { z } from 'zod';
import { createAccountSchema, plainDateSchema } from '../schema.ts';
import { nonNegativeMoneySchema, recordId, text } from '../shared-fields.ts';
import { leadSchema } from './schema.ts';

/**
 * POST /leads/:id/convert. The account is named (accountId) or created (createAccount, the
 * body of POST /accounts); the contact is named (contactId) or created from the lead; an
 * opportunity on that account is created when createOpportunity is given.
 */
export const convertLeadSchema = z
  .object({
    accountId: recordId.optional(),
    createAccount: createAccountSchema.optional().describe('As POST /accounts; owner defaults to the lead owner'),
    contactId: recordId.optional().describe('Link this contact instead of creating one from the lead'),
    createOpportunity: z
      .object({ name: text(300), amount: nonNegativeMoneySchema, closeDate: plainDateSchema, stage: z.string().min(1).max(100).optional() })
      .strict()
      .optional(),
    version: z.number().int().positive().optional().describe('The lead version the conversion is based on (or If-Match)'),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.accountId === undefined) === (body.createAccount === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['accountId'], message: 'give exactly one of accountId and createAccount' });
    }
  });
export type ConvertLeadInput = z.input<typeof convertLeadSchema>;

export const convertLeadResultSchema = z.object({
  lead: leadSchema,
  accountId: z.string(),
  accountCreated: z.boolean(),
  contactId: z.string(),
  contactCreated: z.boolean(),
  opportunityId: z.string().nullable(),
});
export type ConvertLeadResult = z.infer<typeof convertLeadResultSchema>;
