/** PATCH helpers: an absent field is unchanged; only the columns that differ are written. */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function changedValues<T extends Record<string, unknown>>(previous: T, next: T): Partial<T> {
  const changed: Partial<T> = {};
  for (const key of Object.keys(next) as Array<keyof T>) {
    if (next[key] !== previous[key]) changed[key] = next[key];
  }
  return changed;
}
