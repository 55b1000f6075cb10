import type { Command } from 'commander';
import { DEMO_DEFAULTS, runDemo } from './demo.ts';
import { wholeNumberOption } from './whole-number-option.ts';

const seedOf = wholeNumberOption(0, 4_294_967_295);

/** `revline demo`: the Nordlicht Analytics demo company (issue #8). */
export function registerDemoCommand(program: Command, parsePort: (value: string) => number): void {
  program
    .command('demo')
    .description('generate the demo company Nordlicht Analytics into an empty database (default ./.revline-demo) and serve it')
    .option('--seed <n>', 'random seed: the same seed makes the same company', seedOf, DEMO_DEFAULTS.seed)
    .option('--customers <n>', 'new customers won over the history (through the real flows: ≈ 0.15 s each on PGlite; the default, 200, is ready in about half a minute)', wholeNumberOption(1, 100_000), DEMO_DEFAULTS.customers)
    .option('--months <n>', `months of history, ending today (default ${DEMO_DEFAULTS.months}, with --bulk ${DEMO_DEFAULTS.bulkMonths})`, wholeNumberOption(1, 120))
    .option('--bulk', 'benchmark scale: write accounts, subscriptions and item versions directly with set-based SQL, not through the flows')
    .option('--data-dir <dir>', 'embedded database directory (default REVLINE_DATA_DIR, else ./.revline-demo)')
    .option('--reset', 'erase the database in the data directory first (PGlite only)')
    .option('--no-serve', 'only generate, do not start the server')
    .option('--build-web', 'build the web app (if missing or stale) while generating; npm run demo does')
    .option('-p, --port <port>', 'port to listen on (default PORT or 3000)', parsePort)
    .option('-H, --host <host>', 'interface to listen on (default HOST or 127.0.0.1)')
    .action(async (options: { seed: number; customers: number; months?: number; bulk?: boolean; buildWeb?: boolean; dataDir?: string; reset?: boolean; serve: boolean; port?: number; host?: string }) => {
      const months = options.months ?? (options.bulk ? DEMO_DEFAULTS.bulkMonths : DEMO_DEFAULTS.months);
      process.exitCode = await runDemo({ ...options, months });
    });
}
