/**
 * The explorer's "as of" instant. The URL and the API carry a UTC instant (2024-03-31T21:59:59Z);
 * the field (DateTimeField, a datetime-local value) shows and takes the reader's local wall-clock time.
 */

const LOCAL_INPUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const pad = (value: number) => String(value).padStart(2, '0');

/** "2024-03-31T21:59:59Z" → "2024-03-31T23:59:59" in Berlin; '' for no instant or text that is none. */
export function instantToLocalInput(instant: string | null): string {
  if (instant === null) return '';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** The picker's local time as a UTC instant with whole seconds ("…T21:59:59Z"); null while it is incomplete. */
export function localInputToInstant(text: string): string | null {
  if (!LOCAL_INPUT.test(text)) return null;
  // A date-time without an offset is local time (ECMA-262 Date.parse), which is what the picker shows.
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
