import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { Dialog } from '../components/dialog.tsx';
import { DateField } from '../components/date-field.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { apiRequest, ApiError } from '../lib/api.ts';
import { localizeFieldError } from '../lib/field-error-message.ts';
import { summarizeError } from '../lib/problem.ts';
import { useFocusFirstInvalid } from '../lib/use-focus-first-invalid.ts';
import { buildConvertBody, opportunityCurrency, placeServerErrors, PLAIN_AMOUNT, type ConvertField, type ConvertValues } from './convert-request.ts';
import { isKnownCurrency, typedAmountMinor } from '../lib/amount-input.ts';
import type { AccountOption, ConvertLeadResult, Lead } from './types.ts';
import { useStages } from './use-stages.ts';
import { stageLabel } from './stage-label.ts';

type Props = { lead: Lead | null; onClose(): void; onConverted(result: ConvertLeadResult): void };

export function leadName(lead: Lead): string {
  return [lead.firstName, lead.lastName].filter(Boolean).join(' ') || lead.email || lead.company || lead.id;
}

/** POST /leads/:id/convert: create or attach the account, the contact, optionally an opportunity. */
export function ConvertLeadDialog({ lead, onClose, onConverted }: Props) {
  return (
    <Dialog open={lead !== null} onClose={onClose} labelledBy="convert-lead-title">
      {lead ? <ConvertLeadForm lead={lead} onClose={onClose} onConverted={onConverted} /> : null}
    </Dialog>
  );
}

function initialValues(lead: Lead): ConvertValues {
  const company = lead.company ?? leadName(lead);
  return {
    accountMode: 'create', accountName: company, accountCurrency: 'EUR', accountId: '', contactId: '',
    withOpportunity: true, opportunityName: company, opportunityAmount: '', opportunityCloseDate: '', opportunityStage: '',
  };
}

function useAccountSearch(query: string, enabled: boolean): AccountOption[] {
  const [accounts, setAccounts] = useState<AccountOption[]>([]);
  useEffect(() => {
    if (!enabled) return undefined;
    let live = true;
    const params = new URLSearchParams({ limit: '50', sort: 'name', ...(query.trim() !== '' ? { q: query.trim() } : {}) });
    apiRequest<{ data: AccountOption[] }>('GET', `/accounts?${params.toString()}`).then((page) => live && setAccounts(page.data), () => undefined);
    return () => {
      live = false;
    };
  }, [query, enabled]);
  return accounts;
}

type ContactOption = { id: string; firstName: string | null; lastName: string | null; email: string | null };

function useAccountContacts(accountId: string): ContactOption[] {
  const [contacts, setContacts] = useState<ContactOption[]>([]);
  useEffect(() => {
    setContacts([]);
    if (accountId === '') return undefined;
    let live = true;
    apiRequest<{ data: ContactOption[] }>('GET', `/contacts?accountId=${encodeURIComponent(accountId)}&limit=100`).then((page) => live && setContacts(page.data), () => undefined);
    return () => {
      live = false;
    };
  }, [accountId]);
  return contacts;
}

function ConvertLeadForm({ lead, onClose, onConverted }: { lead: Lead; onClose(): void; onConverted(result: ConvertLeadResult): void }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<ConvertValues>(() => initialValues(lead));
  const [errors, setErrors] = useState<Partial<Record<ConvertField, string>>>({});
  const [banner, setBanner] = useState<{ title: string; detail: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [accountQuery, setAccountQuery] = useState('');
  useFocusFirstInvalid(formRef, attempt);
  const accounts = useAccountSearch(accountQuery, values.accountMode === 'existing');
  const openStages = useStages().filter((stage) => stage.kind === 'open' && stage.active);
  const contacts = useAccountContacts(values.accountMode === 'existing' ? values.accountId : '');
  const chosenAccount = accounts.find((account) => account.id === values.accountId) ?? null;
  const currency = opportunityCurrency(values, chosenAccount?.currency ?? null);

  const set = <F extends keyof ConvertValues>(field: F) => (value: ConvertValues[F]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const validate = (): Partial<Record<ConvertField, string>> => {
    const found: Partial<Record<ConvertField, string>> = {};
    const required = t('validation.required');
    if (values.accountMode === 'create' && values.accountName.trim() === '') found.accountName = required;
    if (values.accountMode === 'create' && !/^[A-Za-z]{3}$/.test(values.accountCurrency.trim())) found.accountCurrency = t('pipeline.convert.currencyInvalid');
    if (values.accountMode === 'existing' && values.accountId === '') found.accountId = required;
    if (values.withOpportunity) {
      if (values.opportunityName.trim() === '') found.opportunityName = required;
      if (values.opportunityCloseDate === '') found.opportunityCloseDate = required;
      // An unknown currency is the server's to report (next to the currency field).
      if (isKnownCurrency(currency) && typedAmountMinor(values.opportunityAmount, currency, PLAIN_AMOUNT) === null) found.opportunityAmount = t('pipeline.convert.amountInvalid');
    }
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBanner(null);
    const clientErrors = validate();
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      onConverted(await apiRequest<ConvertLeadResult>('POST', `/leads/${encodeURIComponent(lead.id)}/convert`, buildConvertBody(values, lead.version, chosenAccount?.currency ?? null)));
    } catch (error) {
      const placed = placeServerErrors(error instanceof ApiError ? (error.problem.errors ?? []) : [], (fieldError) => localizeFieldError(fieldError, t, intlLocale()));
      setErrors(placed.fields);
      const summary = summarizeError(error, t);
      const allPlaced = Object.keys(placed.fields).length > 0 && placed.rest.length === 0;
      setBanner({ title: summary.title, detail: allPlaced ? t('errors.fixFields') : placed.rest.length > 0 ? placed.rest.map((e) => `${e.field}: ${e.message}`).join('; ') : summary.detail });
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} className="dialog__content pipeline-convert" noValidate onSubmit={(event) => void submit(event)}>
      <h2 id="convert-lead-title" className="dialog__title">{t('pipeline.convert.title', { name: leadName(lead) })}</h2>
      {banner ? <Banner tone="error" title={banner.title} detail={banner.detail} /> : null}
      <fieldset className="pipeline-convert__group">
        <legend>{t('pipeline.convert.account')}</legend>
        <div className="pipeline-convert__choices">
          <label><input type="radio" name="accountMode" checked={values.accountMode === 'create'} onChange={() => setValues((v) => ({ ...v, accountMode: 'create', contactId: '' }))} /> {t('pipeline.convert.createAccount')}</label>
          <label><input type="radio" name="accountMode" checked={values.accountMode === 'existing'} onChange={() => set('accountMode')('existing')} /> {t('pipeline.convert.attachAccount')}</label>
        </div>
        {values.accountMode === 'create' ? (
          <>
            <TextField id="convert-account-name" label={t('pipeline.convert.accountName')} value={values.accountName} maxLength={300} error={errors.accountName} onValueChange={set('accountName')} />
            <TextField id="convert-account-currency" label={t('pipeline.convert.currency')} value={values.accountCurrency} maxLength={3} error={errors.accountCurrency} onValueChange={set('accountCurrency')} />
          </>
        ) : (
          <>
            <TextField id="convert-account-search" type="search" label={t('pipeline.convert.searchAccount')} value={accountQuery} onValueChange={setAccountQuery} />
            <SelectField id="convert-account-id" label={t('pipeline.convert.existingAccount')} value={values.accountId} error={errors.accountId}
              options={[{ value: '', label: t('pipeline.convert.chooseAccount') }, ...accounts.map((a) => ({ value: a.id, label: `${a.name} (${a.currency})` }))]}
              onValueChange={set('accountId')} />
          </>
        )}
      </fieldset>
      <fieldset className="pipeline-convert__group">
        <legend>{t('pipeline.convert.contact')}</legend>
        {values.accountMode === 'existing' ? (
          <SelectField id="convert-contact-id" label={t('pipeline.convert.contact')} value={values.contactId} error={errors.contactId}
            options={[{ value: '', label: t('pipeline.convert.createContact') }, ...contacts.map((c) => ({ value: c.id, label: [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || c.id }))]}
            onValueChange={set('contactId')} />
        ) : (
          <p className="muted">{t('pipeline.convert.contactFromLead')}</p>
        )}
      </fieldset>
      <fieldset className="pipeline-convert__group">
        <legend>{t('pipeline.convert.opportunity')}</legend>
        <label className="pipeline-convert__check"><input type="checkbox" checked={values.withOpportunity} onChange={(event) => set('withOpportunity')(event.target.checked)} /> {t('pipeline.convert.withOpportunity')}</label>
        {values.withOpportunity ? (
          <>
            <TextField id="convert-opportunity-name" label={t('pipeline.convert.opportunityName')} value={values.opportunityName} maxLength={300} error={errors.opportunityName} onValueChange={set('opportunityName')} />
            <TextField id="convert-opportunity-amount" inputMode="decimal" label={t('pipeline.convert.amount', { currency: currency || '—' })} value={values.opportunityAmount} error={errors.opportunityAmount} onValueChange={set('opportunityAmount')} />
            <DateField id="convert-opportunity-close" label={t('pipeline.card.closeDate')} value={values.opportunityCloseDate} error={errors.opportunityCloseDate} onValueChange={set('opportunityCloseDate')} />
            <SelectField id="convert-opportunity-stage" label={t('pipeline.list.stage')} value={values.opportunityStage} error={errors.opportunityStage}
              options={[{ value: '', label: t('pipeline.convert.firstStage') }, ...openStages.map((s) => ({ value: s.key, label: stageLabel(s) }))]}
              onValueChange={set('opportunityStage')} />
          </>
        ) : null}
      </fieldset>
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onClose}>{t('pipeline.common.cancel')}</button>
        <button type="submit" className="button button--primary" disabled={busy}>{t('pipeline.convert.confirm')}</button>
      </div>
    </form>
  );
}
