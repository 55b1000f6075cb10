import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { Dialog } from '../components/dialog.tsx';
import { TextField } from '../components/field.tsx';
import { apiRequest } from '../lib/api.ts';
import { toFormProblem, type FormProblem } from '../lib/problem.ts';
import { useFocusFirstInvalid } from '../lib/use-focus-first-invalid.ts';
import { describeCheck } from './rule-text.ts';

export type TestedRule = { id: string; name: string };
type Evaluation = {
  ruleId: string;
  fires: boolean;
  active: boolean;
  checks: { check: string; op: string; value: unknown; actual: unknown; fires: boolean }[];
  message: string | null;
};

/** "Test against a record": POST /rules/:id/evaluate with a quote id; nothing is written. */
export function RuleTestDialog({ rule, onClose }: { rule: TestedRule | null; onClose(): void }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [quoteId, setQuoteId] = useState('');
  const [result, setResult] = useState<Evaluation | null>(null);
  const [problem, setProblem] = useState<FormProblem<'quoteId'>>({ fields: {}, banner: null });
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useFocusFirstInvalid(formRef, attempt);
  useEffect(() => {
    setResult(null);
    setProblem({ fields: {}, banner: null });
  }, [rule]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!rule) return;
    setResult(null);
    if (quoteId.trim() === '') {
      setProblem({ fields: { quoteId: t('validation.required') }, banner: null });
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      setResult(await apiRequest<Evaluation>('POST', `/rules/${encodeURIComponent(rule.id)}/evaluate`, { quoteId: quoteId.trim() }));
      setProblem({ fields: {}, banner: null });
    } catch (error) {
      setProblem(toFormProblem(error, ['quoteId'], t));
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={rule !== null} onClose={onClose} labelledBy="rule-test-title">
      {rule ? (
        <form ref={formRef} className="dialog__content form" noValidate onSubmit={(event) => void submit(event)}>
          <h2 id="rule-test-title" className="dialog__title">{t('settingsPages.rules.testTitle', { name: rule.name })}</h2>
          {problem.banner ? <Banner tone="error" title={problem.banner.title} detail={problem.banner.detail} /> : null}
          <TextField id="rule-test-quote" name="quoteId" autoComplete="off" label={t('settingsPages.rules.quoteId')} hint={t('settingsPages.rules.quoteIdHint')} value={quoteId} onValueChange={setQuoteId} error={problem.fields.quoteId} />
          <div role="status" className="settings-pages__result">
            {result ? (
              <>
                <p>
                  <span className={result.fires ? 'badge badge--danger' : 'badge badge--success'}>{result.fires ? t('settingsPages.rules.fires') : t('settingsPages.rules.doesNotFire')}</span>
                  {result.message ? <span> {result.message}</span> : null}
                </p>
                {result.checks.length > 0 ? (
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">{t('settingsPages.rules.check')}</th>
                        <th scope="col">{t('settingsPages.rules.expected')}</th>
                        <th scope="col">{t('settingsPages.rules.actual')}</th>
                        <th scope="col">{t('settingsPages.rules.result')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {result.checks.map((check, index) => {
                        const row = describeCheck(check, t);
                        return (
                          <tr key={index}>
                            <td>{row.check}</td>
                            <td>{row.expected}</td>
                            <td>{row.actual}</td>
                            <td>{check.fires ? t('settingsPages.rules.fires') : t('settingsPages.rules.doesNotFire')}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                ) : null}
              </>
            ) : null}
          </div>
          <div className="dialog__actions">
            <button type="button" className="button button--secondary" onClick={onClose}>{t('common.close')}</button>
            <button type="submit" className="button button--primary" disabled={busy}>{t('settingsPages.rules.runTest')}</button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
