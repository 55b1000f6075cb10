#!/usr/bin/env node
/**
 * `npm run bench [-- filter…]`: runs every bench/*.bench.ts in name order (or those whose
 * name contains one of the filters), each in its own child process so that one bench's
 * memory, WASM heap or database does not skew the next. Output is streamed as it comes;
 * the exit code is non-zero when any bench fails.
 *
 * The child mode (`--run-one <file>`) registers tsx and imports the bench file, whose
 * top-level code is the bench.
 */
import { execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NODE_FLAGS } from './node-flags.js';

const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = path.join(ROOT_DIR, 'bench');
const RESULTS_FILE = path.join(BENCH_DIR, 'results', 'latest.jsonl');
const RUN_ONE_FLAG = '--run-one';
// Guard: a bench that hangs (a stuck socket, a lock) must not hang CI; each bench bounds its own load well below this.
const BENCH_TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 300_000);

if (process.argv[2] === RUN_ONE_FLAG) {
  await runOne(process.argv[3]);
} else {
  process.exitCode = await runAll(process.argv.slice(2));
}

async function runOne(file) {
  const { register } = await import('tsx/esm/api');
  register();
  try {
    await import(pathToFileURL(file).href);
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  }
}

async function runAll(filters) {
  const files = listBenchFiles(filters);
  if (files.length === 0) {
    console.error(`No bench matches ${filters.map((f) => JSON.stringify(f)).join(', ')}. Available: ${listBenchFiles([]).join(', ') || '(none)'}`);
    return 1;
  }
  const runId = `${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${process.pid}`;
  const facts = machineFacts();
  printHeader(facts, files);
  if (process.env.BENCH_JSON === '1') startResultsFile({ type: 'run', runId, ...facts, benches: files });

  const failed = [];
  const startedMs = performance.now();
  for (const file of files) {
    console.log(`\n# ${file}`);
    const code = await runChild(path.join(BENCH_DIR, file), runId);
    if (code !== 0) {
      failed.push(file);
      console.log(`# ${file} FAILED (${code})`);
    }
  }
  const totalSeconds = ((performance.now() - startedMs) / 1000).toFixed(1);
  console.log(`\n# ${files.length - failed.length}/${files.length} benches passed in ${totalSeconds} s${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
  return failed.length === 0 ? 0 : 1;
}

function listBenchFiles(filters) {
  if (!fs.existsSync(BENCH_DIR)) return [];
  return fs
    .readdirSync(BENCH_DIR)
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
    .sort();
}

function runChild(file, runId) {
  return new Promise((resolve) => {
    const child = fork(fileURLToPath(import.meta.url), [RUN_ONE_FLAG, file], {
      // Under the CLI's own flags (bin/node-flags.js), after any the bench was started with.
      execArgv: [...process.execArgv, ...NODE_FLAGS],
      stdio: 'inherit',
      env: { ...process.env, BENCH_RUN_ID: runId },
    });
    const timer = setTimeout(() => {
      console.log(`# ${path.basename(file)} still running after ${BENCH_TIMEOUT_MS} ms (BENCH_TIMEOUT_MS): killing it`);
      child.kill('SIGKILL');
    }, BENCH_TIMEOUT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? `signal ${signal}` : 1));
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      console.error(error);
      resolve(1);
    });
  });
}

function machineFacts() {
  const cpus = os.cpus();
  return {
    startedAt: new Date().toISOString(),
    commit: gitCommit(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.arch()} ${os.release()}`,
    cpuCount: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryTotalBytes: os.totalmem(),
    memoryFreeBytes: os.freemem(),
    loadAverage1m: os.loadavg()[0],
  };
}

function gitCommit() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return dirty ? `${commit}+dirty` : commit;
  } catch {
    return 'unknown';
  }
}

function printHeader(facts, files) {
  const gib = (bytes) => (bytes / 1024 ** 3).toFixed(1);
  console.log(`# revline bench  ${facts.startedAt}  commit ${facts.commit}`);
  console.log(`# node ${facts.node} (v8 ${facts.v8}) ${NODE_FLAGS.join(' ')}  ${facts.platform}`);
  console.log(`# cpus ${facts.cpuCount} × ${facts.cpuModel}  load(1m) ${facts.loadAverage1m.toFixed(2)}`);
  console.log(`# memory ${gib(facts.memoryTotalBytes)} GiB total, ${gib(facts.memoryFreeBytes)} GiB free`);
  console.log(`# benches: ${files.join(', ')}`);
}

/** One results file per run: `latest` is the last run, each line a JSON record. */
function startResultsFile(record) {
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(record)}\n`);
}
