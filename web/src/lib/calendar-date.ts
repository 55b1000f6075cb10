const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A real calendar day as 'YYYY-MM-DD' (not 2026-02-30, which the API refuses): what a filter in the URL may hold. */
export function isCalendarDate(value: string): boolean {
  return ISO_DATE.test(value) && new Date(`${value}T12:00:00Z`).toISOString().slice(0, 10) === value;
}
