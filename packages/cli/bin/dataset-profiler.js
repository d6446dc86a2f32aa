#!/usr/bin/env node
// Runs the CLI built by scripts/build.mjs (`npm install` runs it through the root's `prepare` script).
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(built)) {
  console.error('dataset-profiler is not built yet: run `npm run build` at the repository root.');
  process.exit(1);
}
const { runCli } = await import(built.href);
process.exitCode = await runCli(process.argv.slice(2));
