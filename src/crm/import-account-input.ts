import type { z } from 'zod';
import { isCurrencyCode } from '../shared/money.ts';
import { isPlainDateText } from '../shared/validation/field-schemas.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { billingAddressProblem, normalizeBillingAddress } from './billing-address.ts';
import { isCountryCode } from './country-codes.ts';
import { MAX_DEFINITIONS_PER_ENTITY, TEXT_MAX_LENGTH } from './custom-fields/schema.ts';
import { normalizeDomain } from './domain-name.ts';
import { createAccountSchema, EMPLOYEE_BANDS, type CreateAccountInput } from './schema.ts';

export type ParsedCreateAccount = z.output<typeof createAccountSchema>;

/**
 * parseInput(createAccountSchema, input) for an import batch. Imported values arrive typed and
 * mostly in the form the schema would give them (trimmed text, upper-case codes, YYYY-MM-DD dates,
 * plain custom field values), and the zod parse of each was one of the largest per-row costs of a
 * bulk create. An input whose every field is already so is returned as the schema would return it,
 * without zod; any other input — one to normalize, one to refuse, money custom fields — goes through
 * zod as before, so every error message is zod's own (import-account-input.test.ts compares the two
 * on arbitrary inputs).
 */
export function parseCreateAccountInput(input: CreateAccountInput): ParsedCreateAccount {
  return parseNormalizedCreate(input) ?? parseInput(createAccountSchema, input);
}

const FIELDS: ReadonlySet<string> = new Set([
  'name', 'domain', 'parentAccountId', 'segment', 'industry', 'country', 'employeeBand', 'currency', 'customerSinceDate', 'taxId',
  'billingAddress', 'customFields', 'sourceSystem', 'externalId', 'ownerUserId',
]);
const BANDS: ReadonlySet<unknown> = new Set(EMPLOYEE_BANDS);
const CUSTOM_FIELD_KEY = /^[a-z][a-z0-9_]{0,62}$/;

/** Thrown inside the fast path: the input needs zod (a value to normalize or to refuse). */
const NEEDS_ZOD = Symbol('needs zod');

/** The schema's output when every field is already in its normalized, valid form; null otherwise. */
export function parseNormalizedCreate(input: unknown): ParsedCreateAccount | null {
  if (!isPlainObject(input)) return null;
  for (const key of Object.keys(input)) if (!FIELDS.has(key)) return null;
  try {
    const parsed: ParsedCreateAccount = {
      name: text(input['name'], 300),
      domain: orNull(input['domain'], domain),
      parentAccountId: orNull(input['parentAccountId'], recordId),
      segment: orNull(input['segment'], (v) => text(v, 100)),
      industry: orNull(input['industry'], (v) => text(v, 100)),
      country: orNull(input['country'], (v) => code(v, isCountryCode)),
      employeeBand: orNull(input['employeeBand'], band),
      currency: code(input['currency'], isCurrencyCode),
      customerSinceDate: orNull(input['customerSinceDate'], (v) => (typeof v === 'string' && isPlainDateText(v) ? v : fail())),
      taxId: orNull(input['taxId'], (v) => text(v, 50)),
      billingAddress: orNull(input['billingAddress'], address),
      customFields: input['customFields'] === undefined ? {} : customFields(input['customFields']),
      sourceSystem: orNull(input['sourceSystem'], (v) => text(v, 50)),
      externalId: orNull(input['externalId'], (v) => text(v, 200)),
    };
    // Optional, not defaulted: zod keeps the key only when the input has it.
    if (Object.hasOwn(input, 'ownerUserId')) {
      const owner = input['ownerUserId'];
      parsed.ownerUserId = owner === undefined ? undefined : orNull(owner, recordId);
    }
    return parsed;
  } catch (error) {
    if (error === NEEDS_ZOD) return null;
    throw error;
  }
}

function fail(): never {
  throw NEEDS_ZOD;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** `.nullable().default(null)`: undefined and null give null, anything else goes through `parse`. */
function orNull<T>(value: unknown, parse: (value: unknown) => T): T | null {
  return value === undefined || value === null ? null : parse(value);
}

/** text(max): trimmed, 1 to max characters. */
function text(value: unknown, max: number): string {
  return typeof value === 'string' && value.length >= 1 && value.length <= max && value.trim() === value ? value : fail();
}

function recordId(value: unknown): string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 100 ? value : fail();
}

/** Currency and country: already trimmed and upper-case, and an assigned code. */
function code(value: unknown, isCode: (value: string) => boolean): string {
  return typeof value === 'string' && value.trim().toUpperCase() === value && isCode(value) ? value : fail();
}

function band(value: unknown): (typeof EMPLOYEE_BANDS)[number] {
  return BANDS.has(value) ? (value as (typeof EMPLOYEE_BANDS)[number]) : fail();
}

/** billingAddressSchema: already in its stored form (normalized, within the limits). */
function address(value: unknown): string {
  return typeof value === 'string' && normalizeBillingAddress(value) === value && billingAddressProblem(value) === null ? value : fail();
}

/** domainSchema: its output is the normalized domain, so any readable domain passes as normalizeDomain gives it. */
function domain(value: unknown): string {
  const normalized = typeof value === 'string' && value.length <= 2000 ? normalizeDomain(value) : null;
  return normalized ?? fail();
}

/** Plain values only (text, finite numbers, true/false, null); money objects go through zod. */
function customFields(value: unknown): Record<string, string | number | boolean | null> {
  if (!isPlainObject(value)) return fail();
  const keys = Object.keys(value);
  if (keys.length > MAX_DEFINITIONS_PER_ENTITY) return fail();
  const copy: Record<string, string | number | boolean | null> = {};
  for (const key of keys) {
    const item = value[key];
    if (!CUSTOM_FIELD_KEY.test(key)) return fail();
    if (item === null || typeof item === 'boolean' || (typeof item === 'number' && Number.isFinite(item)) || (typeof item === 'string' && item.length <= TEXT_MAX_LENGTH)) {
      copy[key] = item;
    } else {
      return fail();
    }
  }
  return copy;
}
