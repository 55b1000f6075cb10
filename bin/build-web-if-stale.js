#!/usr/bin/env node
// Builds the web app (web/ → web/dist) when the build is missing or older than its sources,
// so that `npm start` always serves the current UI without a separate dev server.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const builtIndex = path.join(web, 'dist', 'index.html');

function newestMtimeMs(target) {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(target).reduce((newest, name) => Math.max(newest, newestMtimeMs(path.join(target, name))), stat.mtimeMs);
}

const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => path.join(web, p)).filter((p) => fs.existsSync(p));
const sourceMs = Math.max(...sources.map(newestMtimeMs));
const builtMs = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;

if (builtMs >= sourceMs && process.argv[2] !== '--force') {
  process.stdout.write('Web app is up to date.\n');
} else {
  process.stdout.write('Building the web app…\n');
  const { build } = await import('vite');
  await build({ root: web, configFile: path.join(web, 'vite.config.ts'), logLevel: 'warn' });
  process.stdout.write('Web app built.\n');
}
