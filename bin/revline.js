#!/usr/bin/env -S node --max-semi-space-size=128
// Revline runs its TypeScript sources directly through tsx: no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
