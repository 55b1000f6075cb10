import { z } from 'zod';
import { OPPORTUNITY_TYPES } from '../crm/index.ts';
import { conditionSchema } from './approval-conditions.ts';
import { countSchema, moneyJsonSchema, recordId, text } from './field-schemas.ts';
import { APPROVAL_STATUSES, APPROVER_ROLES, PRODUCT_RULE_KINDS, VALIDATION_RULE_KINDS, type ValidationRuleKind } from './tables.ts';

const version = z.number().int().positive().optional().describe('Or send If-Match');
const level = z.number().int().min(1).max(10).describe('1 decides first; rules on one level decide in parallel');

// ---- approval rules: a condition, an approver (a role or one user) and a level
export const createApprovalRuleSchema = z
  .strictObject({
    name: text(200),
    active: z.boolean().default(true),
    condition: conditionSchema,
    approverRole: z.enum(APPROVER_ROLES).nullable().default(null),
    approverUserId: recordId.nullable().default(null),
    level: level.default(1),
  })
  .refine((rule) => (rule.approverRole === null) !== (rule.approverUserId === null), { path: ['approverRole'], message: 'name exactly one of approverRole and approverUserId' });
export type CreateApprovalRuleInput = z.input<typeof createApprovalRuleSchema>;
export const updateApprovalRuleSchema = z.strictObject({
  name: text(200), active: z.boolean(), condition: conditionSchema, approverRole: z.enum(APPROVER_ROLES).nullable(), approverUserId: recordId.nullable(), level,
}).partial();
export type UpdateApprovalRuleInput = z.input<typeof updateApprovalRuleSchema>;
export const updateApprovalRuleBodySchema = updateApprovalRuleSchema.extend({ version }).strict();

export const approvalRuleSchema = z.object({
  id: z.string(), name: z.string(), active: z.boolean(), condition: z.record(z.string(), z.unknown()), approverRole: z.enum(APPROVER_ROLES).nullable(),
  approverUserId: z.string().nullable(), level: z.number().int(), createdAt: z.string(), updatedAt: z.string(), version: z.number().int(),
});

// ---- validation rules: a kind (code) with parameters (data)
export const overdueParamsSchema = z.strictObject({
  maxDaysOverdue: z.number().int().min(0).max(3650).describe('an invoice more than this many days past due blocks the quote'),
  quoteTypes: z.array(z.enum(OPPORTUNITY_TYPES)).min(1).max(3).default(['expansion', 'renewal']).describe('the quote types the rule applies to'),
});
export type OverdueParams = z.output<typeof overdueParamsSchema>;
export const PARAMS_SCHEMAS: Record<ValidationRuleKind, z.ZodType> = {
  overdue_invoices: overdueParamsSchema,
  below_floor: z.strictObject({}),
  expired_price_book: z.strictObject({}),
};
const paramsObject = z.record(z.string(), z.unknown());

export const createValidationRuleSchema = z.strictObject({
  key: z.string().trim().regex(/^[a-z][a-z0-9_]{0,62}$/, 'snake_case, at most 63 characters'),
  name: text(200),
  kind: z.enum(VALIDATION_RULE_KINDS),
  params: paramsObject.default({}),
  active: z.boolean().default(true),
});
export type CreateValidationRuleInput = z.input<typeof createValidationRuleSchema>;
export const updateValidationRuleSchema = z.strictObject({ name: text(200), active: z.boolean(), params: paramsObject }).partial();
export type UpdateValidationRuleInput = z.input<typeof updateValidationRuleSchema>;
export const updateValidationRuleBodySchema = updateValidationRuleSchema.extend({ version }).strict();

export const validationRuleSchema = z.object({
  id: z.string(), key: z.string(), name: z.string(), kind: z.enum(VALIDATION_RULE_KINDS), params: z.record(z.string(), z.unknown()), active: z.boolean(),
  createdAt: z.string(), updatedAt: z.string(), version: z.number().int(),
});

// ---- product (configuration) rules
export const createProductRuleSchema = z
  .strictObject({
    name: text(200),
    kind: z.enum(PRODUCT_RULE_KINDS),
    productId: recordId,
    relatedProductId: recordId.nullable().default(null).describe('requires, excludes, addon_of: the other product (addon_of: the base)'),
    quantity: countSchema.nullable().default(null).describe('min_qty, max_qty: the limit'),
    active: z.boolean().default(true),
  })
  .superRefine((rule, ctx) => {
    const related = rule.kind === 'requires' || rule.kind === 'excludes' || rule.kind === 'addon_of';
    if (related !== (rule.relatedProductId !== null)) ctx.addIssue({ code: 'custom', path: ['relatedProductId'], message: related ? `required for ${rule.kind}` : `only for requires, excludes and addon_of` });
    if (!related !== (rule.quantity !== null)) ctx.addIssue({ code: 'custom', path: ['quantity'], message: related ? 'only for min_qty and max_qty' : `required for ${rule.kind}` });
    if (rule.relatedProductId === rule.productId) ctx.addIssue({ code: 'custom', path: ['relatedProductId'], message: 'must be another product' });
  });
export type CreateProductRuleInput = z.input<typeof createProductRuleSchema>;
export const updateProductRuleSchema = z.strictObject({ name: text(200), active: z.boolean(), quantity: countSchema }).partial();
export type UpdateProductRuleInput = z.input<typeof updateProductRuleSchema>;
export const updateProductRuleBodySchema = updateProductRuleSchema.extend({ version }).strict();

export const productRuleSchema = z.object({
  id: z.string(), name: z.string(), kind: z.enum(PRODUCT_RULE_KINDS), productId: z.string(), relatedProductId: z.string().nullable(),
  quantity: z.number().int().nullable(), active: z.boolean(), createdAt: z.string(), updatedAt: z.string(), version: z.number().int(),
});

export const listRulesQuerySchema = z.strictObject({ active: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional() });

// ---- evaluation, requests, inbox, overrides
export const evaluateRuleBodySchema = z.strictObject({ quoteId: recordId });
export const ruleEvaluationSchema = z.object({
  ruleId: z.string(), ruleType: z.enum(['approval', 'validation', 'product']), name: z.string(), active: z.boolean(), fires: z.boolean(),
  checks: z.array(z.object({ check: z.string(), op: z.string(), value: z.unknown(), actual: z.unknown(), fires: z.boolean() })),
  message: z.string().nullable(),
});

export const approvalRequestSchema = z.object({
  id: z.string(), quoteId: z.string(), ruleId: z.string(), level: z.number().int(), approverRole: z.enum(APPROVER_ROLES).nullable(),
  approverUserId: z.string().nullable(), status: z.enum(APPROVAL_STATUSES),
  snapshot: z.object({ condition: z.record(z.string(), z.unknown()), actual: z.union([z.number(), z.string(), z.boolean()]) }),
  requestedBy: z.string(), requestedAt: z.string(), decidedBy: z.string().nullable(), decidedAt: z.string().nullable(), comment: z.string().nullable(),
});
export type ApprovalRequest = z.infer<typeof approvalRequestSchema>;
export const inboxItemSchema = approvalRequestSchema.extend({
  ruleName: z.string(),
  quote: z.object({
    id: z.string(), opportunityId: z.string(), accountId: z.string(), ownerUserId: z.string().nullable(),
    accountName: z.string().nullable().describe("The customer: the quote's account name (null when the account is unknown)"),
    opportunityName: z.string().nullable().describe("The deal: the quote's opportunity name (null when the opportunity is unknown)"),
    versionNumber: z.number().int().describe('Quotes have no number of their own: a quote is its deal and this version'), tcv: moneyJsonSchema,
  }),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;
const ruleCheckSchema = z.object({ check: z.string(), op: z.string(), value: z.unknown(), actual: z.unknown(), fires: z.boolean() });
export const quoteChecksSchema = z.object({
  configuration: z.array(z.object({ ruleId: z.string(), name: z.string(), kind: z.enum(PRODUCT_RULE_KINDS), message: z.string(), lineNumbers: z.array(z.number().int()) })),
  validation: z.array(z.object({ ruleId: z.string(), key: z.string(), name: z.string(), kind: z.enum(VALIDATION_RULE_KINDS), message: z.string(), checks: z.array(ruleCheckSchema) })),
  approvals: z.array(z.object({
    ruleId: z.string(), ruleName: z.string(), level: z.number().int(), approverRole: z.enum(APPROVER_ROLES).nullable(), approverUserId: z.string().nullable(),
    condition: z.record(z.string(), z.unknown()), actual: z.union([z.number(), z.string(), z.boolean()]),
    lineNumbers: z.array(z.number().int()).describe('lines that fire a line metric (maxLineDiscountBps, belowFloor) on their own'),
  })),
});
export const decisionBodySchema = z.strictObject({ comment: text(2000).optional() });

export const overrideBodySchema = z.strictObject({ ruleKey: z.string().trim().min(1).max(63), reason: text(2000) });
export type OverrideInput = z.input<typeof overrideBodySchema>;
export const overrideSchema = z.object({ quoteId: z.string(), ruleId: z.string(), ruleKey: z.string(), reason: z.string(), overriddenBy: z.string(), overriddenAt: z.string() });
export type Override = z.infer<typeof overrideSchema>;
