// Child process for durability.test.ts: commits rows one by one, announcing each
// commit on stdout only after COMMIT returned, until it is killed.
import { openDatabase } from '../open-database.ts';
import { sql } from 'kysely';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: commit-loop.ts <dataDir>');
const handle = await openDatabase({ kind: 'pglite', dataDir });
await sql`create table if not exists durability_probe (n integer primary key, payload text not null)`.execute(handle.db);
process.stdout.write('ready\n');
for (let n = 1; n <= 100_000; n += 1) {
  await handle.db.transaction().execute(async (trx) => {
    await sql`insert into durability_probe (n, payload) values (${n}, ${'x'.repeat(200)})`.execute(trx);
  });
  process.stdout.write(`committed ${n}\n`);
}
