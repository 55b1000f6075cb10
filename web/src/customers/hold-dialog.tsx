import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { TextField } from '../components/field.tsx';
import { apiRequest } from '../lib/api.ts';
import { toFormProblem } from '../lib/problem.ts';
import { ActionDialog, Actions, useActionForm, type DialogProps, type T } from './customer-actions.tsx';
import { formatPlainDate } from './format-customer.ts';

type Hold = { id: string; origin: 'dunning' | 'manual'; reason: string; placedDate: string };
const HOLD_FIELDS = ['reason'] as const;
type HoldField = (typeof HOLD_FIELDS)[number];

/**
 * Puts the account on hold by hand (POST /collections/holds/:accountId) or, when it is on hold,
 * releases it (…/release): both ask for the reason, which the audit log keeps. CPQ refuses quotes
 * for an account on hold; a hold by hand stays until someone releases it here.
 */
export function HoldDialog({ open, data, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const onHold = data.finance?.collections.onHold ?? false;
  return (
    <ActionDialog open={open} onClose={onClose} id="hold-dialog" title={t(onHold ? 'customers.releaseHold' : 'customers.putOnHold')}>
      {open ? <HoldForm data={data} onHold={onHold} onClose={onClose} onDone={onDone} t={t} /> : null}
    </ActionDialog>
  );
}

function HoldForm({ data, onHold, onClose, onDone, t }: Omit<DialogProps, 'open'> & { onHold: boolean; t: T }) {
  const form = useActionForm<Record<HoldField, string>, HoldField>({ reason: '' });
  const [current, setCurrent] = useState<Hold | null>(null);
  const path = `/collections/holds/${encodeURIComponent(data.account.id)}`;

  useEffect(() => {
    if (!onHold) return;
    let live = true;
    apiRequest<{ hold: Hold | null }>('GET', path).then((answer) => { if (live) setCurrent(answer.hold); }).catch(() => undefined);
    return () => { live = false; };
  }, [onHold, path]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (form.values.reason.trim() === '') {
      form.fail({ fields: { reason: t('validation.required') }, banner: null });
      return;
    }
    form.setBusy(true);
    try {
      await apiRequest('POST', onHold ? `${path}/release` : path, { reason: form.values.reason.trim() });
      onDone({ key: onHold ? 'customers.holdReleased' : 'customers.holdPlaced' });
    } catch (error) {
      form.fail(toFormProblem(error, HOLD_FIELDS, t));
    } finally {
      form.setBusy(false);
    }
  };

  return (
    <form ref={form.formRef} className="form" noValidate onSubmit={(event) => void submit(event)} data-testid="hold-form">
      {form.problem.banner ? <Banner tone="error" title={form.problem.banner.title} detail={form.problem.banner.detail} /> : null}
      <p className="muted">
        {onHold
          ? current
            ? t(current.origin === 'manual' ? 'customers.holdCurrentManual' : 'customers.holdCurrentDunning', { date: formatPlainDate(current.placedDate), reason: current.reason })
            : null
          : t('customers.holdExplain')}
      </p>
      <TextField
        id="hold-reason" name="reason" autoComplete="off" label={t('customers.holdReason')} value={form.values.reason}
        onValueChange={form.change('reason')} error={form.problem.fields.reason} required
      />
      <Actions busy={form.busy} submitLabel={t(onHold ? 'customers.releaseHold' : 'customers.putOnHold')} onCancel={onClose} />
    </form>
  );
}
