import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { apiRequest } from '../lib/api.ts';
import { summarizeError, type ErrorSummary, type FormProblem } from '../lib/problem.ts';
import { useFocusFirstInvalid } from '../lib/use-focus-first-invalid.ts';
import { toNestedFormProblem } from './settings-kit.ts';

/** The server's rule kinds (src/cpq/tables.ts PRODUCT_RULE_KINDS): the first three relate two products, the last two limit a quantity. */
export const PRODUCT_RULE_KINDS = ['requires', 'excludes', 'addon_of', 'min_qty', 'max_qty'] as const;
export type ProductRuleKind = (typeof PRODUCT_RULE_KINDS)[number];
export type ProductRule = { id: string; name: string; kind: ProductRuleKind; productId: string; relatedProductId: string | null; quantity: number | null; active: boolean; version: number };
type Product = { id: string; sku: string; name: string };

const PRODUCT_LIMIT = 500; // the API's page maximum; a catalog beyond that needs a search picker
const FIELDS = ['name', 'kind', 'productId', 'relatedProductId', 'quantity'] as const;
type Field = (typeof FIELDS)[number];
const relatesProducts = (kind: ProductRuleKind) => kind === 'requires' || kind === 'excludes' || kind === 'addon_of';

/** Adds a configuration rule: product A requires / excludes / is an add-on of B, or a minimum / maximum quantity of A. */
export function CreateProductRuleForm({ onCreated }: { onCreated(rule: ProductRule): void }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [products, setProducts] = useState<Product[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<ErrorSummary | null>(null);
  const [values, setValues] = useState({ name: '', kind: 'requires' as ProductRuleKind, productId: '', relatedProductId: '', quantity: '' });
  const [problem, setProblem] = useState<FormProblem<Field>>({ fields: {}, banner: null });
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useFocusFirstInvalid(formRef, attempt);
  useEffect(() => {
    apiRequest<{ data: Product[] }>('GET', `/products?active=true&limit=${PRODUCT_LIMIT}`)
      .then((page) => setProducts(page.data))
      .catch((error: unknown) => setLoadProblem(summarizeError(error, t)));
  }, [t]);

  const change = (key: keyof typeof values) => (value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    setProblem((current) => ({ ...current, fields: { ...current.fields, [key]: undefined } }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const related = relatesProducts(values.kind);
    const fields: FormProblem<Field>['fields'] = {};
    if (values.name.trim() === '') fields.name = t('validation.required');
    if (values.productId === '') fields.productId = t('validation.required');
    if (related && values.relatedProductId === '') fields.relatedProductId = t('validation.required');
    if (!related && values.quantity.trim() === '') fields.quantity = t('validation.required');
    if (Object.keys(fields).length > 0) {
      setProblem({ fields, banner: null });
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const quantity = values.quantity.trim();
      const rule = await apiRequest<ProductRule>('POST', '/product-rules', {
        name: values.name.trim(),
        kind: values.kind,
        productId: values.productId,
        relatedProductId: related ? values.relatedProductId : null,
        // A whole number goes as a number; anything else goes as typed, so the server names the field.
        quantity: related ? null : /^\d+$/.test(quantity) ? Number(quantity) : quantity,
      });
      setValues((current) => ({ ...current, name: '', quantity: '' }));
      setProblem({ fields: {}, banner: null });
      onCreated(rule);
    } catch (error) {
      setProblem(toNestedFormProblem(error, FIELDS, t));
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const productOptions = [{ value: '', label: t('settingsPages.rules.chooseProduct') }, ...(products ?? []).map((product) => ({ value: product.id, label: `${product.name} (${product.sku})` }))];
  return (
    <div className="settings-pages__subform">
      <h3 className="settings-pages__subtitle">{t('settingsPages.rules.createProductTitle')}</h3>
      {loadProblem ? <Banner tone="error" title={loadProblem.title} detail={loadProblem.detail} /> : null}
      {problem.banner ? <Banner tone="error" title={problem.banner.title} detail={problem.banner.detail} /> : null}
      <form ref={formRef} className="form form--grid" noValidate onSubmit={(event) => void submit(event)}>
        <TextField id="product-rule-name" name="name" autoComplete="off" label={t('settingsPages.rules.name')} value={values.name} onValueChange={change('name')} error={problem.fields.name} required />
        <SelectField<ProductRuleKind>
          id="product-rule-kind"
          label={t('settingsPages.rules.columnKind')}
          value={values.kind}
          options={PRODUCT_RULE_KINDS.map((kind) => ({ value: kind, label: t(`settingsPages.rules.productKindName.${kind}`) }))}
          onValueChange={change('kind')}
          error={problem.fields.kind}
        />
        <SelectField id="product-rule-product" label={t('settingsPages.rules.product')} value={values.productId} options={productOptions} onValueChange={change('productId')} error={problem.fields.productId} />
        {relatesProducts(values.kind) ? (
          <SelectField id="product-rule-related" label={t('settingsPages.rules.relatedProduct')} value={values.relatedProductId} options={productOptions} onValueChange={change('relatedProductId')} error={problem.fields.relatedProductId} />
        ) : (
          <TextField id="product-rule-quantity" name="quantity" inputMode="numeric" autoComplete="off" label={t('settingsPages.rules.quantity')} value={values.quantity} onValueChange={change('quantity')} error={problem.fields.quantity} />
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy || products === null}>{t('settingsPages.rules.createProduct')}</button>
        </div>
      </form>
    </div>
  );
}
