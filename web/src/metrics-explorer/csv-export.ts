import { minorToDecimal } from './metric-format.ts';
import type { Unit } from './metrics-api.ts';
import type { Column, Row, TableModel } from './table-model.ts';

/** An RFC 4180 field: quoted when it holds a quote, a comma or a line break. */
export function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

// A text cell that a spreadsheet would run as a formula (=, +, -, @) is prefixed with a quote
// (OWASP "CSV injection"): segment names are user data. Numbers are written as numbers.
export function neutralize(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cellText(column: Column, row: Row, unit: Unit): string {
  const value = row.cells[column.key];
  if (value === null || value === undefined) return '';
  const isMoney = column.kind === 'money' || ((column.kind === 'figure' || column.kind === 'restated') && unit === 'money');
  if (isMoney && row.currency !== undefined) return minorToDecimal(value, row.currency);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return neutralize(String(value));
}

/**
 * The table as RFC 4180 CSV: a header of field names, money as exact decimal strings in the row's
 * currency (123450 USD minor units → 1234.50, never through a float), ratios as the API sent them.
 */
export function buildCsv(model: TableModel, unit: Unit): string {
  const lines = [model.columns.map((column) => quote(column.key)).join(',')];
  for (const row of model.rows) lines.push(model.columns.map((column) => quote(cellText(column, row, unit))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Hands the text to the browser as a file download. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
