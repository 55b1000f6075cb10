import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { apiRequest } from '../lib/api.ts';
import { summarizeError, type ErrorSummary, type FormProblem } from '../lib/problem.ts';
import { ListState } from './list-state.tsx';
import { RuleTestDialog, type TestedRule } from './rule-test-dialog.tsx';
import { APPROVER_ROLES, conditionValueFromText, describeCondition, METRICS, MONEY_METRICS, OPERATOR_KEYS, operatorsFor, type ApproverRole, type Condition, type Metric, type Operator } from './rule-text.ts';
import { ProductRulesCard, RuleActions, StatusBadge, ValidationRulesCard } from './rules-lists.tsx';
import { SettingsFormCard, useSettingsForm } from './settings-form.tsx';
import { setRuleActive, toNestedFormProblem } from './settings-kit.ts';

export type ApprovalRule = {
  id: string;
  name: string;
  active: boolean;
  condition: Condition;
  approverRole: ApproverRole | null;
  approverUserId: string | null;
  level: number;
  version: number;
};

export function RulesPage() {
  const { t } = useTranslation();
  const [testing, setTesting] = useState<TestedRule | null>(null);
  return (
    <div className="settings-body">
      <p className="page__lead">{t('settingsPages.rules.intro')}</p>
      <ApprovalRulesSection onTest={setTesting} />
      <ValidationRulesCard onTest={setTesting} />
      <ProductRulesCard onTest={setTesting} />
      <RuleTestDialog rule={testing} onClose={() => setTesting(null)} />
    </div>
  );
}

function ApprovalRulesSection({ onTest }: { onTest(rule: TestedRule): void }) {
  const { t } = useTranslation();
  const [rules, setRules] = useState<ApprovalRule[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<ErrorSummary | null>(null);
  const [actionProblem, setActionProblem] = useState<ErrorSummary | null>(null);

  const load = useCallback(() => {
    setLoadProblem(null);
    apiRequest<{ data: ApprovalRule[] }>('GET', '/approval-rules')
      .then((result) => setRules(result.data))
      .catch((error: unknown) => setLoadProblem(summarizeError(error, t)));
  }, [t]);
  useEffect(load, [load]);

  const toggle = async (rule: ApprovalRule) => {
    setActionProblem(null);
    try {
      const saved = await setRuleActive('/approval-rules', rule, !rule.active);
      setRules((current) => (current ?? []).map((candidate) => (candidate.id === saved.id ? saved : candidate)));
    } catch (error) {
      setActionProblem(summarizeError(error, t));
    }
  };

  return (
    <>
      <CreateApprovalRuleForm onCreated={(rule) => setRules((current) => [...(current ?? []), rule].sort((a, b) => a.level - b.level))} />
      <section className="card" aria-labelledby="approval-rules-title">
        <div className="card__header">
          <h2 id="approval-rules-title" className="card__title">{t('settingsPages.rules.approvalTitle')}</h2>
        </div>
        {actionProblem ? <Banner tone="error" title={actionProblem.title} detail={actionProblem.detail} /> : null}
        <ListState items={rules} problem={loadProblem} onRetry={load} emptyText={t('settingsPages.rules.approvalEmpty')}>
          {(items) => <ApprovalRuleTable rules={items} onToggle={(rule) => void toggle(rule)} onTest={onTest} />}
        </ListState>
      </section>
    </>
  );
}

function ApprovalRuleTable({ rules, onToggle, onTest }: { rules: readonly ApprovalRule[]; onToggle(rule: ApprovalRule): void; onTest(rule: TestedRule): void }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('settingsPages.rules.columnName')}</th>
            <th scope="col">{t('settingsPages.rules.columnCondition')}</th>
            <th scope="col">{t('settingsPages.rules.columnRouting')}</th>
            <th scope="col">{t('settingsPages.common.status')}</th>
            <th scope="col"><span className="visually-hidden">{t('settingsPages.common.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <tr key={rule.id} data-testid="approval-rule-row">
              <th scope="row" className="table__primary">{rule.name}</th>
              <td>{describeCondition(rule.condition, t, locale)}</td>
              <td>
                {t('settingsPages.rules.routing', {
                  level: rule.level,
                  approver: rule.approverRole ? t(`roles.${rule.approverRole}`) : t('settingsPages.rules.approverUserShort', { id: rule.approverUserId ?? '' }),
                })}
              </td>
              <td><StatusBadge active={rule.active} /></td>
              <RuleActions rule={rule} onToggle={() => onToggle(rule)} onTest={onTest} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const FIELDS = ['name', 'condition_metric', 'condition_op', 'condition_value', 'condition_currency', 'approverRole', 'approverUserId', 'level'] as const;
type Field = (typeof FIELDS)[number];
type Values = { name: string; metric: Metric; op: Operator; value: string; currency: string; approverKind: 'role' | 'user'; approverRole: ApproverRole; approverUserId: string; level: string };
const emptyValues = (): Values => ({ name: '', metric: 'maxLineDiscountBps', op: '>', value: '', currency: 'EUR', approverKind: 'role', approverRole: 'sales_manager', approverUserId: '', level: '1' });

function CreateApprovalRuleForm({ onCreated }: { onCreated(rule: ApprovalRule): void }) {
  const { t } = useTranslation();
  const form = useSettingsForm<Field>();
  const { problem } = form;
  const [values, setValues] = useState<Values>(emptyValues);
  const [added, setAdded] = useState<string | null>(null);

  const change = <K extends keyof Values>(key: K, field: Field | null) => (value: Values[K]) => {
    setValues((current) => {
      const next = { ...current, [key]: value };
      // An operator the new metric does not take falls back to its first one.
      if (key === 'metric' && !operatorsFor(next.metric).includes(next.op)) next.op = operatorsFor(next.metric)[0] ?? '=';
      return next;
    });
    if (field) form.clearField(field);
  };

  const submit = async () => {
    setAdded(null);
    const fields: FormProblem<Field>['fields'] = {};
    if (values.name.trim() === '') fields.name = t('validation.required');
    if (values.value.trim() === '') fields.condition_value = t('validation.required');
    if (values.approverKind === 'user' && values.approverUserId.trim() === '') fields.approverUserId = t('validation.required');
    if (form.refuse(fields)) return;
    const money = MONEY_METRICS.includes(values.metric);
    const condition = {
      metric: values.metric,
      op: values.op,
      value: conditionValueFromText(values.metric, values.op, values.value, values.currency),
      ...(money ? { currency: values.currency.trim().toUpperCase() } : {}),
    };
    await form.send(async () => {
      const rule = await apiRequest<ApprovalRule>('POST', '/approval-rules', {
        name: values.name.trim(),
        condition,
        approverRole: values.approverKind === 'role' ? values.approverRole : null,
        approverUserId: values.approverKind === 'user' ? values.approverUserId.trim() : null,
        level: /^\d+$/.test(values.level.trim()) ? Number(values.level.trim()) : values.level,
      });
      setValues(emptyValues());
      setAdded(t('settingsPages.rules.added', { name: rule.name }));
      onCreated(rule);
    }, (error) => toNestedFormProblem(error, FIELDS, t));
  };

  const money = MONEY_METRICS.includes(values.metric);
  return (
    <SettingsFormCard id="approval-rule-create" title={t('settingsPages.rules.createApprovalTitle')} form={form} success={added} onSubmit={() => void submit()}>
      <TextField id="approval-rule-name" name="name" autoComplete="off" label={t('settingsPages.rules.name')} value={values.name} onValueChange={change('name', 'name')} error={problem.fields.name} required />
      <SelectField<Metric>
        id="approval-rule-metric"
        label={t('settingsPages.rules.metricLabel')}
        value={values.metric}
        options={METRICS.map((metric) => ({ value: metric, label: t(`settingsPages.rules.metric.${metric}`) }))}
        onValueChange={change('metric', 'condition_metric')}
        error={problem.fields.condition_metric}
      />
      <SelectField<Operator>
        id="approval-rule-op"
        label={t('settingsPages.rules.opLabel')}
        value={values.op}
        options={operatorsFor(values.metric).map((op) => ({ value: op, label: t(`settingsPages.rules.op.${OPERATOR_KEYS[op]}`) }))}
        onValueChange={change('op', 'condition_op')}
        error={problem.fields.condition_op}
      />
      <TextField
        id="approval-rule-value"
        name="value"
        autoComplete="off"
        label={t('settingsPages.rules.valueLabel')}
        hint={t(`settingsPages.rules.valueHint.${valueHintKey(values.metric)}`)}
        value={values.value}
        onValueChange={change('value', 'condition_value')}
        error={problem.fields.condition_value}
        required
      />
      {money ? (
        <TextField id="approval-rule-currency" name="currency" autoComplete="off" maxLength={3} label={t('settingsPages.rules.currencyLabel')} value={values.currency} onValueChange={change('currency', 'condition_currency')} error={problem.fields.condition_currency} />
      ) : null}
      <SelectField<'role' | 'user'>
        id="approval-rule-approver-kind"
        label={t('settingsPages.rules.approverKind')}
        value={values.approverKind}
        options={[{ value: 'role', label: t('settingsPages.rules.approverByRole') }, { value: 'user', label: t('settingsPages.rules.approverByUser') }]}
        onValueChange={change('approverKind', null)}
      />
      {values.approverKind === 'role' ? (
        <SelectField<ApproverRole>
          id="approval-rule-role"
          label={t('settingsPages.rules.approverRole')}
          value={values.approverRole}
          options={APPROVER_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          onValueChange={change('approverRole', 'approverRole')}
          error={problem.fields.approverRole}
        />
      ) : (
        <TextField id="approval-rule-user" name="approverUserId" autoComplete="off" label={t('settingsPages.rules.approverUser')} hint={t('settingsPages.rules.approverUserHint')} value={values.approverUserId} onValueChange={change('approverUserId', 'approverUserId')} error={problem.fields.approverUserId} />
      )}
      <TextField id="approval-rule-level" name="level" inputMode="numeric" autoComplete="off" label={t('settingsPages.rules.level')} hint={t('settingsPages.rules.levelHint')} value={values.level} onValueChange={change('level', 'level')} error={problem.fields.level} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={form.busy}>{t('settingsPages.rules.createApproval')}</button>
      </div>
    </SettingsFormCard>
  );
}

function valueHintKey(metric: Metric): 'percent' | 'money' | 'boolean' | 'currency' | 'number' {
  if (metric === 'belowFloor') return 'boolean';
  if (metric === 'currency') return 'currency';
  if (MONEY_METRICS.includes(metric)) return 'money';
  if (metric.endsWith('Bps')) return 'percent';
  return 'number';
}
