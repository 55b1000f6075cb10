/**
 * The Node.js flags Revline runs under: the shebang of bin/revline.js and the package.json scripts
 * that start it spell them out, and bin/run-bench.js gives them to every bench's process, so a bench
 * measures what the CLI runs (test/cli/node-flags.test.ts keeps the three in step).
 *
 * --max-semi-space-size=128: a young generation of 128 MiB semi-spaces instead of 16. A billing-run
 * chunk (1,000 invoices) or an import batch allocates tens of megabytes that die once it commits;
 * with small semi-spaces they survive several scavenges and are copied each time. V8 sizes its heap
 * when the process starts, so this cannot be set from inside (docs/billing.md "Measured throughput").
 */
export const NODE_FLAGS = ['--max-semi-space-size=128'];
