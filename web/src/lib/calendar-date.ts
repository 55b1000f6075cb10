const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A real calendar day as 'YYYY-MM-DD' (not 2026-02-30, which the API refuses): what a filter in the URL may hold. */
export function isCalendarDate(value: string): boolean {
  return ISO_DATE.test(value) && new Date(`${value}T12:00:00Z`).toISOString().slice(0, 10) === value;
}

/**
 * Today as the user's own calendar has it, 'YYYY-MM-DD' (their device's time zone): a default
 * such as a payment's received day or this month's statement. `toISOString()` would give the UTC
 * day, yesterday for a Berlin user until 01:00.
 */
export function todayLocalDate(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(now.getFullYear()).padStart(4, '0')}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
