import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { TextField } from '../components/field.tsx';
import { apiRequest } from '../lib/api.ts';
import { toFormProblem, type FormProblem } from '../lib/problem.ts';
import { useFocusFirstInvalid } from '../lib/use-focus-first-invalid.ts';
import { SignaturePad } from './signature-pad.tsx';

const FIELDS = ['name', 'email', 'signature'] as const;
type Field = (typeof FIELDS)[number];
type Kind = 'typed' | 'drawn';

type AcceptFormProps = { token: string; documentSha256: string; onAccepted(): void; onRefused(error: unknown): void };

/** Typed full name, e-mail and a signature (typed, or drawn on a canvas); accepts the document read. */
export function AcceptForm({ token, documentSha256, onAccepted, onRefused }: AcceptFormProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [kind, setKind] = useState<Kind>('drawn');
  const [typed, setTyped] = useState('');
  const [drawing, setDrawing] = useState<string | null>(null);
  const [problem, setProblem] = useState<FormProblem<Field>>({ fields: {}, banner: null });
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useFocusFirstInvalid(formRef, attempt);
  const clearField = (field: Field) => setProblem((p) => ({ ...p, fields: { ...p.fields, [field]: undefined } }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields: FormProblem<Field>['fields'] = {};
    if (name.trim() === '') fields.name = t('validation.required');
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) fields.email = t('validation.email');
    if (kind === 'typed' ? typed.trim() === '' : drawing === null) fields.signature = t('quotes.accept.signatureRequired');
    if (Object.keys(fields).length > 0) {
      setProblem({ fields, banner: null });
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const signature = kind === 'typed' ? { kind, text: typed.trim() } : { kind, imageDataUrl: drawing };
      await apiRequest('POST', `/public/quotes/${encodeURIComponent(token)}/accept`, { name: name.trim(), email: email.trim(), signature, documentSha256 });
      onAccepted();
    } catch (error) {
      setProblem(toFormProblem(error, FIELDS, t));
      setAttempt((n) => n + 1);
      setBusy(false);
      onRefused(error);
    }
  };

  return (
    <section className="card" aria-labelledby="accept-form-title">
      <h2 id="accept-form-title" className="card__title">{t('quotes.accept.formTitle')}</h2>
      <p className="muted">{t('quotes.accept.formIntro')}</p>
      {problem.banner ? <Banner tone="error" title={problem.banner.title} detail={problem.banner.detail} /> : null}
      <form ref={formRef} className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField id="accept-name" autoComplete="name" label={t('quotes.accept.fullName')} value={name} onValueChange={(v) => { setName(v); clearField('name'); }} error={problem.fields.name} required />
        <TextField id="accept-email" type="email" autoComplete="email" label={t('quotes.accept.email')} value={email} onValueChange={(v) => { setEmail(v); clearField('email'); }} error={problem.fields.email} required />
        <fieldset className="quotes-signature-kind">
          <legend className="field__label">{t('quotes.accept.signature')}</legend>
          <label><input type="radio" name="signature-kind" checked={kind === 'drawn'} onChange={() => setKind('drawn')} /> {t('quotes.accept.draw')}</label>
          <label><input type="radio" name="signature-kind" checked={kind === 'typed'} onChange={() => setKind('typed')} /> {t('quotes.accept.type')}</label>
        </fieldset>
        {kind === 'typed' ? (
          <TextField id="accept-typed" label={t('quotes.accept.typedSignature')} value={typed} onValueChange={(v) => { setTyped(v); clearField('signature'); }} error={problem.fields.signature} />
        ) : (
          <div className={problem.fields.signature ? 'field field--invalid' : 'field'}>
            <p className="field__hint" id="accept-draw-hint">{t('quotes.accept.drawHint')}</p>
            <SignaturePad id="accept-drawn" invalid={Boolean(problem.fields.signature)} describedBy={problem.fields.signature ? 'accept-draw-hint accept-drawn-error' : 'accept-draw-hint'}
              onChange={(url) => { setDrawing(url); clearField('signature'); }} />
            {problem.fields.signature ? <p className="field__error" id="accept-drawn-error">{problem.fields.signature}</p> : null}
          </div>
        )}
        <p className="muted">{t('quotes.accept.legal')}</p>
        <div className="form__actions">
          <button type="submit" className="button button--primary button--block" disabled={busy}>{busy ? t('quotes.accept.accepting') : t('quotes.accept.acceptButton')}</button>
        </div>
      </form>
    </section>
  );
}
