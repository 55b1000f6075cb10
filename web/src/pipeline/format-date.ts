/** A calendar date ('2026-03-31', no time zone: STYLE.md "Dates") in the UI locale, the same day everywhere. */
export function formatPlainDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}
