/**
 * Every action and record type the server writes into the audit log. `recordAudit` takes only these
 * (src/shared/audit.ts), so a new one does not compile until it is listed here — and the web app's
 * test (web/src/data/audit-labels.test.ts) then fails until it has a label in every language.
 * The stored column stays text: entries written before a rename keep their code (the web shows it).
 */
export const AUDIT_ACTIONS = [
  'accept', 'accrue', 'activate', 'add', 'add_line', 'add_lines', 'apply', 'approve', 'book', 'cancel', 'change_items',
  'chargeback', 'claw_back', 'close', 'confirm', 'convert', 'create', 'deactivate', 'delete', 'demo.bulk_load', 'draft',
  'dunning.notice', 'hold.place', 'hold.release', 'hold.take_over', 'import', 'ingest', 'issue', 'login', 'merge', 'open',
  'override_validation', 'pause', 'post', 'provisioning_failed', 'provisioning_fulfilled', 'provisioning_retry', 'record',
  'refund', 'reject', 'remove', 'remove_line', 'renew', 'reopen', 'reorder', 'replace', 'replace_stage_history', 'reprice',
  'resume', 'retry', 'returned', 'reverse', 'revise', 'revoke', 'send', 'settlement.apply', 'settlement.chargeback',
  'settlement.unapply', 'submit', 'supersede', 'unapply', 'unmerge', 'update', 'update_line', 'upsert_seats', 'upsert_usage',
  'void',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITY_TYPES = [
  'account', 'account_merge', 'activity', 'api_key', 'approval_request', 'approval_rule', 'billing_cut_over', 'booking',
  'bundle_item', 'campaign', 'campaign_member', 'collection_note', 'collection_settings', 'commission_entry', 'commission_plan',
  'contact', 'contact_merge', 'credit_note', 'custom_field_definition', 'demo', 'dunning_stages', 'event_delivery', 'fx_rates',
  'invoice', 'item_tax_category', 'journal_entry', 'lead', 'lead_status', 'ledger_account', 'ledger_period', 'marketing_spend',
  'match_candidate', 'opportunity', 'order', 'payment', 'payment_promise', 'payment_receipt', 'payment_terms', 'pipeline_stage',
  'price', 'price_book', 'product', 'product_rule', 'quote', 'quote_acceptance', 'quote_acceptance_link', 'quote_line',
  'reporting_settings', 'sales_targets', 'saved_view', 'seller_details', 'subscription', 'subscription_order', 'tax_rate',
  'tax_settings', 'team', 'ticket', 'usage_events', 'user', 'validation_rule', 'webhook_endpoint',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];
