// Quotes
export { createQuote } from './create-quote.ts';
export { getQuote, findQuote, listQuotes, type QuotePage } from './get-quote.ts';
export { updateQuote, type UpdateQuoteRequest } from './update-quote.ts';
export { deleteQuote } from './delete-quote.ts';
export { addQuoteLine, updateQuoteLine, removeQuoteLine, type LineRequest } from './quote-lines.ts';
export { submitQuote, type QuoteApprovalState } from './submit-quote.ts';
export { sendQuote } from './send-quote.ts';
export { reviseQuote } from './revise-quote.ts';
// Documents and customer acceptance
export { getQuoteDocument, renderQuoteDocument, type QuoteDocument } from './document/quote-document.ts';
export { acceptQuoteByLink, type AcceptByLinkRequest } from './acceptance/accept-by-link.ts';
export { acceptQuoteByApi, type AcceptByApiRequest } from './acceptance/accept-by-api.ts';
export { viewPublicQuote, getPublicQuoteDocument } from './acceptance/view-public-quote.ts';
export { reissueAcceptanceLink } from './acceptance/reissue-link.ts';
export type { AcceptanceLink } from './acceptance/issue-link.ts';
export type { Acceptance, PublicQuote, ApiAcceptInput, PublicAcceptInput } from './acceptance/schema.ts';
// Approvals
export { approveQuoteRequest, rejectQuoteRequest, type DecisionRequest } from './decide-approval.ts';
export { listApprovalInbox, listQuoteApprovals, type InboxPage } from './list-approvals.ts';
// Rules
export { createApprovalRule, updateApprovalRule, listApprovalRules, type ApprovalRuleJson } from './approval-rules.ts';
export { createValidationRule, updateValidationRule, listValidationRules } from './validation-rules.ts';
export { createProductRule, updateProductRule, listProductRules } from './product-rules.ts';
export { overrideValidation } from './override-validation.ts';
export { evaluateRule } from './evaluate-rule.ts';
// Pure pricing and rule engines
export { priceQuote, type QuotePricing, type QuotePricingInput, type PricedQuoteLine } from './price-quote.ts';
export { quoteMetrics, METRICS, type Metric, type QuoteMetrics } from './quote-metrics.ts';
export { conditionSchema, evaluateCondition, isCoveredBy, OPERATORS, type Condition, type Operator } from './approval-conditions.ts';
export { QuotePricingError, type QuotePricingErrorCode } from './quote-pricing-error.ts';
export type { HeaderDiscount } from './discount-allocation.ts';
export type { LineDiscount, RampSegment, QuoteLineTerms } from './quote-line-segments.ts';
// Routes, vocabularies, types
export { cpqRoutes } from './routes.ts';
export { QUOTE_LANGUAGES, QUOTE_STATUSES, APPROVAL_STATUSES, PRODUCT_RULE_KINDS, VALIDATION_RULE_KINDS, APPROVER_ROLES } from './tables.ts';
export type { QuoteLanguage, QuoteStatus, ApprovalStatus, ProductRuleKind, ValidationRuleKind, ApproverRole, CpqTables } from './tables.ts';
export type { Quote, QuoteLine, QuoteSummary, CreateQuoteInput, UpdateQuoteInput, LineInput, UpdateLineInput, ListQuotesQuery } from './quote-schema.ts';
export type {
  ApprovalRequest, InboxItem, Override, OverrideInput, CreateApprovalRuleInput, UpdateApprovalRuleInput, CreateValidationRuleInput,
  UpdateValidationRuleInput, CreateProductRuleInput, UpdateProductRuleInput,
} from './rule-schema.ts';
export type { ValidationRule } from './validation-rule-repo.ts';
export type { ProductRuleJson } from './product-rule-repo.ts';
export type { RuleCheck, RuleEvaluation } from './rule-check.ts';
