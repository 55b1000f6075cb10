import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { Dialog } from '../components/dialog.tsx';
import { DateField } from '../components/date-field.tsx';
import { DateTimeField } from '../components/date-time-field.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { AlertIcon } from '../components/icons.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { apiRequest } from '../lib/api.ts';
import { toFormProblem, type FormProblem } from '../lib/problem.ts';
import { useFocusFirstInvalid } from '../lib/use-focus-first-invalid.ts';
import type { Customer360 } from './customer-types.ts';
import { formatAmount } from './format-customer.ts';
import { parseTypedAmount } from '../lib/amount-input.ts';

/** A confirmation as a label key, so it follows a language switch. */
export type Notice =
  | { key: 'customers.paymentRecorded'; values: { amount: string } }
  | { key: 'customers.promiseAdded'; values?: undefined }
  | { key: 'customers.noteAdded'; values?: undefined }
  | { key: 'customers.activityLogged'; values?: undefined }
  | { key: 'customers.holdPlaced'; values?: undefined }
  | { key: 'customers.holdReleased'; values?: undefined }
  | { key: 'customers.detailsSaved'; values?: undefined };

export type DialogProps = { open: boolean; data: Customer360; onClose(): void; onDone(notice: Notice): void };
export type T = ReturnType<typeof useTranslation>['t'];

const PAYMENT_METHODS = ['bank_transfer', 'card', 'direct_debit', 'check', 'cash', 'wallet', 'other'] as const;
const ACTIVITY_TYPES = ['call', 'meeting', 'email'] as const;

function currenciesOf(data: Customer360): string[] {
  const fromInvoices = (data.finance?.invoices ?? []).map((invoice) => invoice.open.currency);
  return [...new Set([data.account.currency, ...fromInvoices])];
}

function openInvoicesOf(data: Customer360) {
  return (data.finance?.invoices ?? []).filter((invoice) => invoice.status === 'issued' && BigInt(invoice.open.amountMinor) > 0n);
}

/** Minor units as JSON: a number while exact, else the integer string the API also accepts. */
function minorJson(amountMinor: string): number | string {
  const value = Number(amountMinor);
  return Number.isSafeInteger(value) ? value : amountMinor;
}

/** Client-side checks only for what the server cannot be sent at all; everything else is the server's to judge. */
function amountError(text: string, currency: string, t: T): { error?: string; amountMinor?: string } {
  // signed: a negative amount goes to the server, whose field error explains it.
  const parsed = parseTypedAmount(text, currency, { signed: true });
  if (parsed.ok) return { amountMinor: parsed.amountMinor.toString() };
  if (parsed.reason === 'empty') return { error: t('validation.required') };
  return { error: parsed.reason === 'decimals' ? t('customers.amountDecimals') : t('customers.amountInvalid') };
}

/** One hook per form: values kept across failures, field errors from problem+json, focus on the first invalid field. */
export function useActionForm<V extends Record<string, string>, F extends string>(initial: V) {
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<V>(initial);
  const [problem, setProblem] = useState<FormProblem<F>>({ fields: {}, banner: null });
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useFocusFirstInvalid(formRef, attempt);
  const change = (field: keyof V & string) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setProblem((current) => ({ ...current, fields: { ...current.fields, [field]: undefined } }));
  };
  const fail = (next: FormProblem<F>) => {
    setProblem(next);
    setAttempt((n) => n + 1);
  };
  return { formRef, values, change, problem, fail, busy, setBusy };
}

export function ActionDialog({ open, onClose, id, title, children }: { open: boolean; onClose(): void; id: string; title: string; children: ReactNode }) {
  return (
    <Dialog open={open} onClose={onClose} labelledBy={`${id}-title`}>
      <div className="dialog__content customer360__dialog">
        <h2 id={`${id}-title`} className="dialog__title">{title}</h2>
        {children}
      </div>
    </Dialog>
  );
}

export function Actions({ busy, submitLabel, onCancel }: { busy: boolean; submitLabel: string; onCancel(): void }) {
  const { t } = useTranslation();
  return (
    <div className="dialog__actions form__actions">
      <button type="button" className="button button--secondary" onClick={onCancel}>{t('common.cancel')}</button>
      <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('customers.saving') : submitLabel}</button>
    </div>
  );
}

const PAYMENT_FIELDS = ['amount', 'currency', 'receivedDate', 'method', 'reference', 'invoiceId'] as const;
type PaymentField = (typeof PAYMENT_FIELDS)[number];

export function PaymentDialog({ open, data, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  return (
    <ActionDialog open={open} onClose={onClose} id="payment-dialog" title={t('customers.recordPayment')}>
      <PaymentForm data={data} onClose={onClose} onDone={onDone} t={t} />
    </ActionDialog>
  );
}

function PaymentForm({ data, onClose, onDone, t }: Omit<DialogProps, 'open'> & { t: T }) {
  const invoices = openInvoicesOf(data);
  const oldest = [...invoices].sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''))[0];
  const form = useActionForm<Record<PaymentField, string>, PaymentField>({
    amount: '', currency: oldest?.open.currency ?? data.account.currency, receivedDate: data.asOfDate, method: 'bank_transfer', reference: '', invoiceId: oldest?.id ?? '',
  });
  const { values } = form;
  const locale = intlLocale();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const amount = amountError(values.amount, values.currency, t);
    if (amount.error !== undefined || amount.amountMinor === undefined) {
      form.fail({ fields: { amount: amount.error ?? t('customers.amountInvalid') }, banner: null });
      return;
    }
    const invoice = invoices.find((candidate) => candidate.id === values.invoiceId);
    const minor = BigInt(amount.amountMinor);
    // Pays the chosen invoice up to what it still owes; the rest stays as customer credit.
    const allocation = invoice && minor > 0n ? (minor < BigInt(invoice.open.amountMinor) ? minor : BigInt(invoice.open.amountMinor)) : null;
    form.setBusy(true);
    try {
      await apiRequest('POST', '/payments', {
        accountId: data.account.id,
        amount: { amountMinor: minorJson(amount.amountMinor), currency: values.currency },
        receivedDate: values.receivedDate,
        method: values.method,
        reference: values.reference.trim() === '' ? null : values.reference.trim(),
        ...(allocation !== null && invoice ? { allocations: [{ invoiceId: invoice.id, amountMinor: minorJson(allocation.toString()) }] } : {}),
      });
      onDone({ key: 'customers.paymentRecorded', values: { amount: formatAmount({ amountMinor: amount.amountMinor, currency: values.currency }, locale) } });
    } catch (error) {
      const problem = toFormProblem<PaymentField | 'allocations'>(error, [...PAYMENT_FIELDS, 'allocations'], t);
      const { allocations, ...fields } = problem.fields;
      form.fail({ fields: { ...fields, ...(allocations ? { invoiceId: allocations } : {}) }, banner: problem.banner });
    } finally {
      form.setBusy(false);
    }
  };

  return (
    <form ref={form.formRef} className="form" noValidate onSubmit={(event) => void submit(event)} data-testid="payment-form">
      {form.problem.banner ? <Banner tone="error" title={form.problem.banner.title} detail={form.problem.banner.detail} /> : null}
      <div className="customer360__amount-row">
        <TextField id="payment-amount" name="amount" inputMode="decimal" autoComplete="off" label={t('customers.amount')} value={values.amount} onValueChange={form.change('amount')} error={form.problem.fields.amount} required />
        <SelectField id="payment-currency" name="currency" label={t('customers.currency')} value={values.currency} options={currenciesOf(data).map((code) => ({ value: code, label: code }))} onValueChange={form.change('currency')} error={form.problem.fields.currency} />
      </div>
      <SelectField
        id="payment-invoice"
        name="invoiceId"
        label={t('customers.applyTo')}
        value={values.invoiceId}
        options={[
          { value: '', label: t('customers.applyOldestFirst') },
          ...invoices.map((invoice) => ({ value: invoice.id, label: `${invoice.number ?? invoice.id} · ${formatAmount(invoice.open, locale)}` })),
        ]}
        onValueChange={form.change('invoiceId')}
        error={form.problem.fields.invoiceId}
      />
      <DateField id="payment-date" name="receivedDate" label={t('customers.receivedDate')} value={values.receivedDate} onValueChange={form.change('receivedDate')} error={form.problem.fields.receivedDate} required />
      <SelectField
        id="payment-method"
        name="method"
        label={t('customers.method')}
        value={values.method}
        options={PAYMENT_METHODS.map((method) => ({ value: method, label: t(`customers.methods.${method}`) }))}
        onValueChange={form.change('method')}
        error={form.problem.fields.method}
      />
      <TextField id="payment-reference" name="reference" autoComplete="off" label={t('customers.reference')} optionalLabel={t('common.optional')} value={values.reference} onValueChange={form.change('reference')} error={form.problem.fields.reference} />
      <Actions busy={form.busy} submitLabel={t('customers.recordPayment')} onCancel={onClose} />
    </form>
  );
}

const PROMISE_FIELDS = ['amount', 'currency', 'promisedDate', 'invoiceId', 'note'] as const;
type PromiseField = (typeof PROMISE_FIELDS)[number];

export function PromiseDialog({ open, data, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  return (
    <ActionDialog open={open} onClose={onClose} id="promise-dialog" title={t('customers.addPromise')}>
      <PromiseForm data={data} onClose={onClose} onDone={onDone} t={t} />
    </ActionDialog>
  );
}

function PromiseForm({ data, onClose, onDone, t }: Omit<DialogProps, 'open'> & { t: T }) {
  const invoices = openInvoicesOf(data);
  const overdue = (data.finance?.overdue ?? [])[0];
  const form = useActionForm<Record<PromiseField, string>, PromiseField>({
    amount: '', currency: overdue?.currency ?? data.account.currency, promisedDate: '', invoiceId: '', note: '',
  });
  const { values } = form;
  const locale = intlLocale();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const amount = amountError(values.amount, values.currency, t);
    const fields: FormProblem<PromiseField>['fields'] = {};
    if (amount.error !== undefined) fields.amount = amount.error;
    if (values.promisedDate === '') fields.promisedDate = t('validation.required');
    if (Object.keys(fields).length > 0 || amount.amountMinor === undefined) {
      form.fail({ fields, banner: null });
      return;
    }
    form.setBusy(true);
    try {
      await apiRequest('POST', '/collections/promises', {
        accountId: data.account.id,
        invoiceId: values.invoiceId === '' ? null : values.invoiceId,
        promisedDate: values.promisedDate,
        amount: { amountMinor: minorJson(amount.amountMinor), currency: values.currency },
        note: values.note.trim() === '' ? null : values.note.trim(),
      });
      onDone({ key: 'customers.promiseAdded' });
    } catch (error) {
      form.fail(toFormProblem(error, PROMISE_FIELDS, t));
    } finally {
      form.setBusy(false);
    }
  };

  return (
    <form ref={form.formRef} className="form" noValidate onSubmit={(event) => void submit(event)} data-testid="promise-form">
      {form.problem.banner ? <Banner tone="error" title={form.problem.banner.title} detail={form.problem.banner.detail} /> : null}
      <div className="customer360__amount-row">
        <TextField id="promise-amount" name="amount" inputMode="decimal" autoComplete="off" label={t('customers.amount')} value={values.amount} onValueChange={form.change('amount')} error={form.problem.fields.amount} required />
        <SelectField id="promise-currency" name="currency" label={t('customers.currency')} value={values.currency} options={currenciesOf(data).map((code) => ({ value: code, label: code }))} onValueChange={form.change('currency')} error={form.problem.fields.currency} />
      </div>
      <DateField id="promise-date" name="promisedDate" label={t('customers.promisedDate')} value={values.promisedDate} onValueChange={form.change('promisedDate')} error={form.problem.fields.promisedDate} required />
      <SelectField
        id="promise-invoice"
        name="invoiceId"
        label={t('customers.promiseCovers')}
        value={values.invoiceId}
        options={[
          { value: '', label: t('customers.wholeAccount') },
          ...invoices.map((invoice) => ({ value: invoice.id, label: `${invoice.number ?? invoice.id} · ${formatAmount(invoice.open, locale)}` })),
        ]}
        onValueChange={form.change('invoiceId')}
        error={form.problem.fields.invoiceId}
      />
      <TextField id="promise-note" name="note" autoComplete="off" label={t('customers.note')} optionalLabel={t('common.optional')} value={values.note} onValueChange={form.change('note')} error={form.problem.fields.note} />
      <Actions busy={form.busy} submitLabel={t('customers.addPromise')} onCancel={onClose} />
    </form>
  );
}

const NOTE_FIELDS = ['body', 'contacted', 'invoiceId'] as const;
type NoteField = (typeof NOTE_FIELDS)[number];

export function NoteDialog({ open, data, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  return (
    <ActionDialog open={open} onClose={onClose} id="note-dialog" title={t('customers.addNote')}>
      <NoteForm data={data} onClose={onClose} onDone={onDone} t={t} />
    </ActionDialog>
  );
}

/** A collections note (POST /collections/notes): finance's record of a call or an agreement, optionally about one invoice. */
function NoteForm({ data, onClose, onDone, t }: Omit<DialogProps, 'open'> & { t: T }) {
  const invoices = openInvoicesOf(data);
  const form = useActionForm<Record<NoteField, string>, NoteField>({ body: '', contacted: 'false', invoiceId: '' });
  const { values } = form;
  const locale = intlLocale();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (values.body.trim() === '') {
      form.fail({ fields: { body: t('validation.required') }, banner: null });
      return;
    }
    form.setBusy(true);
    try {
      await apiRequest('POST', '/collections/notes', {
        accountId: data.account.id,
        invoiceId: values.invoiceId === '' ? null : values.invoiceId,
        body: values.body.trim(),
        contacted: values.contacted === 'true',
      });
      onDone({ key: 'customers.noteAdded' });
    } catch (error) {
      form.fail(toFormProblem(error, NOTE_FIELDS, t));
    } finally {
      form.setBusy(false);
    }
  };

  const bodyError = form.problem.fields.body;
  return (
    <form ref={form.formRef} className="form" noValidate onSubmit={(event) => void submit(event)} data-testid="note-form">
      {form.problem.banner ? <Banner tone="error" title={form.problem.banner.title} detail={form.problem.banner.detail} /> : null}
      <div className={bodyError ? 'field field--invalid' : 'field'}>
        <label className="field__label" htmlFor="note-body">{t('customers.noteBody')}</label>
        <textarea
          id="note-body"
          name="body"
          className="input customer360__textarea"
          rows={4}
          maxLength={5000}
          value={values.body}
          onChange={(event) => form.change('body')(event.target.value)}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={bodyError ? 'note-body-error' : undefined}
          required
        />
        {bodyError ? (
          <p className="field__error" id="note-body-error">
            <AlertIcon />
            <span>{bodyError}</span>
          </p>
        ) : null}
      </div>
      <SelectField
        id="note-invoice"
        name="invoiceId"
        label={t('customers.noteAbout')}
        value={values.invoiceId}
        options={[
          { value: '', label: t('customers.wholeAccount') },
          ...invoices.map((invoice) => ({ value: invoice.id, label: `${invoice.number ?? invoice.id} · ${formatAmount(invoice.open, locale)}` })),
        ]}
        onValueChange={form.change('invoiceId')}
        error={form.problem.fields.invoiceId}
      />
      <label className="customer360__checkbox" htmlFor="note-contacted">
        <input id="note-contacted" name="contacted" type="checkbox" checked={values.contacted === 'true'} onChange={(event) => form.change('contacted')(event.target.checked ? 'true' : 'false')} />
        {t('customers.noteContacted')}
      </label>
      {form.problem.fields.contacted ? <p className="field__error" role="alert">{form.problem.fields.contacted}</p> : null}
      <Actions busy={form.busy} submitLabel={t('customers.addNote')} onCancel={onClose} />
    </form>
  );
}

const ACTIVITY_FIELDS = ['type', 'subject', 'occurredAt', 'description'] as const;
type ActivityField = (typeof ACTIVITY_FIELDS)[number];

/** "2026-03-10T09:30" in the browser's zone, a datetime-local value (DateTimeField). */
function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function ActivityDialog({ open, data, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  return (
    <ActionDialog open={open} onClose={onClose} id="activity-dialog" title={t('customers.logActivity')}>
      <ActivityForm data={data} onClose={onClose} onDone={onDone} t={t} />
    </ActionDialog>
  );
}

function ActivityForm({ data, onClose, onDone, t }: Omit<DialogProps, 'open'> & { t: T }) {
  const form = useActionForm<Record<ActivityField, string>, ActivityField>({ type: 'call', subject: '', occurredAt: localDateTime(new Date()), description: '' });
  const { values } = form;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields: FormProblem<ActivityField>['fields'] = {};
    if (values.subject.trim() === '') fields.subject = t('validation.required');
    const occurred = new Date(values.occurredAt);
    if (values.occurredAt === '' || Number.isNaN(occurred.getTime())) fields.occurredAt = t('validation.required');
    if (Object.keys(fields).length > 0) {
      form.fail({ fields, banner: null });
      return;
    }
    form.setBusy(true);
    try {
      await apiRequest('POST', '/activities', {
        type: values.type,
        subject: values.subject.trim(),
        description: values.description.trim() === '' ? null : values.description.trim(),
        occurredAt: occurred.toISOString(),
        accountId: data.account.id,
      });
      onDone({ key: 'customers.activityLogged' });
    } catch (error) {
      form.fail(toFormProblem(error, ACTIVITY_FIELDS, t));
    } finally {
      form.setBusy(false);
    }
  };

  return (
    <form ref={form.formRef} className="form" noValidate onSubmit={(event) => void submit(event)} data-testid="activity-form">
      {form.problem.banner ? <Banner tone="error" title={form.problem.banner.title} detail={form.problem.banner.detail} /> : null}
      <SelectField
        id="activity-type"
        name="type"
        label={t('customers.activityType')}
        value={values.type}
        options={ACTIVITY_TYPES.map((type) => ({ value: type, label: t(`customers.activityTypes.${type}`) }))}
        onValueChange={form.change('type')}
        error={form.problem.fields.type}
      />
      <TextField id="activity-subject" name="subject" autoComplete="off" label={t('customers.subject')} value={values.subject} onValueChange={form.change('subject')} error={form.problem.fields.subject} required />
      <DateTimeField id="activity-occurred" label={t('customers.occurredAt')} value={values.occurredAt} onValueChange={form.change('occurredAt')} error={form.problem.fields.occurredAt} required />
      <TextField id="activity-description" name="description" autoComplete="off" label={t('customers.activityDescription')} optionalLabel={t('common.optional')} value={values.description} onValueChange={form.change('description')} error={form.problem.fields.description} />
      <Actions busy={form.busy} submitLabel={t('customers.logActivity')} onCancel={onClose} />
    </form>
  );
}

