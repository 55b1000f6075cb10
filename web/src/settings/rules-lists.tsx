import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { apiRequest } from '../lib/api.ts';
import { summarizeError, type ErrorSummary, type FormProblem } from '../lib/problem.ts';
import { useFocusFirstInvalid } from '../lib/use-focus-first-invalid.ts';
import { ListState } from './list-state.tsx';
import { CreateProductRuleForm, type ProductRule } from './product-rule-form.tsx';
import type { TestedRule } from './rule-test-dialog.tsx';
import { setRuleActive, toNestedFormProblem } from './settings-kit.ts';

const VALIDATION_KINDS = ['overdue_invoices', 'below_floor', 'expired_price_book'] as const;
type ValidationKind = (typeof VALIDATION_KINDS)[number];
type ValidationRule = { id: string; key: string; name: string; kind: ValidationKind; params: Record<string, unknown>; active: boolean; version: number };

/** A list loaded once, with enable/disable through PATCH; shared by the two smaller rule lists. */
function useRuleList<R extends { id: string; version: number; active: boolean }>(path: string) {
  const { t } = useTranslation();
  const [rules, setRules] = useState<R[] | null>(null);
  const [problem, setProblem] = useState<ErrorSummary | null>(null);
  const load = useCallback(() => {
    setProblem(null);
    apiRequest<{ data: R[] }>('GET', path)
      .then((result) => setRules(result.data))
      .catch((error: unknown) => setProblem(summarizeError(error, t)));
  }, [path, t]);
  useEffect(load, [load]);
  const toggle = async (rule: R) => {
    setProblem(null);
    try {
      const saved = await setRuleActive(path, rule, !rule.active);
      setRules((current) => (current ?? []).map((candidate) => (candidate.id === saved.id ? saved : candidate)));
    } catch (error) {
      setProblem(summarizeError(error, t));
    }
  };
  return { rules, setRules, problem, load, toggle };
}

export function StatusBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return <span className={active ? 'badge badge--success' : 'badge badge--neutral'}>{active ? t('settingsPages.common.active') : t('settingsPages.common.inactive')}</span>;
}

export function RuleActions({ rule, onToggle, onTest }: { rule: { id: string; name: string; active: boolean }; onToggle(): void; onTest(rule: TestedRule): void }) {
  const { t } = useTranslation();
  return (
    <td className="table__actions settings-pages__row-actions">
      <button type="button" className="button button--ghost button--small" aria-label={t('settingsPages.rules.testLabel', { name: rule.name })} onClick={() => onTest({ id: rule.id, name: rule.name })}>
        {t('settingsPages.rules.test')}
      </button>
      <button type="button" className="button button--secondary button--small" aria-label={t(rule.active ? 'settingsPages.common.disableLabel' : 'settingsPages.common.enableLabel', { name: rule.name })} onClick={onToggle}>
        {rule.active ? t('settingsPages.common.disable') : t('settingsPages.common.enable')}
      </button>
    </td>
  );
}

function describeParams(rule: ValidationRule, t: ReturnType<typeof useTranslation>['t']): string {
  if (rule.kind !== 'overdue_invoices') return '—';
  const days = typeof rule.params['maxDaysOverdue'] === 'number' ? rule.params['maxDaysOverdue'] : 0;
  // Deal types in the reader's language (pipeline.types: Erweiterung, Verlängerung), not the codes.
  const types = Array.isArray(rule.params['quoteTypes']) ? rule.params['quoteTypes'].map((type) => t(`pipeline.types.${String(type)}`, { defaultValue: String(type) })).join(', ') : '';
  return t('settingsPages.rules.overdueParams', { days, types });
}

export function ValidationRulesCard({ onTest }: { onTest(rule: TestedRule): void }) {
  const { t } = useTranslation();
  const { rules, setRules, problem, load, toggle } = useRuleList<ValidationRule>('/validation-rules');
  return (
    <section className="card" aria-labelledby="validation-rules-title">
      <div className="card__header">
        <h2 id="validation-rules-title" className="card__title">{t('settingsPages.rules.validationTitle')}</h2>
      </div>
      <CreateValidationRuleForm onCreated={(rule) => setRules((current) => [...(current ?? []), rule])} />
      <ListState items={rules} problem={problem} onRetry={load} emptyText={t('settingsPages.rules.validationEmpty')}>
        {(rules) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('settingsPages.rules.columnName')}</th>
                  <th scope="col">{t('settingsPages.rules.columnKind')}</th>
                  <th scope="col">{t('settingsPages.rules.columnParams')}</th>
                  <th scope="col">{t('settingsPages.common.status')}</th>
                  <th scope="col"><span className="visually-hidden">{t('settingsPages.common.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {rules.map((rule) => (
                  <tr key={rule.id} data-testid="validation-rule-row">
                    <th scope="row" className="table__primary">{rule.name} <code className="code">{rule.key}</code></th>
                    <td>{t(`settingsPages.rules.validationKind.${rule.kind}`)}</td>
                    <td>{describeParams(rule, t)}</td>
                    <td><StatusBadge active={rule.active} /></td>
                    <RuleActions rule={rule} onToggle={() => void toggle(rule)} onTest={onTest} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListState>
    </section>
  );
}

const VALIDATION_FIELDS = ['key', 'name', 'kind', 'params_maxDaysOverdue'] as const;
type ValidationField = (typeof VALIDATION_FIELDS)[number];

function CreateValidationRuleForm({ onCreated }: { onCreated(rule: ValidationRule): void }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ValidationKind>('overdue_invoices');
  const [maxDays, setMaxDays] = useState('30');
  const [problem, setProblem] = useState<FormProblem<ValidationField>>({ fields: {}, banner: null });
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useFocusFirstInvalid(formRef, attempt);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const params = kind === 'overdue_invoices' ? { maxDaysOverdue: /^\d+$/.test(maxDays.trim()) ? Number(maxDays.trim()) : maxDays } : {};
      const rule = await apiRequest<ValidationRule>('POST', '/validation-rules', { key: key.trim(), name: name.trim(), kind, params });
      setKey('');
      setName('');
      setProblem({ fields: {}, banner: null });
      onCreated(rule);
    } catch (error) {
      setProblem(toNestedFormProblem(error, VALIDATION_FIELDS, t));
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="settings-pages__subform">
      <h3 className="settings-pages__subtitle">{t('settingsPages.rules.createValidationTitle')}</h3>
      {problem.banner ? <Banner tone="error" title={problem.banner.title} detail={problem.banner.detail} /> : null}
      <form ref={formRef} className="form form--grid" noValidate onSubmit={(event) => void submit(event)}>
        <TextField id="validation-rule-name" name="name" autoComplete="off" label={t('settingsPages.rules.name')} value={name} onValueChange={setName} error={problem.fields.name} required />
        <TextField id="validation-rule-key" name="key" autoComplete="off" label={t('settingsPages.rules.key')} hint={t('settingsPages.stages.keyHint')} value={key} onValueChange={setKey} error={problem.fields.key} required />
        <SelectField<ValidationKind>
          id="validation-rule-kind"
          label={t('settingsPages.rules.columnKind')}
          value={kind}
          options={VALIDATION_KINDS.map((value) => ({ value, label: t(`settingsPages.rules.validationKind.${value}`) }))}
          onValueChange={setKind}
          error={problem.fields.kind}
        />
        {kind === 'overdue_invoices' ? (
          <TextField id="validation-rule-days" name="maxDaysOverdue" inputMode="numeric" autoComplete="off" label={t('settingsPages.rules.maxDaysOverdue')} value={maxDays} onValueChange={setMaxDays} error={problem.fields.params_maxDaysOverdue} />
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>{t('settingsPages.rules.createValidation')}</button>
        </div>
      </form>
    </div>
  );
}

export function ProductRulesCard({ onTest }: { onTest(rule: TestedRule): void }) {
  const { t } = useTranslation();
  const { rules, setRules, problem, load, toggle } = useRuleList<ProductRule>('/product-rules');
  return (
    <section className="card" aria-labelledby="product-rules-title">
      <div className="card__header">
        <h2 id="product-rules-title" className="card__title">{t('settingsPages.rules.productTitle')}</h2>
      </div>
      <CreateProductRuleForm onCreated={(rule) => setRules((current) => [...(current ?? []), rule])} />
      <ListState items={rules} problem={problem} onRetry={load} emptyText={t('settingsPages.rules.productEmpty')}>
        {(rules) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('settingsPages.rules.columnName')}</th>
                  <th scope="col">{t('settingsPages.rules.columnCondition')}</th>
                  <th scope="col">{t('settingsPages.common.status')}</th>
                  <th scope="col"><span className="visually-hidden">{t('settingsPages.common.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {rules.map((rule) => (
                  <tr key={rule.id} data-testid="product-rule-row">
                    <th scope="row" className="table__primary">{rule.name}</th>
                    <td>{t(`settingsPages.rules.productKind.${rule.kind}`, { product: rule.productId, related: rule.relatedProductId ?? '', quantity: rule.quantity ?? '' })}</td>
                    <td><StatusBadge active={rule.active} /></td>
                    <RuleActions rule={rule} onToggle={() => void toggle(rule)} onTest={onTest} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListState>
    </section>
  );
}
