import { MoneyError, isCurrencyCode, parseDecimalToMinor, type Money } from '../../shared/money.ts';
import type { EntityName, FieldKind } from '../targets/entities.ts';
import { parseDateText, parseInstantText } from './parse-date.ts';
import type { Condition, EffectiveSettings, FieldSpec, Scalar } from './schema.ts';
import { applyTransform } from './transforms.ts';

export type MappedValue = string | number | boolean | null | Money;
/** through: the value is an external id of this entity, to be followed (the spec that produced it said so). */
export type Converted = { ok: true; value: MappedValue; through?: EntityName | undefined } | { ok: false; reason: string };

/** A field of a mapping, checked and ready to run on rows (see compile-mapping.ts). */
export type CompiledField = {
  target: string;
  kind: FieldKind;
  spec: FieldSpec;
  /** What the error report names: the source column(s), or the target for constants. */
  label: string;
  matcher: RegExp | null;
  /** The value map with lower-cased keys, for the case-insensitive second look-up. */
  foldedValues: Map<string, Scalar> | null;
  /** Converted instead when this field's value is empty. */
  fallback: CompiledField | null;
};

/** Per-file settings with the placeholder and boolean sets prepared for look-ups. */
export type RowSettings = EffectiveSettings & { placeholderSet: Set<string>; trueSet: Set<string>; falseSet: Set<string> };

export function prepareSettings(settings: EffectiveSettings): RowSettings {
  const fold = (list: string[]) => new Set(list.map((v) => v.toLowerCase()));
  return { ...settings, placeholderSet: fold(settings.placeholders), trueSet: fold(settings.trueValues), falseSet: fold(settings.falseValues) };
}

/** Where a row is: templates may name it as {#file} and {#line} (keys for rows that have none). */
export type RowPlace = { fileName: string; line: number };

/** The text the field reads from the row, before any conversion ('' for a missing optional column). */
export function rawValue(field: CompiledField, row: Readonly<Record<string, string>>, place?: RowPlace): Scalar {
  const { spec } = field;
  if (spec.value !== undefined) return spec.value;
  if (spec.template !== undefined) {
    return spec.template.replace(/\{([^{}]+)\}/g, (_all, column: string) =>
      column === '#line' ? String(place?.line ?? '') : column === '#file' ? (place?.fileName ?? '') : (row[column] ?? '').trim());
  }
  if (spec.columns) return spec.columns.map((c) => (row[c] ?? '').trim()).filter((v) => v !== '').join(spec.separator ?? ' ');
  return row[spec.column ?? ''] ?? '';
}

/** A row condition (record `when`, field `onlyIf`): the column is not empty (and equals one of `equals`), or with isEmpty: is empty. */
export function conditionHolds(condition: Condition, row: Readonly<Record<string, string>>, settings: RowSettings): boolean {
  const text = (row[condition.column] ?? '').trim();
  const empty = text === '' || settings.placeholderSet.has(text.toLowerCase());
  if (condition.isEmpty) return empty;
  return !empty && (condition.equals === undefined || condition.equals.includes(text));
}

/** Raw text → the target field's type: trim, placeholders, match, value map, default, transform, then type. */
export function convertField(field: CompiledField, row: Readonly<Record<string, string>>, settings: RowSettings, place?: RowPlace): Converted {
  const result = toValue(field, row, settings, place);
  if (result.ok) return result.through === undefined && field.spec.through ? { ...result, through: field.spec.through } : result;
  if (field.spec.onInvalid !== 'null') return result;
  return { ok: true, value: null };
}

function toValue(field: CompiledField, row: Readonly<Record<string, string>>, settings: RowSettings, place?: RowPlace): Converted {
  const { spec } = field;
  let value = spec.onlyIf && !conditionHolds(spec.onlyIf, row, settings) ? null : rawValue(field, row, place);
  if (typeof value === 'string') {
    if (settings.trim) value = value.trim();
    if (settings.placeholderSet.has(value.toLowerCase())) value = null;
    else if (field.matcher && !field.matcher.test(value)) value = null;
  }
  if (value !== null && spec.values) {
    const key = String(value);
    const hit = Object.hasOwn(spec.values, key) ? spec.values[key] : field.foldedValues?.get(key.toLowerCase());
    if (hit !== undefined) value = hit;
    else if (spec.otherwise === 'null') value = null;
    else if (spec.otherwise === 'reject') return { ok: false, reason: `not one of the mapped values (${Object.keys(spec.values).join(', ')})` };
  }
  if (value !== null && spec.ifPresent !== undefined) value = spec.ifPresent;
  if (value === null) return field.fallback ? fromFallback(field.fallback, row, settings, place) : { ok: true, value: spec.default ?? null };
  if (typeof value !== 'string') return withOffset(typeValue(String(value), field, settings, row), field, row, settings);
  if (spec.transform) {
    const transformed = applyTransform(spec.transform, value, spec.referenceDate);
    if (!transformed.ok) return transformed;
    value = transformed.value;
  }
  return withOffset(typeValue(value, field, settings, row), field, row, settings);
}

function fromFallback(fallback: CompiledField, row: Readonly<Record<string, string>>, settings: RowSettings, place?: RowPlace): Converted {
  const result = toValue(fallback, row, settings, place);
  return result.ok && fallback.spec.through ? { ...result, through: fallback.spec.through } : result;
}

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/** date/instant + n units from another column ("submitted_at" + "first_response_time_minutes"). */
function withOffset(converted: Converted, field: CompiledField, row: Readonly<Record<string, string>>, settings: RowSettings): Converted {
  const offset = field.spec.offset;
  if (!offset || !converted.ok || typeof converted.value !== 'string') return converted;
  const text = (row[offset.column] ?? '').trim();
  if (text === '' || settings.placeholderSet.has(text.toLowerCase())) return { ok: true, value: null };
  const amount = normalizeDecimal(text, settings);
  if (amount === null) return { ok: false, reason: `${offset.column} is not a number of ${offset.unit}` };
  const base = field.kind === 'date' ? `${converted.value}T00:00:00Z` : converted.value;
  const shifted = new Date(new Date(base).getTime() + Math.round(Number(amount) * UNIT_MS[offset.unit])).toISOString();
  return { ok: true, value: field.kind === 'date' ? shifted.slice(0, 10) : shifted };
}

function typeValue(text: string, field: CompiledField, settings: RowSettings, row: Readonly<Record<string, string>>): Converted {
  const { kind } = field;
  if (typeof kind === 'object') return { ok: true, value: text };
  switch (kind) {
    case 'text':
      return { ok: true, value: text };
    case 'boolean':
      if (settings.trueSet.has(text.toLowerCase())) return { ok: true, value: true };
      if (settings.falseSet.has(text.toLowerCase())) return { ok: true, value: false };
      return { ok: false, reason: `not a yes/no value (${[...settings.trueValues, ...settings.falseValues].join(', ')})` };
    case 'integer':
      return integerOf(text, settings);
    case 'decimal':
      return decimalOf(text, settings);
    case 'bps':
      return bpsOf(text, settings);
    case 'date': {
      const date = parseDateText(text, field.spec.format ?? settings.dateFormat);
      return date ? { ok: true, value: date } : { ok: false, reason: `not a date in the format ${field.spec.format ?? settings.dateFormat}` };
    }
    case 'instant': {
      const instant = parseInstantText(text, field.spec.format ?? settings.datetimeFormat);
      return instant ? { ok: true, value: instant } : { ok: false, reason: `not a date-time in the format ${field.spec.format ?? settings.datetimeFormat}` };
    }
    case 'currency': {
      const code = text.toUpperCase();
      return isCurrencyCode(code) ? { ok: true, value: code } : { ok: false, reason: 'not an ISO 4217 currency code' };
    }
    case 'money':
      return moneyOf(text, currencyOf(field, settings, row), settings);
  }
}

/** The field's own currency, else its currency column's, else the file's default (checked at compile time to exist). */
function currencyOf(field: CompiledField, settings: RowSettings, row: Readonly<Record<string, string>>): string {
  const fromColumn = field.spec.currencyColumn ? (row[field.spec.currencyColumn] ?? '').trim().toUpperCase() : '';
  return field.spec.currency ?? (fromColumn || settings.currency || '');
}

/**
 * The characters spreadsheets group digits with, written as the separator the mapping names:
 * Excel in French and Swiss locales puts U+202F or U+00A0 (no-break spaces) or U+2019 between
 * thousands, which look like the space or apostrophe the mapping author typed.
 */
function withPlainGroups(text: string, settings: RowSettings): string {
  if (settings.thousandsSeparator === ' ') return text.replace(/[\u00a0\u202f\u2009]/g, ' ');
  if (settings.thousandsSeparator === "'") return text.replace(/[\u2019\u02bc]/g, "'");
  return text;
}

/** Money parsed exactly in the currency's minor units (never through a float). */
function moneyOf(text: string, currency: string, settings: RowSettings): Converted {
  if (!isCurrencyCode(currency)) return { ok: false, reason: `no ISO 4217 currency for the amount (got ${JSON.stringify(currency)})` };
  try {
    const options = { decimalSeparator: settings.decimalSeparator, thousandsSeparator: settings.thousandsSeparator };
    return { ok: true, value: { amountMinor: parseDecimalToMinor(withPlainGroups(text, settings), currency, options), currency } };
  } catch (error) {
    if (error instanceof MoneyError || error instanceof RangeError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** "1.234,56" → "1234.56" as told by the separators; null when the text is not such a number. */
export function normalizeDecimal(text: string, settings: RowSettings): string | null {
  const group = settings.thousandsSeparator;
  const compact = group === '' ? text : withPlainGroups(text, settings).split(group).join('');
  const canonical = settings.decimalSeparator === ',' ? compact.replace(',', '.') : compact;
  return /^[+-]?\d+(\.\d+)?$/.test(canonical) ? canonical.replace(/^\+/, '') : null;
}

function integerOf(text: string, settings: RowSettings): Converted {
  const canonical = normalizeDecimal(text, settings);
  // "3.0" from a spreadsheet is still the integer 3; "3.5" is not.
  const whole = canonical?.replace(/\.0+$/, '');
  if (whole === undefined || !/^-?\d+$/.test(whole) || !Number.isSafeInteger(Number(whole))) return { ok: false, reason: 'not a whole number' };
  return { ok: true, value: Number(whole) };
}

function decimalOf(text: string, settings: RowSettings): Converted {
  const canonical = normalizeDecimal(text, settings);
  return canonical === null ? { ok: false, reason: 'not a number' } : { ok: true, value: canonical };
}

/** A percentage ("10", "12.5") → basis points (1000, 1250), exactly; finer than 0.01 % is rejected. */
function bpsOf(text: string, settings: RowSettings): Converted {
  const canonical = normalizeDecimal(text.replace(/%$/, '').trim(), settings);
  const match = canonical === null ? null : /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(canonical);
  if (!match) return { ok: false, reason: 'not a percentage with at most two decimals' };
  const bps = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return { ok: true, value: match[1] === '-' ? -bps : bps };
}
