import type { PGlite } from '@electric-sql/pglite';

/**
 * initdb arguments for the run's PGlite template: 1 MB WAL segments instead of 16 MB, so the image
 * carries 1 MB of WAL. Every test file boots from this image (createTestDatabase), so its size and
 * its start-up work are paid ~260 times per run.
 */
export const TEMPLATE_INITDB_ARGS = ['--wal-segsize=1'];

/**
 * The migrated template as a tar image that boots cheaply (CPU per createTestDatabase 1.5 → 0.65 s).
 * What it leaves out no test uses:
 * - template0 and template1 (no test runs CREATE DATABASE on PGlite; 2 × 7 MB copied per boot);
 * - 128 MB of shared buffers zeroed at every start (16 MB: the data-set imports ran no slower);
 * - zero-filling each new WAL segment (an in-memory file system has nothing to reserve);
 * - WAL replay at every start (a checkpoint first) and the WAL segments kept for later use.
 * These are start-up costs only: every test file still gets its own copy of the migrated database.
 * Databases on disk (the CLI, the kill and durability tests) keep PGlite's defaults.
 */
export async function dumpTemplateImage(pglite: PGlite): Promise<Uint8Array> {
  for (const name of ['template0', 'template1']) {
    await pglite.exec(`alter database ${name} is_template false`);
    await pglite.exec(`drop database ${name}`);
  }
  await pglite.exec(`alter system set shared_buffers = '16MB'`);
  await pglite.exec('alter system set wal_init_zero = off');
  await pglite.exec('checkpoint');
  const { rows } = await pglite.query<{ first: string; last: string }>(
    `select redo_wal_file as first, pg_walfile_name(pg_current_wal_insert_lsn()) as last from pg_control_checkpoint()`,
  );
  if (!rows[0]) throw new Error('pg_control_checkpoint() returned no row');
  const { first, last } = rows[0];
  const tar = new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
  // WAL segment names are fixed-width hex, so string order is WAL order.
  let segmentsKept = 0;
  const image = filterTar(tar, (name) => {
    const segment = /(?:^|\/)pg_wal\/([0-9A-F]{24})$/.exec(name)?.[1];
    if (segment === undefined) return true;
    const needed = segment >= first && segment <= last;
    if (needed) segmentsKept += 1;
    return needed;
  });
  if (segmentsKept === 0) throw new Error(`the template dump holds none of the WAL segments ${first}…${last}`);
  return image;
}

/** The entries of a ustar archive whose path passes `keep`, as a new archive. */
function filterTar(tar: Uint8Array, keep: (path: string) => boolean): Uint8Array {
  const blockBytes = 512;
  const kept: Uint8Array[] = [];
  const decoder = new TextDecoder('latin1');
  const field = (header: Uint8Array, start: number, end: number) =>
    decoder.decode(header.subarray(start, end)).replace(/\0.*$/s, '');
  let offset = 0;
  while (offset + blockBytes <= tar.length) {
    const header = tar.subarray(offset, offset + blockBytes);
    if (header.every((byte) => byte === 0)) break;
    const prefix = field(header, 345, 500);
    const path = (prefix ? `${prefix}/` : '') + field(header, 0, 100);
    const sizeBytes = Number.parseInt(field(header, 124, 136).trim() || '0', 8);
    const entryBytes = blockBytes + Math.ceil(sizeBytes / blockBytes) * blockBytes;
    if (keep(path)) kept.push(tar.subarray(offset, offset + entryBytes));
    offset += entryBytes;
  }
  kept.push(new Uint8Array(2 * blockBytes));
  return Buffer.concat(kept);
}
