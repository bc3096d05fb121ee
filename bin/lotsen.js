#!/usr/bin/env node
// Runs Lotsen's TypeScript sources directly (tsx), so `npx lotsen …` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli/lotsen.ts');
process.exitCode = await run(process.argv.slice(2));
