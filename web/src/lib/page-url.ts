/** Query values; undefined, null and '' are left out of the URL (an unset filter). */
export type PagedListQuery = Record<string, string | number | boolean | null | undefined>;

/** `path?query` with the cursor, keys sorted so equal queries give equal URLs. */
export function buildPageUrl(path: string, query: PagedListQuery, cursor: string | null): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  if (cursor !== null) params.set('cursor', cursor);
  const text = params.toString();
  if (text === '') return path;
  return `${path}${path.includes('?') ? '&' : '?'}${text}`;
}
