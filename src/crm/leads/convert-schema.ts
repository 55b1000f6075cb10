import { z } from 'zod';
import { createAccountSchema, plainDateSchema } from '../schema.ts';
import { nonNegativeMoneySchema, recordId, text } from '../shared-fields.ts';
import { leadSchema } from './schema.ts';

/**
 * POST /leads/:id/convert. The account is named (accountId) or created (createAccount, the
 * body of POST /accounts); the contact is named (contactId) or created from the lead; the
 * opportunity is an existing one of that account (opportunityId), one created (createOpportunity),
 * or none.
 */
export const convertLeadSchema = z
  .object({
    accountId: recordId.optional(),
    createAccount: createAccountSchema.optional().describe('As POST /accounts; owner defaults to the lead owner'),
    contactId: recordId.optional().describe('Link this contact instead of creating one from the lead'),
    opportunityId: recordId.optional().describe('Link this existing opportunity of the account instead of creating one'),
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
    if (body.opportunityId !== undefined && body.createOpportunity !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['opportunityId'], message: 'give at most one of opportunityId and createOpportunity' });
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
