/** The same server as `url`, on the maintenance database `postgres`. */
export function adminUrl(url: string): string {
  return databaseUrlFor(url, 'postgres');
}

export function databaseUrlFor(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

type AdminClient = { query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[] }> };

/**
 * Drops a database once its sessions are gone. A closed pool's connections may still be saying
 * goodbye; `drop … with (force)` would terminate them mid-close and their client would raise an
 * unhandled 57P01 in this process. So wait (up to `waitMs`) for them first, then force the rest.
 */
export async function dropDatabaseWhenIdle(admin: AdminClient, name: string, waitMs = 5_000): Promise<void> {
  const deadlineMs = performance.now() + waitMs;
  while (performance.now() < deadlineMs) {
    const { rows } = await admin.query<{ sessions: number }>('select count(*)::int as sessions from pg_stat_activity where datname = $1', [name]);
    if (rows[0]?.sessions === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await admin.query(`drop database if exists ${name} with (force)`);
}
