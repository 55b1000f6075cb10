import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toFormProblem, type FormProblem } from '../lib/problem.ts';

type SubmitOptions = { required: boolean; send(reason: string): Promise<void> };

/**
 * The state of a confirm dialog that asks for a reason (void an invoice, reverse an entry, close or
 * reopen a month): the reason, the API's problem placed at its fields, and a busy flag. `submit`
 * refuses an empty required reason at the field without calling the API, sends the trimmed reason,
 * and clears the form once the API took it.
 */
export function useReasonForm<Extra extends string = never>(extraFields: readonly Extra[] = []) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<FormProblem<'reason' | Extra> | null>(null);
  const [busy, setBusy] = useState(false);
  const reset = () => {
    setReason('');
    setProblem(null);
  };
  const submit = async (event: FormEvent, options: SubmitOptions) => {
    event.preventDefault();
    const text = reason.trim();
    if (options.required && text === '') {
      setProblem({ fields: { reason: t('validation.required') } as FormProblem<'reason' | Extra>['fields'], banner: null });
      return;
    }
    setBusy(true);
    try {
      await options.send(text);
      reset();
    } catch (error) {
      setProblem(toFormProblem(error, ['reason', ...extraFields] as const, t));
    } finally {
      setBusy(false);
    }
  };
  return { reason, setReason, problem, busy, reset, submit };
}
