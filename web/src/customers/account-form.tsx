import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { TextField } from '../components/field.tsx';
import { AlertIcon } from '../components/icons.tsx';
import { PageLoading } from '../components/spinner.tsx';
import { apiRequest } from '../lib/api.ts';
import { summarizeError, toFormProblem, type ErrorSummary } from '../lib/problem.ts';
import type { Role } from '../lib/sections.ts';
import { ActionDialog, Actions, useActionForm, type T } from './customer-actions.tsx';

/** The roles POST and PATCH /accounts accept (src/crm/routes.ts): buttons for the rest would only end in a 403. */
export const ACCOUNT_WRITE_ROLES: readonly Role[] = ['admin', 'revops', 'sales_rep', 'sales_manager'];

// As the server's limits (src/crm/billing-address.ts); the server judges, the textarea only stops typing past them.
const ADDRESS_MAX_LENGTH = 500;
const ADDRESS_LINES = 6;

const ACCOUNT_FIELDS = ['name', 'currency', 'country', 'taxId', 'billingAddress'] as const;
type AccountField = (typeof ACCOUNT_FIELDS)[number];
type AccountValues = Record<AccountField, string>;

/** GET /accounts/:id, the part this form edits. */
type AccountJson = { id: string; name: string; currency: string; country: string | null; taxId: string | null; billingAddress: string | null; version: number };

export type AccountDialogProps = { open: boolean; onClose(): void; onSaved(account: { id: string }): void } & ({ mode: 'create' } | { mode: 'edit'; accountId: string });

/** Creates an account, or edits its name, country, VAT id and billing address (the address as one textarea, a line per line). */
export function AccountDialog(props: AccountDialogProps) {
  const { t } = useTranslation();
  const title = props.mode === 'create' ? t('customers.newCustomer') : t('customers.editDetails');
  return (
    <ActionDialog open={props.open} onClose={props.onClose} id="account-dialog" title={title}>
      {props.open ? <AccountLoader {...props} t={t} /> : null}
    </ActionDialog>
  );
}

/** An edit starts from the account as stored now (its version too, for the PATCH); a create from empty fields. */
function AccountLoader(props: AccountDialogProps & { t: T }) {
  const { t } = props;
  const accountId = props.mode === 'edit' ? props.accountId : null;
  const [loaded, setLoaded] = useState<AccountJson | null>(null);
  const [problem, setProblem] = useState<ErrorSummary | null>(null);
  useEffect(() => {
    if (accountId === null) return;
    let current = true;
    apiRequest<AccountJson>('GET', `/accounts/${encodeURIComponent(accountId)}`)
      .then((account) => current && setLoaded(account))
      .catch((error: unknown) => current && setProblem(summarizeError(error, t)));
    return () => {
      current = false;
    };
  }, [accountId, t]);
  if (problem) return <Banner tone="error" title={problem.title} detail={problem.detail} />;
  if (accountId !== null && loaded === null) return <PageLoading label={t('app.loading')} />;
  return <AccountForm {...props} account={loaded} />;
}

function AccountForm({ account, onClose, onSaved, t }: AccountDialogProps & { t: T; account: AccountJson | null }) {
  const form = useActionForm<AccountValues, AccountField>({
    name: account?.name ?? '', currency: account?.currency ?? 'EUR', country: account?.country ?? '', taxId: account?.taxId ?? '', billingAddress: account?.billingAddress ?? '',
  });
  const { values } = form;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const orNull = (text: string) => (text.trim() === '' ? null : text.trim());
    // The address goes as typed: the server trims its lines and drops blank ones (empty: no address).
    const fields = { name: values.name, country: orNull(values.country), taxId: orNull(values.taxId), billingAddress: values.billingAddress };
    form.setBusy(true);
    try {
      const saved = account === null
        ? await apiRequest<{ id: string }>('POST', '/accounts', { ...fields, currency: values.currency })
        : await apiRequest<{ id: string }>('PATCH', `/accounts/${encodeURIComponent(account.id)}`, { ...fields, version: account.version });
      onSaved(saved);
    } catch (error) {
      form.fail(toFormProblem(error, ACCOUNT_FIELDS, t));
    } finally {
      form.setBusy(false);
    }
  };

  const addressError = form.problem.fields.billingAddress;
  return (
    <form ref={form.formRef} className="form" noValidate onSubmit={(event) => void submit(event)} data-testid="account-form">
      {form.problem.banner ? <Banner tone="error" title={form.problem.banner.title} detail={form.problem.banner.detail} /> : null}
      <TextField id="account-name" name="name" autoComplete="off" label={t('customers.accountName')} value={values.name} onValueChange={form.change('name')} error={form.problem.fields.name} required />
      {account === null ? (
        <TextField id="account-currency" name="currency" autoComplete="off" maxLength={3} label={t('customers.currency')} hint={t('customers.currencyHint')} value={values.currency} onValueChange={form.change('currency')} error={form.problem.fields.currency} required />
      ) : null}
      <div className={addressError ? 'field field--invalid' : 'field'}>
        <label className="field__label" htmlFor="account-billing-address">
          {t('customers.billingAddress')}
          <span className="field__optional"> ({t('common.optional')})</span>
        </label>
        <textarea
          id="account-billing-address"
          name="billingAddress"
          className="input customer360__textarea"
          rows={ADDRESS_LINES - 2}
          maxLength={ADDRESS_MAX_LENGTH}
          autoComplete="street-address"
          value={values.billingAddress}
          onChange={(event) => form.change('billingAddress')(event.target.value)}
          aria-invalid={addressError ? true : undefined}
          aria-describedby={addressError ? 'account-billing-address-hint account-billing-address-error' : 'account-billing-address-hint'}
        />
        <p className="field__hint" id="account-billing-address-hint">{t('customers.billingAddressHint', { lines: ADDRESS_LINES })}</p>
        {addressError ? (
          <p className="field__error" id="account-billing-address-error">
            <AlertIcon />
            <span>{addressError}</span>
          </p>
        ) : null}
      </div>
      <TextField id="account-country" name="country" autoComplete="off" maxLength={2} label={t('customers.country')} hint={t('customers.countryHint')} optionalLabel={t('common.optional')} value={values.country} onValueChange={form.change('country')} error={form.problem.fields.country} />
      <TextField id="account-tax-id" name="taxId" autoComplete="off" label={t('customers.taxId')} optionalLabel={t('common.optional')} value={values.taxId} onValueChange={form.change('taxId')} error={form.problem.fields.taxId} />
      <Actions busy={form.busy} submitLabel={account === null ? t('customers.createCustomer') : t('customers.saveDetails')} onCancel={onClose} />
    </form>
  );
}
