import fs from 'node:fs';
import { sql, type Kysely, type KyselyPlugin } from 'kysely';

/**
 * CPU seconds (user + system) used so far by the server processes serving this database, read
 * from /proc: only when PostgreSQL runs on this machine (null otherwise). Backends that ended in
 * between are missed, so read it while the pool is still busy or freshly idle.
 */
export async function postgresBackendCpuSeconds<T>(db: Kysely<T>): Promise<number | null> {
  const result = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(db);
  let ticks = 0;
  for (const { pid } of result.rows) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return null;
    }
    // Fields after the command name: state is field 3, utime 14 and stime 15 (proc(5)).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}

/** Counts statements sent through a Kysely instance (db.withPlugin(counter.plugin)). */
export function statementCounter(): { plugin: KyselyPlugin; count(): number } {
  let count = 0;
  return {
    plugin: {
      transformQuery: ({ node }) => {
        count += 1;
        return node;
      },
      transformResult: async ({ result }) => result,
    },
    count: () => count,
  };
}
