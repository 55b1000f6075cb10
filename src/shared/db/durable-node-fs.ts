import fs from 'node:fs';
import { NodeFS } from '@electric-sql/pglite/nodefs';

type EmscriptenStream = { nfd?: number };
type EmscriptenModule = { NODEFS: { stream_ops: Record<string, unknown> } };
type InitResult = Awaited<ReturnType<NodeFS['init']>>;

/**
 * PGlite's NodeFS mounts Emscripten's NODEFS, whose stream operations have no
 * `fsync`: Postgres' fsync/fdatasync calls become silent no-ops and a commit
 * only reaches the OS page cache. That survives a process crash but not a power
 * loss. This file system adds the missing operation so that every fsync issued
 * by Postgres (WAL flush at commit, checkpoints) becomes a real fs.fsyncSync.
 */
export class DurableNodeFS extends NodeFS {
  static fsyncCount = 0;

  override async init(...args: Parameters<NodeFS['init']>): Promise<InitResult> {
    const result = await super.init(...args);
    const preRun = (result.emscriptenOpts.preRun ?? []) as Array<(module: EmscriptenModule) => void>;
    result.emscriptenOpts.preRun = [...preRun, installFsync];
    return result;
  }
}

function installFsync(module: EmscriptenModule): void {
  module.NODEFS.stream_ops['fsync'] = (stream: EmscriptenStream) => {
    if (stream.nfd !== undefined) {
      fs.fsyncSync(stream.nfd);
      DurableNodeFS.fsyncCount += 1;
    }
    return 0;
  };
}

/**
 * PGlite's default start parameters contain `-F` (fsync off). These are the
 * same parameters without it, and with fsync and synchronous commit forced on.
 */
export const DURABLE_START_PARAMS = [
  '--single', '-O', '-j',
  '-c', 'search_path=public',
  '-c', 'exit_on_error=false',
  '-c', 'log_checkpoints=false',
  '-c', 'max_worker_processes=0',
  '-c', 'max_parallel_workers=0',
  '-c', 'max_parallel_workers_per_gather=0',
  '-c', 'io_method=sync',
  '-c', 'max_parallel_maintenance_workers=0',
  '-c', 'fsync=on',
  '-c', 'synchronous_commit=on',
  // Emscripten implements fdatasync as a no-op; fsync reaches fd_sync.
  '-c', 'wal_sync_method=fsync',
  '-c', 'full_page_writes=on',
];

/** The same with fsync and synchronous commit off: only for a bulk write flushed once afterwards (open-database.ts `fsync: false`). */
export const DEFERRED_SYNC_START_PARAMS = DURABLE_START_PARAMS.map((param) =>
  param === 'fsync=on' ? 'fsync=off' : param === 'synchronous_commit=on' ? 'synchronous_commit=off' : param);
