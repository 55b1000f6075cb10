import type { Config } from '../config.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { migrateToLatest } from './migrate.ts';
import { openDatabase, type DatabaseHandle } from './open-database.ts';
import { isWriteUnfinished } from './unfinished-write.ts';

/** PostgreSQL when DATABASE_URL is set, else the embedded database in REVLINE_DATA_DIR; migrated. */
export async function openConfiguredDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  options: { migrate?: boolean } = {},
): Promise<DatabaseHandle & { migrationsApplied: string[] }> {
  let handle: DatabaseHandle;
  if (config.databaseUrl) {
    handle = await openDatabase({ kind: 'postgres', url: config.databaseUrl });
  } else {
    const unlock = lockDataDir(config.dataDir);
    try {
      if (isWriteUnfinished(config.dataDir)) {
        throw new Error(`The data directory ${config.dataDir} was cut off while the demo was being written into it (a crash or power loss): it may be incomplete. Run \`revline demo --data-dir ${config.dataDir}\` to write it again, or delete the directory.`);
      }
      const opened = await openDatabase({ kind: 'pglite', dataDir: config.dataDir });
      handle = { ...opened, close: async () => { await opened.close(); unlock(); } };
    } catch (error) {
      unlock();
      throw error;
    }
  }
  try {
    const applied = options.migrate === false ? [] : (await migrateToLatest(handle.db)).applied;
    return { ...handle, migrationsApplied: applied };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
