import { useTranslation } from 'react-i18next';
import type { QuoteChecks } from './types.ts';

type Approval = QuoteChecks['approvals'][number];

/** "Needs approval: <rule> (<approver>)" notes, placed next to what raised them. */
export function ApprovalNotes({ approvals }: { approvals: readonly Approval[] }) {
  const { t } = useTranslation();
  if (approvals.length === 0) return null;
  return (
    <ul className="quotes-notes">
      {approvals.map((approval) => (
        <li key={approval.ruleId} className="quotes-note quotes-note--approval" data-testid="approval-needed">
          {t('quotes.approvalNeeded', { rule: approval.ruleName, approver: approval.approverRole ? t(`roles.${approval.approverRole}` as 'roles.admin') : t('quotes.namedApprover') })}
        </li>
      ))}
    </ul>
  );
}

/** Broken configuration or validation rules: they block a submit. */
export function RuleNotes({ messages }: { messages: readonly { key: string; text: string }[] }) {
  if (messages.length === 0) return null;
  return (
    <ul className="quotes-notes">
      {messages.map((message) => (
        <li key={message.key} className="quotes-note quotes-note--error" data-testid="rule-violation">{message.text}</li>
      ))}
    </ul>
  );
}
