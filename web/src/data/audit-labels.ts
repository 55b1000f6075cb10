import type { TFunction } from 'i18next';
import { AUDIT_ENTITY_TYPES } from '../../../src/shared/audit-vocabulary.ts';

/**
 * An audit entry's action and record type in words (data.auditActions / data.auditEntityTypes, one label
 * per code of src/shared/audit-vocabulary.ts; `settlement.apply` is the nested key settlement → apply).
 * A code the app has no label for (an entry written before a rename, a newer server) shows as itself.
 */
function codeLabel(t: TFunction, group: 'auditActions' | 'auditEntityTypes', code: string): string {
  const label: unknown = t(`data.${group}.${code}`, { returnObjects: true, defaultValue: '' });
  return typeof label === 'string' && label !== '' ? label : code;
}

export function auditActionLabel(t: TFunction, action: string): string {
  return codeLabel(t, 'auditActions', action);
}

export function auditEntityTypeLabel(t: TFunction, entityType: string): string {
  return codeLabel(t, 'auditEntityTypes', entityType);
}

/** The record-type filter's choices, by label in the reader's language; a type from the address that the app does not know is kept. */
export function auditEntityTypeOptions(t: TFunction, locale: string, current: string): { value: string; label: string }[] {
  const codes: string[] = [...AUDIT_ENTITY_TYPES];
  if (current !== '' && !codes.includes(current)) codes.push(current);
  const collator = new Intl.Collator(locale);
  return codes.map((value) => ({ value, label: auditEntityTypeLabel(t, value) })).sort((a, b) => collator.compare(a.label, b.label));
}
