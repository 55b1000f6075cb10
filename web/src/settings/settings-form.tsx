import { useCallback, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Banner } from '../components/banner.tsx';
import type { FormProblem } from '../lib/problem.ts';
import { useFocusFirstInvalid } from '../lib/use-focus-first-invalid.ts';

const NO_PROBLEM = { fields: {}, banner: null };

export type SettingsForm<Field extends string> = {
  formRef: RefObject<HTMLFormElement | null>;
  problem: FormProblem<Field>;
  busy: boolean;
  setProblem(problem: FormProblem<Field>): void;
  /** Forgets a field's error once it is edited. */
  clearField(field: Field): void;
  /** Client-side errors instead of a request: shown at their fields, focus on the first. False when there are none. */
  refuse(fields: FormProblem<Field>['fields']): boolean;
  /**
   * Runs the request: busy meanwhile; errors cleared when it succeeds; when it fails, the
   * problem+json placed at its fields by `toProblem` and focus on the first invalid one. The values
   * are the form's own state and are never reset here, so nothing typed is lost on an error.
   */
  send(request: () => Promise<void>, toProblem: (error: unknown) => FormProblem<Field>): Promise<void>;
};

/** The state and submit cycle every settings form shares (users, API keys, stages, rules, tax, comp plans). */
export function useSettingsForm<Field extends string>(): SettingsForm<Field> {
  const formRef = useRef<HTMLFormElement>(null);
  const [problem, setProblem] = useState<FormProblem<Field>>(NO_PROBLEM);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useFocusFirstInvalid(formRef, attempt);

  const clearField = useCallback((field: Field) => setProblem((current) => ({ ...current, fields: { ...current.fields, [field]: undefined } })), []);
  const refuse = (fields: FormProblem<Field>['fields']) => {
    if (!Object.values(fields).some((message) => message !== undefined)) return false;
    setProblem({ fields, banner: null });
    setAttempt((count) => count + 1);
    return true;
  };
  const send = async (request: () => Promise<void>, toProblem: (error: unknown) => FormProblem<Field>) => {
    setBusy(true);
    try {
      await request();
      setProblem(NO_PROBLEM);
    } catch (error) {
      setProblem(toProblem(error));
      setAttempt((count) => count + 1);
    } finally {
      setBusy(false);
    }
  };
  return { formRef, problem, busy, setProblem, clearField, refuse, send };
}

type SettingsFormCardProps<Field extends string> = {
  id: string;
  title: string;
  form: SettingsForm<Field>;
  onSubmit(): void;
  /** The form's layout class: fields in a grid (most forms) or in one row (short forms). */
  layout?: 'grid' | 'inline';
  success?: string | null | undefined;
  children: ReactNode;
};

/** A settings form in its card: title, the problem's banner (field errors sit at the fields), a success note, the form. */
export function SettingsFormCard<Field extends string>({ id, title, form, onSubmit, layout = 'grid', success, children }: SettingsFormCardProps<Field>) {
  const { banner } = form.problem;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="card__header">
        <h2 id={`${id}-title`} className="card__title">{title}</h2>
      </div>
      {banner ? <Banner tone="error" title={banner.title} detail={banner.detail} /> : null}
      {success ? <Banner tone="success" title={success} /> : null}
      <form
        ref={form.formRef} className={`form form--${layout}`} noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
    </section>
  );
}
