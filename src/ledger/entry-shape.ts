import { isCurrencyCode } from '../shared/money.ts';
import { isPlainDateText } from '../shared/validation/field-schemas.ts';
import { MAX_AMOUNT_MINOR, type ParsedEntry } from './schema.ts';

// A structural check in front of postJournalEntrySchema for entries built by code (the billing
// run posts two per invoice; zod costs ~45 µs an entry). It accepts only input the schema accepts
// unchanged — already trimmed, upper-case currency, text dates, the same limits and patterns — and
// answers null for anything else, which then goes through zod for its normalization or its field
// errors. So a caller sees exactly the schema's behaviour; entry-shape.test.ts compares both.

const ENTRY_KEYS = new Set(['entryDate', 'description', 'source', 'idempotencyKey', 'lines']);
const LINE_KEYS = new Set(['accountCode', 'debit', 'credit', 'memo', 'refs']);
const MONEY_KEYS = new Set(['amountMinor', 'currency']);
const SOURCE_KEYS = new Set(['type', 'id']);
const REFS_KEYS = new Set(['accountId', 'subscriptionId', 'invoiceId']);
const ACCOUNT_CODE = /^[0-9]{3,10}$/;
const SOURCE_TYPE = /^[a-z][a-z0-9_]{1,49}$/;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-:.]{1,255}$/;

/** The input as the schema's output when it is already in that form, else null (parse with zod). */
export function entryInSchemaForm(input: unknown): ParsedEntry | null {
  if (!isRecordOf(input, ENTRY_KEYS)) return null;
  const { entryDate, description, source, idempotencyKey, lines } = input;
  if (typeof entryDate !== 'string' || !isPlainDateText(entryDate) || !isText(description, 500)) return null;
  if (source !== undefined && source !== null && !(isRecordOf(source, SOURCE_KEYS) && typeof source['type'] === 'string' && SOURCE_TYPE.test(source['type']) && isText(source['id'], 200))) return null;
  if (idempotencyKey !== undefined && idempotencyKey !== null && !(typeof idempotencyKey === 'string' && IDEMPOTENCY_KEY.test(idempotencyKey))) return null;
  if (!Array.isArray(lines) || lines.length < 2 || lines.length > 500 || !lines.every(isLineInSchemaForm)) return null;
  return input as ParsedEntry;
}

function isLineInSchemaForm(line: unknown): boolean {
  if (!isRecordOf(line, LINE_KEYS)) return false;
  const { accountCode, debit, credit, memo, refs } = line;
  if (typeof accountCode !== 'string' || !ACCOUNT_CODE.test(accountCode)) return false;
  if ((debit === undefined) === (credit === undefined)) return false;
  if (!isMoneyInSchemaForm(debit ?? credit)) return false;
  if (memo !== undefined && memo !== null && !isText(memo, 500)) return false;
  if (refs === undefined) return true;
  if (!isRecordOf(refs, REFS_KEYS)) return false;
  return Object.values(refs).every((value) => value === undefined || isText(value, 100));
}

function isMoneyInSchemaForm(value: unknown): boolean {
  if (!isRecordOf(value, MONEY_KEYS)) return false;
  const { amountMinor, currency } = value;
  return typeof amountMinor === 'bigint' && amountMinor > 0n && amountMinor <= MAX_AMOUNT_MINOR
    && typeof currency === 'string' && currency === currency.trim().toUpperCase() && isCurrencyCode(currency);
}

/** text(max) of shared/validation, in the form it outputs: trimmed already, 1 to max characters. */
function isText(value: unknown, max: number): boolean {
  return typeof value === 'string' && value.length >= 1 && value.length <= max && value.trim() === value;
}

/** A plain object (not a class instance) whose keys are all known: the schemas are strict. */
function isRecordOf(value: unknown, keys: ReadonlySet<string>): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) if (!keys.has(key)) return false;
  return true;
}

/** A description as the schema outputs it (text(500)): for one given after the entry was checked. */
export function isDescriptionInSchemaForm(value: string): boolean {
  return isText(value, 500);
}
